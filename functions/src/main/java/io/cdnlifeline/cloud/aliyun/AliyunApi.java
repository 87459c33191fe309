package io.cdnlifeline.cloud.aliyun;

/**
 * Every API operation the adapters call, with the per-account QPS the client-side rate limiter keeps
 * under (it runs at {@link ResilientCaller#QPS_HEADROOM} of it). CDN and DCDN figures are the documented ones (api-examples/README.md sections 3-4);
 * Alidns record figures are the Alidns API quota page's (api-alidns-2015-01-09-quota, as the sandbox enforces
 * them): a limit below the real one costs the fleet run time (at 20 QPS, 1,000 host reads took 55 s, not 3).
 * {@code DescribeUserCdnStatus}, {@code CheckCdnDomainICP}, {@code DescribeDcdnService}, and Alidns
 * {@code DescribeDomains} and {@code UpdateDomainRecordRemark} state no figure: those use
 * {@link #UNDOCUMENTED_QPS}, a conservative value below every documented CDN figure except the tag queries.
 */
enum AliyunApi {
    DESCRIBE_USER_DOMAINS(AliyunService.CDN, "DescribeUserDomains", 100),
    DESCRIBE_CDN_DOMAIN_DETAIL(AliyunService.CDN, "DescribeCdnDomainDetail", 30),
    DESCRIBE_CDN_DOMAIN_CONFIGS(AliyunService.CDN, "DescribeCdnDomainConfigs", 100),
    STOP_CDN_DOMAIN(AliyunService.CDN, "StopCdnDomain", 40),
    START_CDN_DOMAIN(AliyunService.CDN, "StartCdnDomain", 100),
    BATCH_STOP_CDN_DOMAIN(AliyunService.CDN, "BatchStopCdnDomain", 30),
    BATCH_START_CDN_DOMAIN(AliyunService.CDN, "BatchStartCdnDomain", 30),
    MODIFY_CDN_DOMAIN_SCHDM(AliyunService.CDN, "ModifyCdnDomainSchdmByProperty", 100),
    TAG_RESOURCES(AliyunService.CDN, "TagResources", 100),
    UNTAG_RESOURCES(AliyunService.CDN, "UntagResources", 100),
    DESCRIBE_TAG_RESOURCES(AliyunService.CDN, "DescribeTagResources", 10),
    DESCRIBE_CDN_SERVICE(AliyunService.CDN, "DescribeCdnService", 30),
    DESCRIBE_USER_CDN_STATUS(AliyunService.CDN, "DescribeUserCdnStatus", AliyunApi.UNDOCUMENTED_QPS),
    CHECK_CDN_DOMAIN_ICP(AliyunService.CDN, "CheckCdnDomainICP", AliyunApi.UNDOCUMENTED_QPS),

    DESCRIBE_DCDN_USER_DOMAINS(AliyunService.DCDN, "DescribeDcdnUserDomains", 80),
    DESCRIBE_DCDN_DOMAIN_DETAIL(AliyunService.DCDN, "DescribeDcdnDomainDetail", 30),
    DESCRIBE_DCDN_DOMAIN_CONFIGS(AliyunService.DCDN, "DescribeDcdnDomainConfigs", 30),
    STOP_DCDN_DOMAIN(AliyunService.DCDN, "StopDcdnDomain", 30),
    START_DCDN_DOMAIN(AliyunService.DCDN, "StartDcdnDomain", 30),
    MODIFY_DCDN_DOMAIN_SCHDM(AliyunService.DCDN, "ModifyDCdnDomainSchdmByProperty", 100),
    TAG_DCDN_RESOURCES(AliyunService.DCDN, "TagDcdnResources", 100),
    UNTAG_DCDN_RESOURCES(AliyunService.DCDN, "UntagDcdnResources", 100),
    DESCRIBE_DCDN_TAG_RESOURCES(AliyunService.DCDN, "DescribeDcdnTagResources", 10),
    DESCRIBE_DCDN_SERVICE(AliyunService.DCDN, "DescribeDcdnService", AliyunApi.UNDOCUMENTED_QPS),
    BATCH_STOP_DCDN_DOMAIN(AliyunService.DCDN, "BatchStopDcdnDomain", 30),
    BATCH_START_DCDN_DOMAIN(AliyunService.DCDN, "BatchStartDcdnDomain", 30),
    DESCRIBE_USER_DCDN_STATUS(AliyunService.DCDN, "DescribeUserDcdnStatus", 30),

