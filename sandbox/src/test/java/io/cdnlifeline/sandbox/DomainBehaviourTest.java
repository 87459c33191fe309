package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CDN and DCDN validation and state changes, on the wire. */
class DomainBehaviourTest {
    private static Sandbox sandbox;
    private static RawClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, null);
        client = new RawClient(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void demoAccount() {
        sandbox.replaceState(Sandbox.demoSeed());
    }

    @Test
    void pagingLimitsAndEnumsAreChecked() {
        assertEquals("InvalidPageSize.ValueNotSupported", client.call("cdn", "DescribeUserDomains", "PageSize", "501").code());
        assertEquals("InvalidPageNumber.ValueNotSupported", client.call("cdn", "DescribeUserDomains", "PageNumber", "0").code());
        assertEquals("InvalidDomainStatus.ValueNotSupported", client.call("dcdn", "DescribeDcdnUserDomains", "DomainStatus", "sleeping").code());
        assertEquals("InvalidDomainSearchType.ValueNotSupported",
                client.call("cdn", "DescribeUserDomains", "DomainName", "www", "DomainSearchType", "regex").code());
    }

    @Test
    void searchTypesMatchAsDocumented() {
        assertEquals(0, total(client.call("cdn", "DescribeUserDomains", "DomainName", "example")));
        assertEquals(3, total(client.call("cdn", "DescribeUserDomains", "DomainName", "example", "DomainSearchType", "fuzzy_match")));
        assertEquals(1, total(client.call("cdn", "DescribeUserDomains", "DomainName", "shop", "DomainSearchType", "pre_match")));
        assertEquals(2, total(client.call("cdn", "DescribeUserDomains", "DomainName", "www.example.com,img.example.com")));
        assertEquals(1, total(client.call("cdn", "DescribeUserDomains", "Coverage", "global")));
    }

    @Test
    void coveragePropertyMustBeValid() {
        assertEquals("InvalidParameter", client.call("cdn", "ModifyCdnDomainSchdmByProperty", "DomainName", "www.example.com",
                "Property", "{\"coverage\":\"moon\"}").code());
        assertEquals("InvalidParameter", client.call("dcdn", "ModifyDCdnDomainSchdmByProperty", "DomainName", "api.example.com",
                "Property", "not json").code());
        assertEquals("MissingProperty", client.call("cdn", "ModifyCdnDomainSchdmByProperty", "DomainName", "www.example.com").code());
    }

    @Test
    void dcdnRefusesMainlandCoverageWithoutIcp() {
        sandbox.update(s -> {
            s.dcdnDomain("api.example.com").icp = false;
            s.dcdnDomain("api.example.com").coverage = "overseas";
        });
        RawClient.Answer a = client.call("dcdn", "ModifyDCdnDomainSchdmByProperty", "DomainName", "api.example.com",
                "Property", "{\"coverage\":\"global\"}");
        assertEquals(400, a.status);
        assertEquals("Domain.BeianInvalid", a.code());
        assertEquals("overseas", sandbox.read(s -> s.dcdnDomain("api.example.com").coverage));
    }

    @Test
    void batchStartRefusesTheWholeBatchWhileInDebt() {
        sandbox.update(s -> {
            s.account.inDebtOverdue = true;
            s.cdn.forEach(d -> d.status = "offline");
        });
        RawClient.Answer a = client.call("cdn", "BatchStartCdnDomain", "DomainNames", "www.example.com,img.example.com");
        assertEquals(403, a.status);
        assertEquals("Forbidden.InDebt", a.code());
        assertEquals("offline", sandbox.read(s -> s.cdnDomain("www.example.com").status));
        assertEquals("Forbidden.InDebt", client.call("dcdn", "StartDcdnDomain", "DomainName", "api.example.com").code());
    }

    @Test
    void batchWithAnUnknownDomainChangesNothing() {
        assertEquals("InvalidDomain.NotFound", client.call("cdn", "BatchStopCdnDomain", "DomainNames", "www.example.com,nope.example.com").code());
        assertEquals("online", sandbox.read(s -> s.cdnDomain("www.example.com").status));
    }

    @Test
    void productsDoNotSeeEachOthersDomains() {
        assertEquals("InvalidDomain.NotFound", client.call("cdn", "DescribeCdnDomainDetail", "DomainName", "api.example.com").code());
        assertEquals("InvalidDomain.NotFound", client.call("dcdn", "StopDcdnDomain", "DomainName", "www.example.com").code());
    }

    @Test
    void tagLimitsAndUnknownResources() {
        Map<String, String> many = new LinkedHashMap<>();
        many.put("ResourceType", "DOMAIN");
        many.put("ResourceId.1", "www.example.com");
        for (int i = 1; i <= 21; i++) {
            many.put("Tag." + i + ".Key", "k" + i);
        }
        assertEquals("TagIsInvalid", client.call("cdn", "TagResources", many).code());
        assertEquals("Resource.NotExist", client.call("cdn", "TagResources", "ResourceType", "DOMAIN", "ResourceId.1", "api.example.com",
                "Tag.1.Key", "k").code());
        assertEquals("TagKeyIsInvalid", client.call("dcdn", "TagDcdnResources", "ResourceType", "DOMAIN", "ResourceId.1", "api.example.com",
                "Tag.1.Key", "aliyun:x").code());
        assertEquals("TagKeyRepeated", client.call("cdn", "UntagResources", "ResourceType", "DOMAIN", "ResourceId.1", "www.example.com",
                "TagKey.1", "a", "TagKey.2", "a").code());
    }

    @Test
    void describeTagsFiltersByTag() {
        sandbox.update(s -> {
            s.cdnDomain("www.example.com").tags.put("lifeline:coverage", "domestic");
            s.cdnDomain("www.example.com").tags.put("owner", "web");
            s.cdnDomain("img.example.com").tags.put("owner", "media");
        });
        RawClient.Answer a = client.call("cdn", "DescribeTagResources", "ResourceType", "DOMAIN", "ResourceId.1", "www.example.com",
                "ResourceId.2", "img.example.com", "Tag.1.Key", "lifeline:coverage");
        JsonArray resources = a.body.getAsJsonArray("TagResources");
        assertEquals(1, resources.size());
        assertEquals(1, resources.get(0).getAsJsonObject().getAsJsonArray("Tag").size());
    }

    @Test
    void icpCheckCoversBothProducts() {
        sandbox.update(s -> s.dcdnDomain("api.example.com").icp = false);
        assertEquals("DomainNotRegistration", client.call("cdn", "CheckCdnDomainICP", "DomainName", "api.example.com").body.get("Status").getAsString());
        assertEquals("DomainIsRegistration", client.call("cdn", "CheckCdnDomainICP", "DomainName", "www.example.com").body.get("Status").getAsString());
    }

    private static int total(RawClient.Answer a) {
        return a.body.get("TotalCount").getAsInt();
    }
}
