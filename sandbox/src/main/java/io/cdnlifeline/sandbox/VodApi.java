package io.cdnlifeline.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * ApsaraVideo VOD 2017-03-21: the CDN-domain operations cdn-lifeline uses (list, detail, batch stop and start).
 * VOD documents no tag API and no API to change a domain's acceleration region, so there is none here either;
 * its list carries no Scope and holds at most 50 domains a page.
 */
final class VodApi implements ProductApi {
    /** VOD's documented wording of InvalidDomain.NotFound (BatchStop/BatchStartVodDomain). */
    private static ApiError notFound() {
        return new ApiError(404, "InvalidDomain.NotFound", "The domain provided does not belong to you.");
    }
    private static final DomainActions SHARED = new DomainActions(SandboxState::vodDomain)
            .detail("DescribeVodDomainDetail", "DomainDetail", VodApi::detail);

    @Override
    public String product() {
        return "vod";
    }

    @Override
    public String hostId() {
        return "vod.cn-shanghai.aliyuncs.com";
    }

    @Override
    public ApiError notActivated() {
        return new ApiError(403, "OperationDenied", "Your account does not open VOD service yet.");
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        if (SHARED.answers(action)) {
            return SHARED.call(action, p, s);
        }
        switch (action) {
            case "DescribeVodUserDomains":
                return describeUserDomains(p, s);
            case "BatchStopVodDomain":
                for (Domain d : DomainOps.batch(s::vodDomain, p, VodApi::notFound)) {
                    DomainOps.stop(d);
                }
                return new JsonObject();
            case "BatchStartVodDomain":
                for (Domain d : DomainOps.batch(s::vodDomain, p, VodApi::notFound)) {
                    DomainOps.start(d, s.account);
                }
                return new JsonObject();
            default:
                throw ProductApi.unknownAction();
        }
    }

    /** Documented PageData fields only: no Scope (coverage) and no ResourceGroupId; Port an integer, Priority a string. */
    private static JsonObject describeUserDomains(Params p, SandboxState s) {
        DomainOps.Page page = DomainOps.list(s.vod, p, false, 50);
        return page.answer(d -> {
            JsonObject o = new JsonObject();
            o.addProperty("SslProtocol", d.https ? "on" : "off");
            o.addProperty("Description", "");
            o.addProperty("DomainName", d.domain);
            o.addProperty("GmtModified", d.gmtModified);
            o.addProperty("GmtCreated", d.gmtCreated);
            o.addProperty("Cname", d.cname);
            o.addProperty("DomainStatus", d.status);
            o.addProperty("Sandbox", "normal");
            JsonArray sources = new JsonArray();
            for (Source src : d.sources) {
                JsonObject so = new JsonObject();
                so.addProperty("Type", src.type);
                so.addProperty("Priority", src.priority);
                so.addProperty("Content", src.content);
                so.addProperty("Port", src.port);
                sources.add(so);
            }
            o.add("Sources", Json.wrap("Source", sources));
            return o;
        });
    }

    private static JsonObject detail(Domain d) {
        JsonObject o = new JsonObject();
        o.addProperty("Cname", d.cname);
        o.addProperty("DomainStatus", d.status);
        o.addProperty("DomainName", d.domain);
        o.addProperty("Description", "");
        o.addProperty("SSLProtocol", d.https ? "on" : "off");
        o.addProperty("SSLPub", "");
        o.addProperty("CertName", "");
        o.addProperty("Scope", d.coverage);
        o.addProperty("Weight", "1");
        o.add("Sources", Json.wrap("Source", DomainOps.detailSources(d)));
        o.addProperty("GmtModified", d.gmtModified);
        o.addProperty("GmtCreated", d.gmtCreated);
        return o;
    }
}
