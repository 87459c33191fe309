package io.cdnlifeline.reliability;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.Product;
import io.cdnlifeline.cloud.aliyun.CallPolicy;
import io.cdnlifeline.config.Settings;
import io.cdnlifeline.handler.LifelineHandler;
import io.cdnlifeline.run.Functions;
import io.cdnlifeline.sandbox.Faults;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, secrets: a function run with the role's STS credentials (access key secret and security token) never
 * lets either reach its report, its audit log (FC's logger), the exceptions it throws (messages, causes, stack
 * traces), stdout or stderr, nor the sandbox's request log: on success, on SDK errors (5xx, throttling, dropped
 * connections, an unreachable endpoint), on {@code SignatureDoesNotMatch} (whose answer quotes the string to sign,
 * token included) and {@code InvalidSecurityToken}, and when the handler throws. The build-wide scan of every
 * test's output is {@code SecretsInBuildOutputTest} in the cli module, which builds last.
 */
class SecretsTest {
    private static final String WRONG_SECRET = "Canary-WrongSecret-5e2b1a9c";
    private static final String WRONG_TOKEN = "Canary-WrongToken-7d3c0b8a";
    private static final List<String> SECRETS = List.of(Fleet.STS_SECRET, Fleet.STS_TOKEN, WRONG_SECRET, WRONG_TOKEN);
    private static final CallPolicy QUICK = SandboxCloud.TEST_POLICY.toBuilder().maxAttempts(2)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).rateLimited(false).build();

    private static SandboxCloud sc;
    private static PrintStream realOut;
    private static PrintStream realErr;
    private static final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final StringBuilder seen = new StringBuilder();

    @BeforeAll
    static void start() {
        sc = SandboxCloud.start(Fleet.seed());
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(new Tee(realOut, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(realErr, console), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        System.setOut(realOut);
        System.setErr(realErr);
        sc.close();
        String text = console.toString(StandardCharsets.UTF_8);
        for (String s : SECRETS) {
            assertFalse(text.contains(s), "a secret reached stdout/stderr");
        }
    }

    @BeforeEach
    void reset() {
        sc.sandbox().replaceState(Fleet.seed());
        sc.clearRequests();
    }

    private static String payload() {
        return "{\"domains\": [\"www.example.com\", \"api.example.org\"], \"when\": [\"always\"], \"reason\": \"secrets test\"}";
    }

    /** Runs a function's handler; everything it wrote, logged or threw is kept for the scan. */
    private void invoke(String function, LifelineHandler handler, String secret, String token) {
        FakeContext context = new FakeContext("secrets-" + function, Fleet.STS_KEY_ID, secret, token, 20_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload().getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (Throwable t) {
            keep(t);
        }
        seen.append(out.toString(StandardCharsets.UTF_8)).append('\n');
        for (String line : context.logged()) seen.append(line).append('\n');
        seen.append(sc.requests()).append('\n');
    }

    private void keep(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        seen.append(t).append('\n').append(w).append('\n');
    }

    /** The handler reading its credentials from FC's context, as deployed (its own clients, production policy). */
    private static LifelineHandler deployed(String function) {
        return Handlers.of(function).with(settings(), null);
    }

    private static Settings settings() {
        return sc.settings().toBuilder().scope(Fleet.SCOPE).exclude(Fleet.EXCLUDE).build();
    }

    private void assertNoSecretIn(String path) {
        String text = seen.toString();
        for (String s : SECRETS) {
            assertFalse(text.contains(s), path + ": a secret or token appeared in the report, log, exceptions or request log");
        }
    }

    @Test
    void successAndHandlerFailures() {
        for (String f : Functions.names()) invoke(f, deployed(f), Fleet.STS_SECRET, Fleet.STS_TOKEN);
        assertTrue(sc.requests().stream().anyMatch(c -> c.httpStatus == 200), "no call was answered: the path was not exercised");
        assertNoSecretIn("success");
    }

    @Test
    void signatureDoesNotMatch() {
        for (String f : Functions.names()) invoke(f, deployed(f), WRONG_SECRET, Fleet.STS_TOKEN);
        assertTrue(sc.requests().stream().anyMatch(c -> "SignatureDoesNotMatch".equals(c.errorCode)), sc.requests().toString());
        assertTrue(seen.toString().contains("SignatureDoesNotMatch"), "the error was not reported at all");
        assertNoSecretIn("SignatureDoesNotMatch");
    }

    @Test
    void invalidSecurityToken() {
        for (String f : Functions.names()) invoke(f, deployed(f), Fleet.STS_SECRET, WRONG_TOKEN);
        assertTrue(sc.requests().stream().anyMatch(c -> c.errorCode != null && c.errorCode.startsWith("InvalidSecurityToken")),
                sc.requests().toString());
        assertNoSecretIn("InvalidSecurityToken");
    }

    @Test
    void serverErrorsThrottlingAndDroppedConnections() {
        Cloud cloud = sc.cloud(() -> new CloudCredentials(Fleet.STS_KEY_ID, Fleet.STS_SECRET, Fleet.STS_TOKEN), QUICK);
        for (double[] rates : new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}) {
            sc.sandbox().setFaults(new Faults(rates[0], rates[1], rates[2], 7));
            for (String f : Functions.names()) invoke(f, Handlers.of(f).with(settings(), cloud), Fleet.STS_SECRET, Fleet.STS_TOKEN);
            portCalls(cloud);
        }
        sc.sandbox().setFaults(new Faults());
        assertTrue(sc.requests().stream().anyMatch(c -> "DroppedConnection".equals(c.errorCode)), "no dropped connection happened");
        assertNoSecretIn("SDK errors");
    }

    @Test
    void unreachableEndpoint() {
        Settings nowhere = settings().toBuilder().endpoint("http://127.0.0.1:9").build();
        Cloud cloud = io.cdnlifeline.cloud.aliyun.AliyunCloud.create(nowhere,
                () -> new CloudCredentials(Fleet.STS_KEY_ID, Fleet.STS_SECRET, Fleet.STS_TOKEN), QUICK);
        for (String f : Functions.names()) invoke(f, Handlers.of(f).with(nowhere, cloud), Fleet.STS_SECRET, Fleet.STS_TOKEN);
        portCalls(cloud);
        assertTrue(seen.toString().contains("127.0.0.1:9"), "the unreachable endpoint was never called");
        assertNoSecretIn("unreachable endpoint");
    }

    /** Every port method once, keeping what each throws: the exceptions callers other than the functions see. */
    private void portCalls(Cloud cloud) {
        List<PortCall> calls = List.of(
                () -> cloud.cdn().listDomains(Product.CDN, 1, 50, null),
                () -> cloud.cdn().describeDomain(Product.DCDN, "api.example.org"),
                () -> {
                    cloud.cdn().setCoverage(Product.CDN, "www.example.com", "domestic");
                    return null;
                },
                () -> cloud.cdn().tags(Product.CDN, List.of("www.example.com")),
                () -> cloud.cdn().icpValid("www.example.com"),
                () -> cloud.dns().zones(),
                () -> cloud.dns().subDomainRecords("example.com", "www.example.com"),
                () -> {
                    cloud.dns().setRemark("1051", "");
                    return null;
                },
                () -> cloud.account().userCdnStatus());
        for (PortCall c : calls) {
            try {
                c.run();
            } catch (CloudException | RuntimeException e) {
                keep(e);
            }
        }
    }

    @FunctionalInterface
    private interface PortCall {
        Object run() throws CloudException;
    }

    /** Writes to the real stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
