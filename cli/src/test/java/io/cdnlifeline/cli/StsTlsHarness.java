package io.cdnlifeline.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.cdnlifeline.sandbox.Sandbox;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs inside {@code shared/tools/local-net} (own network namespace, {@code sts.aliyuncs.com} mapped to 127.0.0.1, a
 * test CA): a sandbox, a TLS front on 127.0.0.1:443 with a certificate for sts.aliyuncs.com that forwards to it, and
 * {@code lifeline doctor} with a RamRoleArn profile or OIDC variables, so Alibaba's credential library calls STS
 * AssumeRole / AssumeRoleWithOIDC over HTTPS at its fixed host and the sandbox answers. Prints the doctor's output and the STS calls.
 * Arguments: the work dir (holding server.p12) and the mode: {@code ram-role-arn} or {@code chainable} (profiles of the
 * aliyun CLI config), {@code oidc} (ALIBABA_CLOUD_ROLE_ARN / _OIDC_PROVIDER_ARN / _OIDC_TOKEN_FILE) or {@code ecs} (the
 * ECS RAM role from the instance metadata service at 100.100.100.200, which the script put on the namespace's own
 * loopback); the exit status is the doctor's.
 */
public final class StsTlsHarness {
    private StsTlsHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args[0]);
        try (Sandbox sandbox = Sandbox.start(0, "{\"accountId\":\"5566778899001122\"}")) {
            HttpsServer front = tlsFront(work.resolve("server.p12"), sandbox.endpoint());
            try {
                String mode = args[1];
                Path home = work.resolve("home-" + mode);
                Files.createDirectories(home.resolve(".aliyun"));
                Map<String, String> env = new HashMap<>();
                env.put("HOME", home.toString());
                env.put(CredentialChain.ENV_ECS_DISABLED, "true");
                String endpoint = sandbox.endpoint();
                switch (mode) {
                    case "ram-role-arn":
                        aliyunConfig(home, "{\"name\":\"ops\",\"mode\":\"RamRoleArn\",\"access_key_id\":\"sandbox-ak\","
                                + "\"access_key_secret\":\"sandbox-secret\",\"ram_role_arn\":\"" + ROLE + "\",\"ram_session_name\":\"doctor\","
                                + "\"expired_seconds\":3600}");
                        break;
                    case "chainable":
                        // a role assumed with the credentials of another role (two AssumeRole calls)
                        aliyunConfig(home, "{\"name\":\"ops\",\"mode\":\"ChainableRamRoleArn\",\"source_profile\":\"jump\","
                                + "\"ram_role_arn\":\"" + ROLE + "\",\"ram_session_name\":\"doctor\",\"expired_seconds\":3600},"
                                + "{\"name\":\"jump\",\"mode\":\"RamRoleArn\",\"access_key_id\":\"sandbox-ak\","
                                + "\"access_key_secret\":\"sandbox-secret\",\"ram_role_arn\":\"acs:ram::5566778899001122:role/jump\","
                                + "\"ram_session_name\":\"jump\",\"expired_seconds\":3600}");
                        break;
                    case "oidc": {
                        // OIDC from the environment, as in a Kubernetes pod with RRSA: no AccessKey anywhere
                        Path token = home.resolve("oidc-token");
                        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6b3BzIn0.c2lnbmF0dXJl", StandardCharsets.UTF_8);
                        env.put("ALIBABA_CLOUD_ROLE_ARN", ROLE);
                        env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::5566778899001122:oidc-provider/ack-rrsa");
                        env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token.toString());
                        break;
                    }
                    case "ecs": {
                        // nothing configured: the default chain reaches the ECS RAM role. The script put 100.100.100.200 on
                        // this namespace's lo; the endpoint is named (not a loopback literal), so the probe stays on.
                        env.remove(CredentialChain.ENV_ECS_DISABLED);
                        sandbox.update(st -> st.accessKeys.add(new io.cdnlifeline.sandbox.AccessKey("STS.ecs-role", "ecs-secret", "ecs-token")));
                        metadataService();
                        endpoint = "http://sandbox.test:" + sandbox.port();
                        break;
                    }
                    default:
                        throw new IllegalArgumentException("mode " + mode);
                }
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int status = Lifeline.run(new PrintWriter(out, true), new PrintWriter(err, true), env, "doctor", "--endpoint", endpoint);
                System.out.println(out);
                System.out.println("--- stderr");
                System.out.println(err);
                List<String> sts = new java.util.ArrayList<>();
                sandbox.requests().forEach(c -> { if ("sts".equals(c.product)) sts.add(c.action + " " + c.httpStatus); });
                System.out.println("sts calls: " + sts);
                System.exit(status);
            } finally {
                front.stop(0);
            }
        }
    }

    private static final String ROLE = "acs:ram::5566778899001122:role/lifeline-ops";

    private static void aliyunConfig(Path home, String profiles) throws java.io.IOException {
        Files.writeString(home.resolve(".aliyun/config.json"), "{\"current\":\"ops\",\"profiles\":[" + profiles + "]}",
                StandardCharsets.UTF_8);
    }

    /**
     * The ECS instance metadata service on 100.100.100.200:80, as the credential library reads it (IMDSv2 token, the
     * role name, the role's STS credentials with Code "Success"), handing out a key the sandbox accepts.
     */
    private static void metadataService() throws java.io.IOException {
        com.sun.net.httpserver.HttpServer ecs = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("100.100.100.200", 80), 8);
        ecs.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String answer;
            if (path.equals("/latest/api/token")) {
                answer = "imds-token";
            } else if (path.equals("/latest/meta-data/ram/security-credentials/")) {
                answer = "lifeline-ecs";
            } else if (path.equals("/latest/meta-data/ram/security-credentials/lifeline-ecs")) {
                answer = "{\"AccessKeyId\":\"STS.ecs-role\",\"AccessKeySecret\":\"ecs-secret\",\"SecurityToken\":\"ecs-token\","
                        + "\"Expiration\":\"" + java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + "\",\"LastUpdated\":\"" + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\",\"Code\":\"Success\"}";
            } else {
                answer = null;
            }
            byte[] bytes = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        });
        ecs.start();
    }

    private static HttpsServer tlsFront(Path keystore, String target) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 443), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String query = exchange.getRequestURI().getRawQuery();
            HttpURLConnection c = (HttpURLConnection) new URL(target + exchange.getRequestURI().getRawPath()
                    + (query == null ? "" : "?" + query)).openConnection();
            c.setRequestMethod(exchange.getRequestMethod());
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> c.addRequestProperty(name, v));
                }
            });
            if (body.length > 0) {
                c.setDoOutput(true);
                try (OutputStream o = c.getOutputStream()) {
                    o.write(body);
                }
            }
            int status = c.getResponseCode();
            byte[] answer;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(answer);
            }
        });
        server.start();
        return server;
    }
}