    // VOD states a QPS only for the detail (30); the list and the batch stop/start state none (vod/README-notes.md)
    DESCRIBE_VOD_USER_DOMAINS(AliyunService.VOD, "DescribeVodUserDomains", AliyunApi.UNDOCUMENTED_QPS),
    DESCRIBE_VOD_DOMAIN_DETAIL(AliyunService.VOD, "DescribeVodDomainDetail", 30),
    BATCH_STOP_VOD_DOMAIN(AliyunService.VOD, "BatchStopVodDomain", AliyunApi.UNDOCUMENTED_QPS),
    BATCH_START_VOD_DOMAIN(AliyunService.VOD, "BatchStartVodDomain", AliyunApi.UNDOCUMENTED_QPS),

    DESCRIBE_LIVE_USER_DOMAINS(AliyunService.LIVE, "DescribeLiveUserDomains", 100),
    DESCRIBE_LIVE_DOMAIN_DETAIL(AliyunService.LIVE, "DescribeLiveDomainDetail", 50),
    STOP_LIVE_DOMAIN(AliyunService.LIVE, "StopLiveDomain", 30),
    START_LIVE_DOMAIN(AliyunService.LIVE, "StartLiveDomain", 30),
    MODIFY_LIVE_DOMAIN_SCHDM(AliyunService.LIVE, "ModifyLiveDomainSchdmByProperty", 100),
    TAG_LIVE_RESOURCES(AliyunService.LIVE, "TagLiveResources", 100),
    UNTAG_LIVE_RESOURCES(AliyunService.LIVE, "UnTagLiveResources", 100),
    DESCRIBE_LIVE_TAG_RESOURCES(AliyunService.LIVE, "DescribeLiveTagResources", 10),

    DESCRIBE_DOMAINS(AliyunService.ALIDNS, "DescribeDomains", AliyunApi.UNDOCUMENTED_QPS),
    DESCRIBE_DOMAIN_RECORDS(AliyunService.ALIDNS, "DescribeDomainRecords", 100),
    DESCRIBE_SUB_DOMAIN_RECORDS(AliyunService.ALIDNS, "DescribeSubDomainRecords", 300),
    DESCRIBE_DOMAIN_RECORD_INFO(AliyunService.ALIDNS, "DescribeDomainRecordInfo", 200),
    ADD_DOMAIN_RECORD(AliyunService.ALIDNS, "AddDomainRecord", 60),
    UPDATE_DOMAIN_RECORD(AliyunService.ALIDNS, "UpdateDomainRecord", 60),
    DELETE_DOMAIN_RECORD(AliyunService.ALIDNS, "DeleteDomainRecord", 60),
    UPDATE_DOMAIN_RECORD_REMARK(AliyunService.ALIDNS, "UpdateDomainRecordRemark", AliyunApi.UNDOCUMENTED_QPS),

    GET_CALLER_IDENTITY(AliyunService.STS, "GetCallerIdentity", AliyunApi.UNDOCUMENTED_QPS),
    /** 6000 calls per minute, shared by the account and all its RAM users and roles (sts/README-notes.md). */
    ASSUME_ROLE(AliyunService.STS, "AssumeRole", 100),
    /** No QPS stated (resourcemanager/README-notes.md); 100 accounts a page, so a handful of calls a run. */
    LIST_ACCOUNTS(AliyunService.RESOURCE_MANAGER, "ListAccounts", AliyunApi.UNDOCUMENTED_QPS),

