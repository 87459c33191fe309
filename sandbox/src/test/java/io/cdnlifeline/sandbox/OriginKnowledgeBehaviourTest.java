package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's https, forceHttps, originScheme and originHost, as the certificate, detail and configs operations answer them. */
class OriginKnowledgeBehaviourTest {
    private static final String SEED = "{\"cdn\": [{\"domain\": \"www.example.com\", \"https\": true, \"forceHttps\": true,"
            + " \"originScheme\": \"http\", \"originHost\": \"bucket.oss.example\","
            + " \"sources\": [{\"type\": \"oss\", \"content\": \"bucket.oss.example\", \"port\": 80}]},"
            + " {\"domain\": \"plain.example.com\", \"sources\": [{\"content\": \"127.0.0.9\"}]}],"
            + " \"dcdn\": [{\"domain\": \"api.example.com\", \"https\": true, \"originScheme\": \"https\"}]}";
    private static Sandbox sandbox;
    private static RawClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, SEED);
        client = new RawClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theEdgeHttpsSwitchIsTheSeedsHttps() {
        // when the detail and certificate operations are asked about an HTTPS domain and a plain one
        JsonObject on = client.call("cdn", "DescribeDomainCertificateInfo", "DomainName", "www.example.com").body;
        JsonObject off = client.call("cdn", "DescribeDomainCertificateInfo", "DomainName", "plain.example.com").body;
        JsonObject dcdn = client.call("dcdn", "DescribeDcdnDomainCertificateInfo", "DomainName", "api.example.com").body;
        JsonObject detail = client.call("cdn", "DescribeCdnDomainDetail", "DomainName", "www.example.com").body;
        // then each says what the seed says, in its product's own field
        assertEquals("on", certInfo(on).get("ServerCertificateStatus").getAsString());
        assertEquals("www.example.com", certInfo(on).get("CertDomainName").getAsString());
        assertEquals("off", certInfo(off).get("ServerCertificateStatus").getAsString());
        assertEquals("on", certInfo(dcdn).get("SSLProtocol").getAsString());
        assertEquals("on", detail.getAsJsonObject("GetDomainDetailModel").get("ServerCertificateStatus").getAsString());
    }

    @Test
    void configsCarryTheOriginSchemeHostAndForcedHttps() {
        // when all three functions are asked for in one call
        JsonObject all = client.call("cdn", "DescribeCdnDomainConfigs", "DomainName", "www.example.com",
                "FunctionNames", "forward_scheme,set_req_host_header,https_force").body;
        // then each is there with its documented arguments
        assertEquals("bucket.oss.example", arg(all, "set_req_host_header", "domain_name"));
        assertEquals("http", arg(all, "forward_scheme", "scheme_origin"));
        assertEquals("on", arg(all, "forward_scheme", "enable"));
        assertEquals("on", arg(all, "https_force", "enable"));
        // and a domain without them has no such config; a filter keeps only the named function
        assertEquals(0, configs(client.call("cdn", "DescribeCdnDomainConfigs", "DomainName", "plain.example.com").body).size());
        JsonArray one = configs(client.call("dcdn", "DescribeDcdnDomainConfigs", "DomainName", "api.example.com",
                "FunctionNames", "forward_scheme").body);
        assertEquals(1, one.size());
        assertEquals("https", arg(client.call("dcdn", "DescribeDcdnDomainConfigs", "DomainName", "api.example.com").body,
                "forward_scheme", "scheme_origin"));
    }

    @Test
    void unknownFunctionsAndDomainsAreRefusedAsDocumented() {
        RawClient.Answer bad = client.call("cdn", "DescribeCdnDomainConfigs", "DomainName", "www.example.com", "FunctionNames", "teleport");
        assertEquals(400, bad.status);
        assertEquals("InvalidFunctionName.ValueNotSupported", bad.code());
        assertEquals("InvalidDomain.NotFound", client.call("cdn", "DescribeDomainCertificateInfo", "DomainName", "nope.example.com").code());
    }

    @Test
    void theStateKeepsTheNewFieldsSoASavedStateReplays() {
        JsonObject state = JsonParser.parseString(sandbox.stateJson()).getAsJsonObject();
        JsonObject www = state.getAsJsonArray("cdn").get(0).getAsJsonObject();
        assertTrue(www.get("https").getAsBoolean());
        assertTrue(www.get("forceHttps").getAsBoolean());
        assertEquals("http", www.get("originScheme").getAsString());
        assertEquals("bucket.oss.example", www.get("originHost").getAsString());
    }

    private static JsonObject certInfo(JsonObject body) {
        return body.getAsJsonObject("CertInfos").getAsJsonArray("CertInfo").get(0).getAsJsonObject();
    }

    private static JsonArray configs(JsonObject body) {
        return body.getAsJsonObject("DomainConfigs").getAsJsonArray("DomainConfig");
    }

    private static String arg(JsonObject body, String function, String name) {
        for (var c : configs(body)) {
            JsonObject o = c.getAsJsonObject();
            if (!o.get("FunctionName").getAsString().equals(function)) continue;
            for (var a : o.getAsJsonObject("FunctionArgs").getAsJsonArray("FunctionArg")) {
                if (a.getAsJsonObject().get("ArgName").getAsString().equals(name)) return a.getAsJsonObject().get("ArgValue").getAsString();
            }
        }
        return null;
    }
}
