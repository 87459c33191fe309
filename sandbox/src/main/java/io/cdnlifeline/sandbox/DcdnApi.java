package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

/** DCDN 2018-01-15: the domain, batch, coverage, tag, account status and service operations cdn-lifeline uses. */
final class DcdnApi implements ProductApi {
    private static final String BEIAN_INVALID =
            "You are not allowed to perform this operation because the ICP license of your domain is invalid in Chinese Mainland.";
    private static final DomainActions SHARED = new DomainActions(SandboxState::dcdnDomain)
            .detail("DescribeDcdnDomainDetail", "DomainDetail", DcdnApi::detail)
            .stop("StopDcdnDomain")
            .start("StartDcdnDomain")
            .coverage("ModifyDCdnDomainSchdmByProperty", BEIAN_INVALID)
            .batch("BatchStopDcdnDomain", "BatchStartDcdnDomain")
            .tags("TagDcdnResources", "UntagDcdnResources", "DescribeDcdnTagResources", "The resource does not exist.")
            .certificateInfo("DescribeDcdnDomainCertificateInfo", DcdnApi::certificateInfo)
            .configs("DescribeDcdnDomainConfigs");

    @Override
    public String product() {
        return "dcdn";
    }

    @Override
    public String hostId() {
        return "dcdn.aliyuncs.com";
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        if (SHARED.answers(action)) {
            return SHARED.call(action, p, s);
        }
        JsonObject out = new JsonObject();
        switch (action) {
            case "DescribeDcdnUserDomains":
                return describeUserDomains(p, s);
            case "DescribeUserDcdnStatus":
                return DomainOps.userStatus(s.account);
            case "DescribeDcdnService":
                out.addProperty("WebsocketChangingTime", "2024-01-01T00:00:00Z");
                out.addProperty("WebsocketChangingType", "websockettraffic");
                out.addProperty("ChangingAffectTime", "2024-01-01T16:00:00Z");
                out.addProperty("ChangingChargeType", "PayByTraffic");
                out.addProperty("OpeningTime", "2024-01-01T00:00:00Z");
                out.addProperty("InternetChargeType", "PayByTraffic");
                out.addProperty("WebsocketType", "websockettraffic");
                out.addProperty("InstanceId", "sandbox-dcdn");
                out.add("OperationLocks", DomainOps.operationLocks(s.account));
                return out;
            default:
                throw ProductApi.unknownAction();
        }
    }

    private static JsonObject describeUserDomains(Params p, SandboxState s) {
        DomainOps.Page page = DomainOps.list(s.dcdn, p, false);
        return page.answer(d -> {
            JsonObject o = new JsonObject();
            o.addProperty("Cname", d.cname);
            DomainOps.addListFields(o, d);
            o.addProperty("SSLProtocol", d.https ? "on" : "off");
            o.addProperty("Sandbox", "normal");
            o.addProperty("Scene", "webservicescene");
            o.add("Sources", Json.wrap("Source", DomainOps.listSources(d)));
            return o;
        });
    }

    /** One {@code CertInfo}: DCDN says {@code SSLProtocol} where CDN says {@code ServerCertificateStatus}. */
    private static JsonObject certificateInfo(Domain d) {
        JsonObject o = new JsonObject();
        o.addProperty("Status", d.https ? "success" : "");
        o.addProperty("CertLife", d.https ? "3 months" : "");
        o.addProperty("CertExpireTime", d.https ? "2099-01-01T00:00:00Z" : "");
        o.addProperty("SSLPub", "");
        o.addProperty("SSLProtocol", d.https ? "on" : "off");
        o.addProperty("CertType", d.https ? "upload" : "");
        o.addProperty("CertDomainName", d.https ? d.domain : "");
        o.addProperty("CertName", d.https ? "cert-" + d.domain : "");
        o.addProperty("CertOrg", d.https ? "Sandbox CA" : "");
        o.addProperty("DomainName", d.domain);
        o.addProperty("CertId", d.https ? String.valueOf(d.domainId) : "");
        o.addProperty("CertRegion", "cn-hangzhou");
        return o;
    }

    private static JsonObject detail(Domain d) {
        JsonObject o = new JsonObject();
        o.addProperty("GmtCreated", d.gmtCreated);
        o.addProperty("SSLPub", "");
        o.addProperty("Description", "");
        o.addProperty("SSLProtocol", d.https ? "on" : "off");
        o.addProperty("ResourceGroupId", "rg-sandbox");
        o.addProperty("Scope", d.coverage);
        o.addProperty("Cname", d.cname);
        o.addProperty("DomainStatus", d.status);
        o.addProperty("GmtModified", d.gmtModified);
        o.addProperty("DomainName", d.domain);
        o.add("Sources", Json.wrap("Source", DomainOps.detailSources(d)));
        o.addProperty("Scene", "webservicescene");
        o.addProperty("FunctionType", "");
        return o;
    }
}