    // lifeline setup's (ControlPlane), never a function's: RAM and EventBridge state no per-API QPS we found
    RAM_CREATE_ROLE(AliyunService.RAM, "CreateRole", AliyunApi.UNDOCUMENTED_QPS),
    RAM_GET_ROLE(AliyunService.RAM, "GetRole", AliyunApi.UNDOCUMENTED_QPS),
    RAM_UPDATE_ROLE(AliyunService.RAM, "UpdateRole", AliyunApi.UNDOCUMENTED_QPS),
    RAM_CREATE_POLICY(AliyunService.RAM, "CreatePolicy", AliyunApi.UNDOCUMENTED_QPS),
    RAM_GET_POLICY(AliyunService.RAM, "GetPolicy", AliyunApi.UNDOCUMENTED_QPS),
    RAM_CREATE_POLICY_VERSION(AliyunService.RAM, "CreatePolicyVersion", AliyunApi.UNDOCUMENTED_QPS),
    RAM_LIST_POLICY_VERSIONS(AliyunService.RAM, "ListPolicyVersions", AliyunApi.UNDOCUMENTED_QPS),
    RAM_DELETE_POLICY_VERSION(AliyunService.RAM, "DeletePolicyVersion", AliyunApi.UNDOCUMENTED_QPS),
    RAM_ATTACH_POLICY_TO_ROLE(AliyunService.RAM, "AttachPolicyToRole", AliyunApi.UNDOCUMENTED_QPS),
    RAM_LIST_POLICIES_FOR_ROLE(AliyunService.RAM, "ListPoliciesForRole", AliyunApi.UNDOCUMENTED_QPS),
    EB_CREATE_EVENT_BUS(AliyunService.EVENTBRIDGE, "CreateEventBus", AliyunApi.UNDOCUMENTED_QPS),
    EB_GET_EVENT_BUS(AliyunService.EVENTBRIDGE, "GetEventBus", AliyunApi.UNDOCUMENTED_QPS),
    EB_CREATE_RULE(AliyunService.EVENTBRIDGE, "CreateRule", AliyunApi.UNDOCUMENTED_QPS),
    EB_GET_RULE(AliyunService.EVENTBRIDGE, "GetRule", AliyunApi.UNDOCUMENTED_QPS),
    EB_UPDATE_RULE(AliyunService.EVENTBRIDGE, "UpdateRule", AliyunApi.UNDOCUMENTED_QPS),
    EB_PUT_TARGETS(AliyunService.EVENTBRIDGE, "PutTargets", AliyunApi.UNDOCUMENTED_QPS),
    // lifeline uninstall's (the same ControlPlane): what takes setup's resources away again
    RAM_DETACH_POLICY_FROM_ROLE(AliyunService.RAM, "DetachPolicyFromRole", AliyunApi.UNDOCUMENTED_QPS),
    RAM_DELETE_POLICY(AliyunService.RAM, "DeletePolicy", AliyunApi.UNDOCUMENTED_QPS),
    RAM_DELETE_ROLE(AliyunService.RAM, "DeleteRole", AliyunApi.UNDOCUMENTED_QPS),
    EB_DELETE_RULE(AliyunService.EVENTBRIDGE, "DeleteRule", AliyunApi.UNDOCUMENTED_QPS),
    EB_DELETE_EVENT_BUS(AliyunService.EVENTBRIDGE, "DeleteEventBus", AliyunApi.UNDOCUMENTED_QPS),

    // api-examples/README.md section 6 states no QPS for it; the watch calls it once a minute
    QUERY_ACCOUNT_BALANCE(AliyunService.BSS, "QueryAccountBalance", AliyunApi.UNDOCUMENTED_QPS);

    /** Used where no per-API QPS is documented (Alidns, and three CDN/DCDN account reads). */
    static final int UNDOCUMENTED_QPS = 20;

    private final AliyunService service;
    private final String action;
    private final int qps;

    AliyunApi(AliyunService service, String action, int qps) {
        this.service = service;
        this.action = action;
        this.qps = qps;
    }

    AliyunService service() { return service; }
    String action() { return action; }
    int qps() { return qps; }
}
