package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

/** CDN 2018-05-10: the domain, coverage, tag and account operations cdn-lifeline uses. */
final class CdnApi implements ProductApi {
    private static final String BEIAN_INVALID =
            "not allowed to do this operation because the domain registration record invalid in China main land";
    private static final DomainActions SHARED = new DomainActions(SandboxState::cdnDomain)
            .detail("DescribeCdnDomainDetail", "GetDomainDetailModel", CdnApi::detail)
            .stop("StopCdnDomain")
            .start("StartCdnDomain")
            .coverage("ModifyCdnDomainSchdmByProperty", BEIAN_INVALID)
            .batch("BatchStopCdnDomain", "BatchStartCdnDomain")
            .tags("TagResources", "UntagResources", "DescribeTagResources", "Resources does not exist.")
            .certificateInfo("DescribeDomainCertificateInfo", CdnApi::certificateInfo)
            .configs("DescribeCdnDomainConfigs");

    @Override
    public String product() {
        return "cdn";
    }

    @Override
    public String hostId() {
        return "cdn.aliyuncs.com";
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        if (SHARED.answers(action)) {
            return SHARED.call(action, p, s);
        }
        JsonObject out = new JsonObject();
        switch (action) {
            case "DescribeUserDomains":
                return describeUserDomains(p, s);
            case "DescribeUserCdnStatus":
                return DomainOps.userStatus(s.account);
            case "DescribeCdnService":
                out.addProperty("ChangingAffectTime", "2024-01-01T16:00:00Z");
                out.addProperty("ChangingChargeType", "PayByTraffic");
                out.addProperty("OpeningTime", "2024-01-01T00:00:00Z");
                out.addProperty("InternetChargeType", "PayByTraffic");
                out.addProperty("InstanceId", "sandbox-cdn");
                out.add("OperationLocks", DomainOps.operationLocks(s.account));
                out.addProperty("ChangingDynamicBillingType", "");
                out.addProperty("DynamicBillingType", "");
                return out;
            case "CheckCdnDomainICP":
                return checkIcp(p, s);
            default:
                throw ProductApi.unknownAction();
        }
    }

    private static JsonObject describeUserDomains(Params p, SandboxState s) {
        DomainOps.Page page = DomainOps.list(s.cdn, p, true);
        return page.answer(d -> {
            JsonObject o = new JsonObject();
            o.addProperty("CdnType", d.cdnType);
            o.addProperty("Cname", d.cname);
            o.addProperty("Coverage", d.coverage);
            DomainOps.addListFields(o, d);
            o.addProperty("Sandbox", "normal");
            o.add("Sources", Json.wrap("Source", DomainOps.listSources(d)));
            o.addProperty("SslProtocol", d.https ? "on" : "off");
            return o;
        });
    }

    private static JsonObject detail(Domain d) {
        JsonObject o = new JsonObject();
        o.addProperty("GmtCreated", d.gmtCreated);
        o.addProperty("Description", "");
        o.addProperty("HttpsCname", d.cname);
        o.addProperty("ResourceGroupId", "rg-sandbox");
        o.addProperty("ServerCertificateStatus", d.https ? "on" : "off");
        o.addProperty("Scope", d.coverage);
        o.addProperty("DomainStatus", d.status);
        o.addProperty("Cname", d.cname);
        o.addProperty("GmtModified", d.gmtModified);
        o.addProperty("CdnType", d.cdnType);
        o.addProperty("DomainName", d.domain);
        o.add("SourceModels", Json.wrap("SourceModel", DomainOps.detailSources(d)));
        return o;
    }

    /** One {@code CertInfo}: the uploaded certificate when the edge serves HTTPS, the switch off otherwise. */
    private static JsonObject certificateInfo(Domain d) {
        JsonObject o = new JsonObject();
        o.addProperty("Status", d.https ? "success" : "");
        o.addProperty("CertLife", d.https ? "3 months" : "");
        o.addProperty("ServerCertificateStatus", d.https ? "on" : "off");
        o.addProperty("CertType", d.https ? "upload" : "");
        o.addProperty("CertName", d.https ? "cert-" + d.domain : "");
        o.addProperty("CertDomainName", d.https ? d.domain : "");
        o.addProperty("DomainName", d.domain);
        o.addProperty("CertOrg", d.https ? "Sandbox CA" : "");
        o.addProperty("CertExpireTime", d.https ? "2099-01-01T00:00:00Z" : "");
        return o;
    }

    /** The filing check covers any domain of the account, CDN or DCDN. */
    private static JsonObject checkIcp(Params p, SandboxState s) {
        String name = p.require("DomainName");
        Domain d = s.cdnDomain(name) != null ? s.cdnDomain(name) : s.dcdnDomain(name);
        if (d == null) {
            throw new ApiError(400, "-124", "The domain provided does not belong to you.");
        }
        JsonObject out = new JsonObject();
        out.addProperty("Status", d.icp ? "DomainIsRegistration" : "DomainNotRegistration");
        return out;
    }
}
