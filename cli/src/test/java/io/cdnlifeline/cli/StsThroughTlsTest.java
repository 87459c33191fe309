package io.cdnlifeline.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RamRoleArn mode of the aliyun CLI config and the OIDC variables, end to end: Alibaba's credential library calls STS AssumeRole over
 * (or AssumeRoleWithOIDC) over HTTPS at its fixed host {@code sts.aliyuncs.com}, which {@code shared/tools/local-net} maps to 127.0.0.1 inside a
 * network namespace of its own (nothing can leave the machine there), where a TLS front with a test CA's certificate
 * forwards to the sandbox ({@link StsTlsHarness}). Needs root, {@code unshare}, {@code openssl} and the shared tools
 * folder beside the repository; without them the test is skipped and says why.
 */
class StsThroughTlsTest {
    @TempDir Path work;

    @Test
    void aRamRoleArnProfileAssumesTheRoleThroughTheSandboxsSts() throws Exception {
        String out = doctorInLocalNet("ram-role-arn");
        assertTrue(out.contains("(RamRoleArn: STS AssumeRole)"), out);
        assertTrue(out.contains("AssumedRoleUser"), out);
        assertTrue(out.contains("sts calls: [AssumeRole 200, GetCallerIdentity 200]"), out);
    }

    @Test
    void oidcVariablesAssumeTheRoleWithTheTokenThroughTheSandboxsSts() throws Exception {
        String out = doctorInLocalNet("oidc");
        assertTrue(out.contains("(OIDC: STS AssumeRoleWithOIDC)"), out);
        assertTrue(out.contains("ALIBABA_CLOUD_ROLE_ARN"), out);
        assertTrue(out.contains("sts calls: [AssumeRoleWithOIDC 200, GetCallerIdentity 200]"), out);
    }

    @Test
    void aChainableRamRoleArnProfileAssumesTwoRolesInTurn() throws Exception {
        String out = doctorInLocalNet("chainable");
        assertTrue(out.contains("(RamRoleArn: STS AssumeRole)"), out);
        assertTrue(out.contains("sts calls: [AssumeRole 200, AssumeRole 200, GetCallerIdentity 200]"), out);
    }

    @Test
    void withNothingConfiguredOnAnEcsInstanceTheRamRoleOfTheInstanceIsUsed() throws Exception {
        String out = doctorInLocalNet("ecs");
        assertTrue(out.contains("from      the ECS instance (ECS RAM role, from the instance metadata service)"), out);
        assertTrue(out.contains("key id    STS.****role (STS, with token)"), out);
        assertTrue(out.contains("sts calls: [GetCallerIdentity 200]"), out);
    }

    /** Runs the harness in local-net; returns what it printed, after checking the doctor said "usable". */
    private String doctorInLocalNet(String mode) throws Exception {
        Path localNet = Paths.get(System.getProperty("user.dir")).resolve("../../shared/tools/local-net").normalize();
        Assumptions.assumeTrue(Files.isExecutable(localNet), "no shared/tools/local-net beside the repository: RamRoleArn untested here");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "local-net needs root: RamRoleArn untested here");
        Path ca = work.resolve("ca");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String script = String.join("\n",
                "set -e",
                "cd " + work,
                // the ECS metadata address, on this namespace's own loopback (only the ecs mode serves it)
                "ip addr add 100.100.100.200/32 dev lo",
                // the server certificate for the STS host, signed by local-net's test CA (made on its first use)
                "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=sts.aliyuncs.com >/dev/null 2>&1",
                "printf 'subjectAltName=DNS:sts.aliyuncs.com\\n' > san.ext",
                "openssl x509 -req -in server.csr -CA ca/ca.crt -CAkey ca/ca.key -CAcreateserial -days 2 -extfile san.ext -out server.crt >/dev/null 2>&1",
                "openssl pkcs12 -export -inkey server.key -in server.crt -out server.p12 -passout pass:changeit -name sts",
                "keytool -importcert -noprompt -alias testca -file ca/ca.crt -keystore trust.p12 -storetype PKCS12 -storepass changeit >/dev/null",
                "exec " + java + " -Djavax.net.ssl.trustStore=" + work.resolve("trust.p12") + " -Djavax.net.ssl.trustStorePassword=changeit"
                        + " -Djavax.net.ssl.trustStoreType=PKCS12 -cp '" + System.getProperty("java.class.path") + "'"
                        + " io.cdnlifeline.cli.StsTlsHarness " + work + " " + mode);
        ProcessBuilder pb = new ProcessBuilder(List.of(localNet.toString(), "--host", "sts.aliyuncs.com", "--host", "sandbox.test",
                "--ca-dir", ca.toString(),
                "--", "bash", "-c", script));
        pb.redirectErrorStream(true);
        pb.redirectOutput(work.resolve("out.txt").toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        String out = Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8);
        System.out.println(out);   // the doctor's report and the STS calls, in the test's output file
        Assumptions.assumeFalse(out.contains("unshare failed") || out.contains("Operation not permitted"),
                "no network namespace here: RamRoleArn untested\n" + out);
        assertTrue(ended, "timed out:\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("usable: yes"), out);
        return out;
    }
}
