package io.cdnlifeline.reliability;

import io.cdnlifeline.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, the sandbox itself: it listens on 127.0.0.1 only, so neither its emulated API nor its unsigned admin
 * endpoints can be reached through any other address of this machine. (That the admin endpoints also refuse a
 * non-loopback peer that did get through is {@code AdminLoopbackOnlyTest} in the sandbox module; signatures and
 * nonces are {@code SignatureTest} there.)
 */
class SandboxExposureTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, null);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Every address of this machine's interfaces that is not loopback (IPv4 and IPv6). */
    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp()) continue;
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) out.add(a);
            }
        }
        return out;
    }

    @Test
    void theEndpointIsLoopback() {
        assertTrue(sandbox.endpoint().startsWith("http://127.0.0.1:"), sandbox.endpoint());
    }

    @Test
    void loopbackReachesTheAdminEndpoint() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(sandbox.endpoint() + "/_sandbox/faults").openConnection();
        try (InputStream in = c.getInputStream()) {
            assertEquals(200, c.getResponseCode());
            assertTrue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("errorRate"));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void noOtherAddressOfThisMachineReachesIt() throws IOException {
        // given this machine's other addresses (the test says so when it has none: the bound address is then the proof)
        List<InetAddress> others = nonLoopbackAddresses();
        System.out.println("non-loopback addresses tried: " + others);

        // then a connection through each of them is refused, while loopback connects
        for (InetAddress a : others) {
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, sandbox.port()), 2_000);
                }
            }, "the sandbox answered on " + a.getHostAddress());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), sandbox.port()), 2_000);
            assertTrue(s.isConnected());
            assertTrue(s.getInetAddress().isLoopbackAddress());
        }
    }
}
