package io.cdnlifeline.cloud.aliyun;

import com.sun.net.httpserver.HttpServer;
import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lean client on the wire, against a bare JDK HTTP server that answers what the sandbox never does:
 * what each request looks like, and 2xx answers that are not the documented shape (fail closed, no retry).
 */
class AcsCallerWireTest {
    private static final CallPolicy FAST = CallPolicy.builder().maxAttempts(3)
            .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).rateLimited(false).build();

    private HttpServer server;
    private volatile String answer;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> heads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            heads.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " | " + exchange.getRequestHeaders().getFirst("User-Agent"));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Cloud cloud() {
        Settings s = Settings.builder().endpoint("http://127.0.0.1:" + server.getAddress().getPort()).build();
        return AliyunCloud.create(s, () -> new CloudCredentials("STS.ak", "the-secret", "the token"), FAST);
    }

    @Test
    void aCallIsOneSignedFormPostToTheRootWithTheStsToken() throws CloudException {
        // given an answer of the documented shape
        answer = "{\"RequestId\":\"r1\",\"GetDomainDetailModel\":{\"DomainName\":\"www.example.com\",\"DomainStatus\":\"online\"}}";
        // when
        assertEquals("online", cloud().cdn().describeDomain(Product.CDN, "www.example.com").status());
        // then one POST of the form to /, naming cdn-lifeline, with the action's and the common parameters
        assertEquals(1, bodies.size());
        assertTrue(heads.get(0).startsWith("POST / application/x-www-form-urlencoded;charset=utf-8 | cdn-lifeline/"), heads.get(0));
        Map<String, String> p = form(bodies.get(0));
        assertEquals("DescribeCdnDomainDetail", p.get("Action"));
        assertEquals("2018-05-10", p.get("Version"));
        assertEquals("www.example.com", p.get("DomainName"));
        assertEquals("the token", p.get("SecurityToken"));
        assertEquals("cn-hangzhou", p.get("RegionId"));
        assertEquals("JSON", p.get("Format"));
        assertTrue(p.get("Timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), p.get("Timestamp"));
        assertFalse(bodies.get(0).contains("the-secret"), "the secret only keys the HMAC");
        Map<String, String> unsigned = new TreeMap<>(p);
        String signature = unsigned.remove("Signature");
        assertEquals(RpcSignature.signature(RpcSignature.stringToSign(unsigned), "the-secret"), signature);
    }

    @Test
    void aFieldOfTheWrongTypeIsAnUnexpectedResponseNotRetried() {
        answer = "{\"RequestId\":\"r2\",\"GetDomainDetailModel\":{\"DomainName\":\"www.example.com\","
                + "\"SourceModels\":{\"SourceModel\":[{\"Content\":\"203.0.113.10\",\"Port\":\"eighty\"}]}}}";
        CloudException e = assertThrows(CloudException.class, () -> cloud().cdn().describeDomain(Product.CDN, "www.example.com"));
        assertEquals("Lifeline.UnexpectedResponse", e.code());
        assertEquals("r2", e.requestId());
        assertFalse(e.retryable());
        assertEquals(1, bodies.size());
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnexpectedResponse() {
        answer = "<html>maintenance</html>";
        CloudException e = assertThrows(CloudException.class, () -> cloud().dns().zones());
        assertEquals("Lifeline.UnexpectedResponse", e.code());
        assertEquals(200, e.httpStatus());
        assertEquals(1, bodies.size());
    }

    @Test
    void anAnswerWithoutTheDomainIsNotFound() {
        answer = "{\"RequestId\":\"r3\"}";
        CloudException e = assertThrows(CloudException.class, () -> cloud().cdn().describeDomain(Product.DCDN, "api.example.com"));
        assertEquals(AliyunCdnApi.NOT_FOUND, e.code());
        assertEquals("r3", e.requestId());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
