package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;

/**
 * ApsaraVideo Live 2016-11-01: the domain operations cdn-lifeline uses. Its list says {@code LiveDomainStatus} (the
 * detail {@code DomainStatus}), carries no Scope, holds at most 50 domains a page and filters on
 * {@code LiveDomainType}; a Live domain has no customer origin (no Sources).
 */
final class LiveApi implements ProductApi {
    private static final String BEIAN_INVALID =
            "not allowed to do this operation because the domain registration record invalid in China main land";
    private static final DomainActions SHARED = new DomainActions(SandboxState::liveDomain)
            .detail("DescribeLiveDomainDetail", "DomainDetail", LiveApi::detail)
            .stop("StopLiveDomain")
            .start("StartLiveDomain")
            .coverage("ModifyLiveDomainSchdmByProperty", BEIAN_INVALID)
            .tags("TagLiveResources", "UnTagLiveResources", "DescribeLiveTagResources", "The resource does not exist.");

    @Override
    public String product() {
        return "live";
    }

    @Override
    public String hostId() {
        return "live.aliyuncs.com";
    }

    /** Live's common error for a service the account has not opened (the message is ours: the docs give none). */
    @Override
    public ApiError notActivated() {
        return new ApiError(400, "InvalidIdentity.ServiceDisabled", "The ApsaraVideo Live service is not activated for this account.");
    }

    /** Live's common errors give 401 for Forbidden. */
    @Override
    public ApiError forbidden() {
        return new ApiError(401, "Forbidden", "User not authorized to operate on the specified resource.");
    }

    @Override
    public JsonObject call(String action, Params p, SandboxState s) {
        if (SHARED.answers(action)) {
            return SHARED.call(action, p, s);
        }
        if ("DescribeLiveUserDomains".equals(action)) {
            return describeUserDomains(p, s);
        }
        throw ProductApi.unknownAction();
    }

    private static JsonObject describeUserDomains(Params p, SandboxState s) {
        String type = p.get("LiveDomainType");
        if (type != null && !type.equals("liveVideo") && !type.equals("liveEdge")) {
            throw ApiError.invalid("LiveDomainType");
        }
        java.util.List<Domain> ofType = new java.util.ArrayList<>();
        for (Domain d : s.live) {
            if (type == null || type.equals(d.liveDomainType)) {
                ofType.add(d);
            }
        }
        DomainOps.Page page = DomainOps.list(ofType, p, false, 50);
        return page.answer(d -> {
            JsonObject o = new JsonObject();
            o.addProperty("Cname", d.cname);
            o.addProperty("Description", "");
            o.addProperty("RegionName", d.region);
            o.addProperty("LiveDomainType", d.liveDomainType);
            o.addProperty("DomainName", d.domain);
            o.addProperty("GmtModified", d.gmtModified);
            o.addProperty("GmtCreated", d.gmtCreated);
            o.addProperty("LiveDomainStatus", d.status);
            o.addProperty("ResourceGroupId", "rg-sandbox");
            return o;
        });
    }

    private static JsonObject detail(Domain d) {
        JsonObject o = new JsonObject();
        o.addProperty("Description", "");
        o.addProperty("DomainName", d.domain);
        o.addProperty("SSLPub", "");
        o.addProperty("GmtModified", d.gmtModified);
        o.addProperty("GmtCreated", d.gmtCreated);
        o.addProperty("Cname", d.cname);
        o.addProperty("SSLProtocol", "off");
        o.addProperty("Scope", d.coverage);
        o.addProperty("LiveDomainType", d.liveDomainType);
        o.addProperty("Region", d.region);
        o.addProperty("CertName", "");
        o.addProperty("DomainStatus", d.status);
        o.addProperty("ResourceGroupId", "rg-sandbox");
        return o;
    }
}
