package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real SDK path where no server is needed: endpoint validation, an unreachable endpoint, a failing credentials supplier. */
class AliyunCloudCreateTest {
    private static final CallPolicy FAST = CallPolicy.builder().maxAttempts(3)
            .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).rateLimited(false).build();

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void endpointMustBeAnHttpUrl() {
        for (String bad : new String[] {"127.0.0.1:8080", "ftp://127.0.0.1", "http://", "http://h:1/?a=b"}) {
            Settings s = Settings.builder().endpoint(bad).build();
            assertThrows(IllegalArgumentException.class, () -> AliyunCloud.create(s, () -> null), bad);
        }
    }

    @Test
    void realEndpointsAreHttpsAndTheOverrideKeepsItsSchemeForEveryProduct() {
        AcsCaller real = AcsCaller.create("cn-hangzhou", null, () -> null, FAST);
        assertEquals("https://cdn.aliyuncs.com", real.baseUrl(AliyunService.CDN));
        assertEquals("https://dcdn.aliyuncs.com", real.baseUrl(AliyunService.DCDN));
        assertEquals("https://alidns.aliyuncs.com", real.baseUrl(AliyunService.ALIDNS));
        AcsCaller tls = AcsCaller.create("cn-hangzhou", "https://sandbox.internal:8443/api/", () -> null, FAST);
        for (AliyunService s : AliyunService.values()) assertEquals("https://sandbox.internal:8443/api", tls.baseUrl(s));
        AcsCaller plain = AcsCaller.create("cn-hangzhou", "HTTP://127.0.0.1:9", () -> null, FAST);
        assertEquals("http://127.0.0.1:9", plain.baseUrl(AliyunService.ALIDNS));
    }

    @Test
    void internationalRegionsGoToTheHostsOfTheSdkEndpointTables() {
        // given an account whose clients run in Singapore, Frankfurt or Hong Kong
        AcsCaller singapore = AcsCaller.create("ap-southeast-1", null, () -> null, FAST);
        AcsCaller frankfurt = AcsCaller.create("eu-central-1", null, () -> null, FAST);
        AcsCaller hongKong = AcsCaller.create("cn-hongkong", null, () -> null, FAST);
        // then CDN goes abroad for ap-/eu-/us-/me- regions only, DCDN stays central, Alidns and STS go regional
        assertEquals("https://cdn.ap-southeast-1.aliyuncs.com", singapore.baseUrl(AliyunService.CDN));
        assertEquals("https://cdn.ap-southeast-1.aliyuncs.com", frankfurt.baseUrl(AliyunService.CDN));
        assertEquals("https://cdn.aliyuncs.com", hongKong.baseUrl(AliyunService.CDN));
        assertEquals("https://dcdn.aliyuncs.com", singapore.baseUrl(AliyunService.DCDN));
        assertEquals("https://alidns.ap-southeast-1.aliyuncs.com", singapore.baseUrl(AliyunService.ALIDNS));
        assertEquals("https://alidns.eu-central-1.aliyuncs.com", frankfurt.baseUrl(AliyunService.ALIDNS));
        assertEquals("https://alidns.cn-hongkong.aliyuncs.com", hongKong.baseUrl(AliyunService.ALIDNS));
        assertEquals("https://sts.ap-southeast-1.aliyuncs.com", singapore.baseUrl(AliyunService.STS));
        AcsCaller hangzhou = AcsCaller.create("cn-hangzhou", null, () -> null, FAST);
        assertEquals("https://sts.cn-hangzhou.aliyuncs.com", hangzhou.baseUrl(AliyunService.STS));
    }

    @Test
    void theEndpointTableListsEveryProductWithTheRegionItSigns() {
        java.util.List<Endpoints.Endpoint> table = Endpoints.forRegion("us-east-1");
        assertEquals(AliyunService.values().length, table.size());
        assertEquals("cdn cdn.ap-southeast-1.aliyuncs.com (RegionId us-east-1)", table.get(0).toString());
        Endpoints.Endpoint alidns = table.stream().filter(e -> e.product().equals("alidns")).findFirst().orElseThrow();
        assertEquals("alidns.us-east-1.aliyuncs.com", alidns.host());
        Endpoints.Endpoint vod = table.stream().filter(e -> e.product().equals("vod")).findFirst().orElseThrow();
        assertEquals("vod vod.cn-shanghai.aliyuncs.com (RegionId cn-shanghai)", vod.toString());
    }

    @Test
    void aMalformedRegionIsAConfigurationError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AcsCaller.create("singapore", null, () -> null, FAST));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("ap-southeast-1"), e.getMessage());
    }

    @Test
    void unreachableEndpointIsRetriedThenReportedWithoutSecrets() throws IOException {
        // given an endpoint nobody listens on, and STS credentials whose token must never be printed
        Settings s = Settings.builder().endpoint("http://127.0.0.1:" + closedPort()).build();
        AtomicInteger asked = new AtomicInteger();
        Cloud cloud = AliyunCloud.create(s, () -> {
            asked.incrementAndGet();
            return new CloudCredentials("STS.ak", "the-secret", "the-security-token");
        }, FAST);
        // when
        CloudException e = assertThrows(CloudException.class, () -> cloud.cdn().describeDomain(Product.CDN, "www.example.com"));
        // then
        assertEquals("SDK.ServerUnreachable", e.code());
        assertTrue(e.retryable());
        assertEquals(3, asked.get(), "credentials are asked for before each of the 3 attempts");
        assertFalse(e.getMessage().contains("the-security-token"), e.getMessage());
        assertFalse(e.getMessage().contains("the-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("DescribeCdnDomainDetail"), e.getMessage());
    }

    @Test
    void failingCredentialsSupplierIsAFinalCloudException() throws IOException {
        Settings s = Settings.builder().endpoint("http://127.0.0.1:" + closedPort()).build();
        AtomicInteger asked = new AtomicInteger();
        Cloud cloud = AliyunCloud.create(s, () -> {
            asked.incrementAndGet();
            throw new CredentialsNotFoundException(java.util.List.of("nowhere"));
        }, FAST);
        CloudException e = assertThrows(CloudException.class, () -> cloud.dns().zones());
        assertEquals("Lifeline.NoCredentials", e.code());
        assertFalse(e.retryable());
        assertEquals(1, asked.get());
    }
}
