package io.cdnlifeline.cloud.aliyun;

/**
 * The Alibaba Cloud products the adapters call, with the product code and the API version every call
 * names, and the central endpoint the classic SDK endpoint tables give (used where {@link Endpoints} has no
 * row for a region).
 */
enum AliyunService {
    CDN("Cdn", "2018-05-10", "cdn.aliyuncs.com"),
    DCDN("dcdn", "2018-01-15", "dcdn.aliyuncs.com"),
    /** The domain operations are "only available in China (Shanghai)" (vod/README-notes.md): that endpoint, RegionId cn-shanghai. */
    VOD("vod", "2017-03-21", "vod.cn-shanghai.aliyuncs.com"),
    /** live.aliyuncs.com serves every public region (live/README-notes.md). */
    LIVE("live", "2016-11-01", "live.aliyuncs.com"),
    ALIDNS("Alidns", "2015-01-09", "alidns.aliyuncs.com"),
    /** GetCallerIdentity (lifeline doctor) and AssumeRole (a run over several accounts). */
    STS("Sts", "2015-04-01", "sts.aliyuncs.com"),
    /** Resource Directory's ListAccounts (rd: in LIFELINE_ACCOUNTS); rule "central" (resourcemanager/README-notes.md). */
    RESOURCE_MANAGER("ResourceManager", "2020-03-31", "resourcemanager.aliyuncs.com"),
    /** For {@code lifeline setup} only (the function role and policy, a member role): global, ram.aliyuncs.com. */
    RAM("Ram", "2015-05-01", "ram.aliyuncs.com"),
    /** For {@code lifeline setup} only (the notification bus and its rules): regional, {@link Endpoints}. */
    EVENTBRIDGE("eventbridge", "2020-04-01", "eventbridge.cn-hangzhou.aliyuncs.com"),
    /** For {@code QueryAccountBalance} only (the watch's balance warning). */
    BSS("BssOpenApi", "2017-12-14", "business.aliyuncs.com");

    private final String productCode;
    private final String version;
    private final String endpoint;

    AliyunService(String productCode, String version, String endpoint) {
        this.productCode = productCode;
        this.version = version;
        this.endpoint = endpoint;
    }

    /** The SDK's product code (RpcSignatureTest builds the SDK's own request with it, as the oracle). */
    String productCode() { return productCode; }
    String version() { return version; }
    /** Host of the real central endpoint (always called over HTTPS); {@link Endpoints} chooses per region. */
    String endpoint() { return endpoint; }
}
