package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** DCDN 2018-01-15: the domain, coverage, tag and service operations cdn-lifeline uses. */
final class DcdnApi implements ProductApi {
    private static final String BEIAN_INVALID =
            "You are not allowed to perform this operation because the ICP license of your domain is invalid in Chinese Mainland.";

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
        JsonObject out = new JsonObject();
        switch (action) {
            case "DescribeDcdnUserDomains":
                return describeUserDomains(p, s);
            case "DescribeDcdnDomainDetail":
                out.add("DomainDetail", detail(DomainOps.find(s::dcdnDomain, p.require("DomainName"))));
                return out;
            case "StopDcdnDomain":
                DomainOps.stop(DomainOps.find(s::dcdnDomain, p.require("DomainName")));
                return out;
            case "StartDcdnDomain":
                DomainOps.start(DomainOps.find(s::dcdnDomain, p.require("DomainName")), s.account);
                return out;
            case "ModifyDCdnDomainSchdmByProperty":
                DomainOps.modifyCoverage(DomainOps.find(s::dcdnDomain, p.require("DomainName")), p.require("Property"), BEIAN_INVALID);
                return out;
            case "TagDcdnResources":
                DomainOps.tag(s::dcdnDomain, p, "The resource does not exist.");
                return out;
            case "UntagDcdnResources":
                DomainOps.untag(s::dcdnDomain, p, "The resource does not exist.");
                return out;
            case "DescribeDcdnTagResources":
                out.add("TagResources", DomainOps.describeTags(s::dcdnDomain, p));
                return out;
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
        JsonArray items = new JsonArray();
        for (Domain d : page.items) {
            JsonObject o = new JsonObject();
            o.addProperty("Cname", d.cname);
            o.addProperty("Description", "");
            o.addProperty("DomainId", d.domainId);
            o.addProperty("DomainName", d.domain);
            o.addProperty("DomainStatus", d.status);
            o.addProperty("GmtCreated", d.gmtCreated);
            o.addProperty("GmtModified", d.gmtModified);
            o.addProperty("ResourceGroupId", "rg-sandbox");
            o.addProperty("SSLProtocol", "off");
            o.addProperty("Sandbox", "normal");
            o.addProperty("Scene", "webservicescene");
            JsonArray sources = new JsonArray();
            for (Source src : d.sources) {
                sources.add(DomainOps.sourceJson(src, false));
            }
            o.add("Sources", Json.wrap("Source", sources));
            items.add(o);
        }
        JsonObject out = new JsonObject();
        out.addProperty("PageNumber", page.pageNumber);
        out.addProperty("TotalCount", page.total);
        out.addProperty("PageSize", page.pageSize);
        out.add("Domains", Json.wrap("PageData", items));
        return out;
    }

    private static JsonObject detail(Domain d) {
        JsonObject o = new JsonObject();
        o.addProperty("GmtCreated", d.gmtCreated);
        o.addProperty("SSLPub", "");
        o.addProperty("Description", "");
        o.addProperty("SSLProtocol", "off");
        o.addProperty("ResourceGroupId", "rg-sandbox");
        o.addProperty("Scope", d.coverage);
        o.addProperty("Cname", d.cname);
        o.addProperty("DomainStatus", d.status);
        o.addProperty("GmtModified", d.gmtModified);
        o.addProperty("DomainName", d.domain);
        JsonArray sources = new JsonArray();
        for (Source src : d.sources) {
            JsonObject so = new JsonObject();
            so.addProperty("Type", src.type);
            so.addProperty("Weight", src.weight);
            so.addProperty("Enabled", src.enabled);
            so.addProperty("Priority", src.priority);
            so.addProperty("Port", src.port);
            so.addProperty("Content", src.content);
            sources.add(so);
        }
        o.add("Sources", Json.wrap("Source", sources));
        o.addProperty("Scene", "webservicescene");
        o.addProperty("FunctionType", "");
        return o;
    }
}
