package io.cdnlifeline.cli;

import com.google.gson.JsonObject;
import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.sandbox.Sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Deploys the eight functions and template.yml's timers and ActionTrail triggers to a sandbox's local FC through
 * the FC 3.0 API, the calls the fc3 component makes for {@code s deploy} (CreateFunction / UpdateFunction with the
 * code package, CreateTrigger, PutAsyncInvokeConfig), with every trigger of template.yml (the notification triggers
 * on the custom bus too, though nothing publishes to a custom bus in the local FC). The code goes as
 * {@code code.zipFile} (the API's other way in; fc3 uploads to OSS first, which {@code deploy/offline-check} exercises).
 */
final class LocalFcDeploy {
    /** The jar template.yml deploys; built by {@code package} of the functions module, before the cli's tests in `mvn verify`. */
    static final Path JAR = Path.of("..", "functions", "target", "lifeline-functions.jar");

    /** [function, trigger, cron, payload] as in template.yml (TemplateTriggersTest keeps them equal). */
    static final List<String[]> TIMERS = List.of(
            new String[] {"dns-to-origin", "every-5-minutes", "0 */5 * * * *", "{\"when\":[\"offline\",\"in-debt\"],\"reason\":\"every 5 minutes: offline or in-debt domains to their origin\"}"},
            new String[] {"dns-to-cdn", "every-30-minutes", "0 10/30 * * * *", "{\"reason\":\"every 30 minutes: DNS back to the CDN for domains that are accelerated again\"}"},
            new String[] {"switch-to-overseas", "every-5-minutes", "0 2/5 * * * *", "{\"when\":[\"icp-invalid\"],\"products\":[\"cdn\"],\"reason\":\"every 5 minutes: domains with an invalid ICP filing to overseas\"}"},
            new String[] {"restore-coverage", "every-hour", "0 20 * * * *", "{\"reason\":\"every hour: coverage back for domains whose ICP filing is valid again\"}"},
            new String[] {"enable-domain", "every-6-hours", "0 30 */6 * * *", "{\"when\":[\"remediated\"],\"reason\":\"every 6 hours: restart the domains disable-domain stopped\"}"},
            new String[] {"inspect", "daily", "0 0 1 * * *", "{\"reason\":\"daily snapshot\"}"},
            new String[] {"watch", "every-minute", "0 * * * * *", "{\"reason\":\"every minute: the watch polls once for every remedy\"}"});
    /** template.yml deploys this timer switched off ({@code vars.enableDomainTimer: false}). */
    static final String OFF_TIMER = "enable-domain/every-6-hours";
    static final String ALIYUN_INITIATED = "{\"type\":[\"cdn:ActionTrail:AliyunServiceEvent\",\"dcdn:ActionTrail:AliyunServiceEvent\"],\"data\":{\"eventType\":[\"ALIYUN_INITIATED_SERVICE\",\"ALIYUN_INITIATED_PENALTY\"]}}";
    /** [function, trigger, rule, notification type]: the triggers on the notification bus. */
    static final List<String[]> NOTIFICATIONS = List.of(
            new String[] {"dns-to-origin", "notification-overdue-payment", "dns-to-origin-overdue-payment", "OverduePayment"},
            new String[] {"dns-to-cdn", "notification-payment-settled", "dns-to-cdn-payment-settled", "PaymentSettled"},
            new String[] {"switch-to-overseas", "notification-icp-invalid", "switch-to-overseas-icp-invalid", "IcpInvalid"},
            new String[] {"restore-coverage", "notification-icp-restored", "restore-coverage-icp-restored", "IcpRestored"},
            new String[] {"dns-to-origin", "notification-domain-offline", "dns-to-origin-domain-offline", "DomainOffline"},
            new String[] {"dns-to-cdn", "notification-domain-online", "dns-to-cdn-domain-online", "DomainOnline"});

    static final String STOPPED = "{\"type\":[\"cdn:ActionTrail:ApiCall\",\"cdn:ActionTrail:ConsoleOperation\",\"cdn:ActionTrail:AliyunServiceEvent\",\"dcdn:ActionTrail:ApiCall\",\"dcdn:ActionTrail:ConsoleOperation\",\"dcdn:ActionTrail:AliyunServiceEvent\"],\"data\":{\"eventName\":[\"StopCdnDomain\",\"BatchStopCdnDomain\",\"StopDcdnDomain\",\"BatchStopDcdnDomain\"]}}";
    static final String STARTED = "{\"type\":[\"cdn:ActionTrail:ApiCall\",\"cdn:ActionTrail:ConsoleOperation\",\"cdn:ActionTrail:AliyunServiceEvent\",\"dcdn:ActionTrail:ApiCall\",\"dcdn:ActionTrail:ConsoleOperation\",\"dcdn:ActionTrail:AliyunServiceEvent\"],\"data\":{\"eventName\":[\"StartCdnDomain\",\"BatchStartCdnDomain\",\"StartDcdnDomain\",\"BatchStartDcdnDomain\"]}}";
    /** [function, trigger, filter pattern]: the triggers on ActionTrail's events (the default bus). */
    static final List<String[]> ACTIONTRAIL = List.of(
            new String[] {"dns-to-origin", "actiontrail-domain-stopped", STOPPED},
            new String[] {"dns-to-origin", "actiontrail-aliyun-initiated", ALIYUN_INITIATED},
            new String[] {"dns-to-cdn", "actiontrail-domain-started", STARTED});

    private final Sandbox sandbox;
    private final FcControl fc;

    LocalFcDeploy(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.fc = new FcControl(sandbox.endpoint(), new CloudCredentials("sandbox-ak", "sandbox-secret", null));
    }

    static boolean jarBuilt() {
        return Files.isRegularFile(JAR);
    }

    static byte[] jar() throws IOException {
        return Files.readAllBytes(JAR);
    }

    /**
     * The same jar as a new release: one more entry, so the package and its checksum differ as a new build's do
     * (the classes are today's: what an upgrade must survive is the redeploy itself, mid-outage).
     */
    static byte[] nextRelease(byte[] jar, String release) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar)); ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                z.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(z);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("META-INF/lifeline-release.txt"));
            z.write(release.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return out.toByteArray();
    }

    /** A package that is a valid zip and nothing more: for tests that never invoke the functions. */
    static byte[] emptyPackage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("README"));
            z.write("placeholder".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return out.toByteArray();
    }

    /** CreateFunction for each of the eight functions, then their triggers; async retries as given. */
    void deploy(byte[] code, int asyncRetries) {
        sandbox.update(s -> s.fc.serviceLinkedRoles.add("sendevent-fc.eventbridge.aliyuncs.com"));
        String account = sandbox.read(s -> s.fc.accountId);
        for (String name : FunctionHandlers.names()) {
            fc.call("POST", "CreateFunction", "/2023-03-30/functions", "", function(name, code, account));
            JsonObject async = new JsonObject();
            async.addProperty("maxAsyncRetryAttempts", asyncRetries);
            async.addProperty("maxAsyncEventAgeInSeconds", 3600);
            fc.call("PUT", "PutAsyncInvokeConfig", "/2023-03-30/functions/" + name + "/async-invoke-config", "", async);
        }
        for (String[] t : TIMERS) {
            JsonObject c = new JsonObject();
            c.addProperty("cronExpression", t[2]);
            c.addProperty("enable", !OFF_TIMER.equals(t[0] + "/" + t[1]));
            c.addProperty("payload", t[3]);
            trigger(t[0], t[1], "timer", c, null);
        }
        for (String[] a : ACTIONTRAIL) trigger(a[0], a[1], "eventbridge", eventbridge(a[2]), null);
        String region = sandbox.read(s -> s.fc.region);
        for (String[] n : NOTIFICATIONS) {
            trigger(n[0], n[1], "eventbridge", eventbridge("{\"type\":[\"lifeline:Notification:" + n[3] + "\"]}"),
                    "acs:eventbridge:" + region + ":" + account + ":eventbus/cdn-lifeline/rule/" + n[2]);
        }
    }

    /** UpdateFunction of every function with a new code package: what `s deploy` of a new release does to them. */
    void redeploy(byte[] code) {
        for (String name : FunctionHandlers.names()) {
            JsonObject in = new JsonObject();
            JsonObject c = new JsonObject();
            c.addProperty("zipFile", Base64.getEncoder().encodeToString(code));
            in.add("code", c);
            fc.call("PUT", "UpdateFunction", "/2023-03-30/functions/" + name, "", in);
        }
    }

    FcControl fc() {
        return fc;
    }

    private void trigger(String function, String name, String type, JsonObject config, String sourceArn) {
        JsonObject t = new JsonObject();
        if (sourceArn != null) t.addProperty("sourceArn", sourceArn);
        t.addProperty("triggerName", name);
        t.addProperty("triggerType", type);
        t.addProperty("description", "as template.yml: " + name);
        t.addProperty("triggerConfig", config.toString());
        fc.call("POST", "CreateTrigger", "/2023-03-30/functions/" + function + "/triggers", "", t);
    }

    private static JsonObject eventbridge(String pattern) {
        JsonObject c = new JsonObject();
        c.addProperty("triggerEnable", true);
        c.addProperty("asyncInvocationType", true);
        c.addProperty("eventRuleFilterPattern", pattern);
        JsonObject source = new JsonObject();
        source.addProperty("eventSourceType", "Default");
        source.add("eventSourceParameters", new JsonObject());
        c.add("eventSourceConfig", source);
        return c;
    }

    private static JsonObject function(String name, byte[] code, String account) {
        String handler = FunctionHandlers.create(name).getClass().getName();
        JsonObject f = new JsonObject();
        f.addProperty("functionName", name);
        f.addProperty("runtime", "java11");
        f.addProperty("handler", handler + "::handleRequest");
        f.addProperty("memorySize", 512);
        f.addProperty("cpu", 0.35);
        f.addProperty("diskSize", 512);
        f.addProperty("timeout", 600);
        f.addProperty("role", "acs:ram::" + account + ":role/cdn-lifeline-fc");
        JsonObject initializer = new JsonObject();
        initializer.addProperty("handler", handler + "::initialize");
        initializer.addProperty("timeout", 60);
        JsonObject lifecycle = new JsonObject();
        lifecycle.add("initializer", initializer);
        f.add("instanceLifecycleConfig", lifecycle);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        env.put("LIFELINE_ORIGIN_CHECK", "off");  // the demo account's origins are documentation addresses
        env.put("LIFELINE_ASYNC_RETRIES", "0");
        JsonObject vars = new JsonObject();
        env.forEach(vars::addProperty);
        f.add("environmentVariables", vars);
        JsonObject c = new JsonObject();
        c.addProperty("zipFile", Base64.getEncoder().encodeToString(code));
        f.add("code", c);
        return f;
    }
}
