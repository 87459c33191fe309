package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.alidns20150109.models.DescribeDomainRecordsRequest;
import com.aliyun.alidns20150109.models.DescribeDomainRecordsResponseBody;
import com.aliyun.alidns20150109.models.UpdateDomainRecordRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second client family: the Tea (V2) SDK, which signs with ACS3-HMAC-SHA256 (V3). The typed Alidns client
 * {@code com.aliyun:alidns20150109} and the generic {@code com.aliyun:tea-openapi} client for CDN, DCDN and BSS.
 */
class V3ClientTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, null);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void demoAccount() {
        sandbox.replaceState(Sandbox.demoSeed());
        sandbox.clearRequests();
    }

    private static Config config(String keyId, String secret) {
        return new Config().setAccessKeyId(keyId).setAccessKeySecret(secret)
                .setEndpoint("127.0.0.1:" + sandbox.port()).setProtocol("HTTP");
    }

    private static Map<String, ?> call(Config config, String version, String action, Map<String, String> query) throws Exception {
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config);
        Params params = new Params().setAction(action).setVersion(version).setProtocol("HTTP").setMethod("POST")
                .setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("formData").setBodyType("json");
        OpenApiRequest request = new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(query));
        @SuppressWarnings("unchecked")
        Map<String, ?> body = (Map<String, ?>) client.callApi(params, request, new RuntimeOptions()).get("body");
        return body;
    }

    @Test
    void typedAlidnsClientReadsAndSwitchesARecord() throws Exception {
        // given the typed Alidns client of the Tea SDK
        com.aliyun.alidns20150109.Client dns = new com.aliyun.alidns20150109.Client(config("sandbox-ak", "sandbox-secret"));
        // when it switches www's CNAME to an A record and reads it back
        dns.updateDomainRecord(new UpdateDomainRecordRequest().setRecordId("1001").setRR("www").setType("A").setValue("203.0.113.10"));
        DescribeDomainRecordsResponseBody body = dns.describeDomainRecords(
                new DescribeDomainRecordsRequest().setDomainName("example.com").setRRKeyWord("www")).getBody();
        // then the typed model is populated and the sandbox saw V3 signatures
        DescribeDomainRecordsResponseBody.DescribeDomainRecordsResponseBodyDomainRecordsRecord r = body.getDomainRecords().getRecord().get(0);
        assertEquals("A", r.getType());
        assertEquals("1001", r.getRecordId());
        assertEquals(600L, r.getTTL());
        assertEquals(1L, body.getTotalCount());
        assertTrue(sandbox.requests().stream().allMatch(c -> "V3".equals(c.signature)), sandbox.requests()::toString);
    }

    @Test
    void genericClientReachesCdnDcdnAndBss() throws Exception {
        Config config = config("sandbox-ak", "sandbox-secret");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("DomainName", "www.example.com");
        Map<String, ?> cdn = call(config, "2018-05-10", "DescribeUserDomains", q);
        assertEquals(1, ((Number) cdn.get("TotalCount")).intValue());
        Map<String, ?> dcdn = call(config, "2018-01-15", "DescribeDcdnDomainDetail", Map.of("DomainName", "api.example.com"));
        assertEquals("global", ((Map<?, ?>) dcdn.get("DomainDetail")).get("Scope"));
        Map<String, ?> status = call(config, "2018-05-10", "DescribeUserCdnStatus", new LinkedHashMap<>());
        assertEquals(Boolean.FALSE, status.get("InDebt"));
        Map<String, ?> bss = call(config, "2017-12-14", "QueryAccountBalance", new LinkedHashMap<>());
        assertEquals("100.00", ((Map<?, ?>) bss.get("Data")).get("AvailableAmount"));
        assertEquals(List.of("V3"), sandbox.requests().stream().map(c -> c.signature).distinct().collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void formBodyParametersAreSignedAndRead() throws Exception {
        // given the generic client putting the API parameters in a form body (covered by x-acs-content-sha256)
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config("sandbox-ak", "sandbox-secret"));
        Params params = new Params().setAction("ModifyCdnDomainSchdmByProperty").setVersion("2018-05-10").setProtocol("HTTP")
                .setMethod("POST").setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("formData").setBodyType("json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("DomainName", "www.example.com");
        body.put("Property", "{\"coverage\":\"overseas\"}");
        // when it changes the coverage
        client.callApi(params, new OpenApiRequest().setBody(body), new RuntimeOptions());
        // then the sandbox read the body
        assertEquals("overseas", sandbox.read(s -> s.cdnDomain("www.example.com").coverage));
    }

    @Test
    void stsTokenTravelsInTheV3Header() throws Exception {
        sandbox.update(s -> s.accessKeys.add(new AccessKey("STS.v3", "v3-secret", "v3-token")));
        Config config = config("STS.v3", "v3-secret").setSecurityToken("v3-token");
        assertEquals(3, ((Number) call(config, "2018-05-10", "DescribeUserDomains", new LinkedHashMap<>()).get("TotalCount")).intValue());
        TeaException e = assertThrows(TeaException.class,
                () -> call(config("STS.v3", "v3-secret").setSecurityToken("stale"), "2018-05-10", "DescribeUserDomains", new LinkedHashMap<>()));
        assertEquals("InvalidSecurityToken.MismatchWithAccessKey", e.getCode());
    }

    @Test
    void wrongSecretAndUnknownKeyAreRefused() {
        TeaException wrong = assertThrows(TeaException.class,
                () -> call(config("sandbox-ak", "bad"), "2018-05-10", "DescribeUserDomains", new LinkedHashMap<>()));
        assertEquals("SignatureDoesNotMatch", wrong.getCode());
        assertEquals(400, wrong.getStatusCode());
        TeaException unknown = assertThrows(TeaException.class,
                () -> call(config("nobody", "bad"), "2015-01-09", "DescribeDomains", new LinkedHashMap<>()));
        assertEquals("InvalidAccessKeyId.NotFound", unknown.getCode());
        assertEquals(404, unknown.getStatusCode());
    }

    @Test
    void businessErrorsCarryTheCloudsCode() {
        TeaException e = assertThrows(TeaException.class,
                () -> call(config("sandbox-ak", "sandbox-secret"), "2018-05-10", "StopCdnDomain", Map.of("DomainName", "missing.example.com")));
        assertEquals("InvalidDomain.NotFound", e.getCode());
        assertEquals(404, e.getStatusCode());
    }
}
