package io.cdnlifeline.cloud.aliyun;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** lifeline setup's calls go through the functions' own client: signed, routed, their refusals read as CloudExceptions. */
class ControlPlaneTest {
    private static final CloudCredentials SANDBOX_KEY = new CloudCredentials(Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null);

    @Test
    void callsAreSignedAndAnsweredByTheSandboxsRamAndEventBridge() throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, null)) {
            // given a control plane pointed at the sandbox
            ControlPlane plane = ControlPlane.create("cn-hangzhou", sandbox.endpoint(), () -> SANDBOX_KEY, CallPolicy.defaults());
            // when a bus is made and read back
            JsonObject made = plane.eventBridge("CreateEventBus", Map.of("EventBusName", "cdn-lifeline"));
            JsonObject read = plane.eventBridge("GetEventBus", Map.of("EventBusName", "cdn-lifeline"));
            // then the sandbox verified the signature and kept it
            assertEquals("acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/cdn-lifeline",
                    made.getAsJsonObject("Data").get("EventBusARN").getAsString());
            assertEquals("cdn-lifeline", read.getAsJsonObject("Data").get("EventBusName").getAsString());
            // and RAM's documented refusal arrives with its code and status
            CloudException missing = assertThrows(CloudException.class, () -> plane.ram("GetRole", Map.of("RoleName", "nobody")));
            assertEquals("EntityNotExist.Role", missing.code());
            assertEquals(404, missing.httpStatus());
        }
    }

    @Test
    void anEventBridgeAnswerThatSaysItFailedIsARefusal() throws Exception {
        // given an EventBridge that answers HTTP 200 with Success false, as its API can
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"RequestId\":\"R-1\",\"Code\":\"EventBusNotExist\",\"Message\":\"The event bus [x] not existed!\",\"Success\":false}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            ControlPlane plane = ControlPlane.create("cn-hangzhou", "http://127.0.0.1:" + server.getAddress().getPort(), () -> SANDBOX_KEY,
                    CallPolicy.defaults().toBuilder().maxAttempts(1).retryBudget(Duration.ofSeconds(2)).build());
            // when a bus is read
            CloudException e = assertThrows(CloudException.class, () -> plane.eventBridge("GetEventBus", Map.of("EventBusName", "x")));
            // then it is the refusal the answer names, not a success
            assertEquals("EventBusNotExist", e.code());
            assertEquals("R-1", e.requestId());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theRealEndpointsAreRamsCentralAndEventBridgesRegionalHost() {
        ControlPlane plane = ControlPlane.create("cn-shanghai", null, () -> SANDBOX_KEY, CallPolicy.defaults());
        assertEquals("https://ram.aliyuncs.com", plane.ramEndpoint());
        assertEquals("https://eventbridge.cn-shanghai.aliyuncs.com", plane.eventBridgeEndpoint());
        assertThrows(IllegalArgumentException.class, () -> plane.ram("DeleteUser", Map.of("UserName", "x")));
    }
}
