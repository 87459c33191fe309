package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every documented example in {@code api-examples/} (copied into test resources), the sandbox's answer for an
 * equivalent state has the same keys, nesting and JSON types.
 */
class ContractTest {
    private static final String SEED = resource("/contract-seed.json");
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0, SEED);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** One documented operation: the call that reproduces it, the state tweak it needs, the extras the docs allow. */
    static final class Case {
        final String product;
        final String action;
        final Map<String, String> params = new LinkedHashMap<>();
        Consumer<SandboxState> given = s -> { };
        Set<String> extras = Set.of();
        /** Documented keys this case's answer leaves out (the example shows fields of several caller kinds at once). */
        Set<String> absent = Set.of();
        Set<String> numbersWrittenAsStrings = Set.of();

        Case(String product, String action, String... keyValues) {
            this.product = product;
            this.action = action;
            for (int i = 0; i < keyValues.length; i += 2) {
                params.put(keyValues[i], keyValues[i + 1]);
            }
        }

        Case given(Consumer<SandboxState> change) {
            this.given = change;
            return this;
        }

        Case absent(String... keys) {
            this.absent = Set.of(keys);
            return this;
        }

        Case extras(String... paths) {
            this.extras = Set.of(paths);
            return this;
        }

        /** Paths where the documented example writes a number as a string, against its own response table. */
        Case numbersWrittenAsStrings(String... paths) {
            this.numbersWrittenAsStrings = Set.of(paths);
            return this;
        }

        @Override
        public String toString() {
            return product + "/" + action;
        }
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("cdn", "DescribeUserDomains"));
        c.add(new Case("cdn", "DescribeCdnDomainDetail", "DomainName", "example.com"));
        c.add(new Case("cdn", "StopCdnDomain", "DomainName", "example.com"));
        c.add(new Case("cdn", "StartCdnDomain", "DomainName", "img.example.com"));
        c.add(new Case("cdn", "BatchStopCdnDomain", "DomainNames", "example.com,img.example.com"));
        c.add(new Case("cdn", "BatchStartCdnDomain", "DomainNames", "example.com,img.example.com"));
        c.add(new Case("cdn", "ModifyCdnDomainSchdmByProperty", "DomainName", "example.com", "Property", "{\"coverage\":\"overseas\"}"));
        c.add(new Case("cdn", "TagResources", "ResourceType", "DOMAIN", "ResourceId.1", "example.com", "Tag.1.Key", "k", "Tag.1.Value", "v"));
        c.add(new Case("cdn", "UntagResources", "ResourceType", "DOMAIN", "ResourceId.1", "example.com", "TagKey.1", "env"));
        c.add(new Case("cdn", "DescribeTagResources", "ResourceType", "DOMAIN", "ResourceId.1", "example.com"));
        c.add(new Case("cdn", "DescribeUserCdnStatus"));
        c.add(new Case("cdn", "DescribeCdnService").given(s -> s.account.inDebtOverdue = true));
        c.add(new Case("cdn", "CheckCdnDomainICP", "DomainName", "example.com"));
        c.add(new Case("cdn", "DescribeDomainCertificateInfo", "DomainName", "example.com"));
        c.add(new Case("cdn", "DescribeCdnDomainConfigs", "DomainName", "example.com", "FunctionNames", "set_req_host_header"));
        c.add(new Case("dcdn", "DescribeDcdnUserDomains").extras("Domains.PageData[].SSLProtocol", "Domains.PageData[].Sandbox",
                "Domains.PageData[].Sources", "Domains.PageData[].DomainId", "Domains.PageData[].Scene"));
        c.add(new Case("dcdn", "DescribeDcdnDomainDetail", "DomainName", "www.example.com"));
        c.add(new Case("dcdn", "StopDcdnDomain", "DomainName", "www.example.com"));
        c.add(new Case("dcdn", "DescribeDcdnDomainCertificateInfo", "DomainName", "www.example.com"));
        c.add(new Case("dcdn", "DescribeDcdnDomainConfigs", "DomainName", "www.example.com")
                .extras("DomainConfigs.DomainConfig[].Status"));
        c.add(new Case("dcdn", "StartDcdnDomain", "DomainName", "www.example.com"));
        c.add(new Case("dcdn", "ModifyDCdnDomainSchdmByProperty", "DomainName", "www.example.com", "Property", "{\"coverage\":\"global\"}"));
        c.add(new Case("dcdn", "TagDcdnResources", "ResourceType", "DOMAIN", "ResourceId.1", "www.example.com", "Tag.1.Key", "k"));
        c.add(new Case("dcdn", "UntagDcdnResources", "ResourceType", "DOMAIN", "ResourceId.1", "www.example.com", "All", "true"));
        c.add(new Case("dcdn", "DescribeDcdnTagResources", "ResourceType", "DOMAIN", "ResourceId.1", "www.example.com"));
        c.add(new Case("dcdn", "DescribeDcdnService").given(s -> s.account.inDebtOverdue = true));
        c.add(new Case("alidns", "DescribeDomains"));
        c.add(new Case("alidns", "DescribeDomainRecords", "DomainName", "example.com", "Type", "MX", "RRKeyWord", "www")
                .extras("DomainRecords.Record[].Remark", "DomainRecords.Record[].Weight"));
        c.add(new Case("alidns", "DescribeSubDomainRecords", "SubDomain", "cdn.example.com")
                .extras("DomainRecords.Record[].Priority", "DomainRecords.Record[].Remark"));
        c.add(new Case("alidns", "AddDomainRecord", "DomainName", "example.com", "RR", "new", "Type", "A", "Value", "203.0.113.7"));
        c.add(new Case("alidns", "UpdateDomainRecord", "RecordId", "9999990", "RR", "api", "Type", "A", "Value", "203.0.113.2"));
        c.add(new Case("alidns", "DeleteDomainRecord", "RecordId", "9999990"));
        c.add(new Case("alidns", "SetDomainRecordStatus", "RecordId", "9999990", "Status", "Disable"));
        c.add(new Case("alidns", "UpdateDomainRecordRemark", "RecordId", "9999990", "Remark", "note"));
        c.add(new Case("alidns", "GetMainDomainName", "InputString", "www.example.com"));
        c.add(new Case("alidns", "DescribeDomainRecordInfo", "RecordId", "9999989"));
        c.add(new Case("bssopenapi", "QueryAccountBalance"));
        c.add(new Case("dcdn", "BatchStopDcdnDomain", "DomainNames", "www.example.com"));
        c.add(new Case("dcdn", "BatchStartDcdnDomain", "DomainNames", "www.example.com"));
        c.add(new Case("dcdn", "DescribeUserDcdnStatus"));
        // the example carries UserId and RoleId, which the field table says never come together: a RAM user gets UserId
        c.add(new Case("sts", "GetCallerIdentity").absent("RoleId"));
        c.add(new Case("sts", "AssumeRole", "RoleArn", "acs:ram::1234567890123456:role/lifeline", "RoleSessionName", "alice"));
        // the management account lists its members; Tags come only with IncludeTags=true
        c.add(new Case("resourcemanager", "ListAccounts", "PageSize", "5", "IncludeTags", "true").given(s -> {
            SandboxState member = new SandboxState();
            member.accountId = "1817610956900001";
            member.role = new MemberRole("cdn-lifeline-member", List.of(), null);
            member.tags = new java.util.LinkedHashMap<>(Map.of("team", "web"));
            s.members = new ArrayList<>(List.of(member));
        }));
        // VOD: the example's own artifacts (numbers as strings, Sources in a second item, an undocumented Weight) are the
        // documentation's; the fields its note lists from the response table and the Tea model are allowed extras
        c.add(new Case("vod", "DescribeVodUserDomains")
                .numbersWrittenAsStrings("TotalCount", "PageSize", "PageNumber", "Domains.PageData[].Sources.Source[].Port"));
        c.add(new Case("vod", "DescribeVodDomainDetail", "DomainName", "example.com").extras("DomainDetail.Description",
                "DomainDetail.SSLProtocol", "DomainDetail.SSLPub", "DomainDetail.CertName", "DomainDetail.Scope", "DomainDetail.Weight",
                "DomainDetail.Sources.Source[].Weight"));
        c.add(new Case("vod", "BatchStopVodDomain", "DomainNames", "example.com"));
        c.add(new Case("vod", "BatchStartVodDomain", "DomainNames", "example.com"));
        c.add(new Case("live", "DescribeLiveUserDomains").extras("Domains.PageData[].ResourceGroupId"));
        c.add(new Case("live", "DescribeLiveDomainDetail", "DomainName", "example.com").extras("DomainDetail.ResourceGroupId"));
        c.add(new Case("live", "StopLiveDomain", "DomainName", "example.com"));
        c.add(new Case("live", "StartLiveDomain", "DomainName", "example.com"));
        c.add(new Case("live", "ModifyLiveDomainSchdmByProperty", "DomainName", "example.com", "Property", "{\"coverage\":\"overseas\"}"));
        c.add(new Case("live", "TagLiveResources", "ResourceType", "DOMAIN", "ResourceId.1", "example.com", "Tag.1.Key", "k", "Tag.1.Value", "v"));
        c.add(new Case("live", "UnTagLiveResources", "ResourceType", "DOMAIN", "ResourceId.1", "example.com", "TagKey.1", "env"));
        c.add(new Case("live", "DescribeLiveTagResources", "ResourceType", "DOMAIN", "ResourceId.1", "example.com"));
        // RAM and EventBridge's control plane (lifeline setup): an account with one role, two policies and a bus with a rule
        String doc = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:*\"],\"Resource\":[\"acs:oss:*:*:*\"]}]}";
        String trust = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":[\"fc.aliyuncs.com\"]}}]}";
        c.add(new Case("ram", "CreateRole", "RoleName", "NewRole", "AssumeRolePolicyDocument", trust, "Description", "d"));
        c.add(new Case("ram", "GetRole", "RoleName", "ECSAdmin").given(ContractTest::controlPlane));
        c.add(new Case("ram", "UpdateRole", "RoleName", "ECSAdmin", "NewDescription", "d").given(ContractTest::controlPlane));
        c.add(new Case("ram", "CreatePolicy", "PolicyName", "New-Policy", "PolicyDocument", doc, "Description", "d"));
        c.add(new Case("ram", "GetPolicy", "PolicyType", "Custom", "PolicyName", "OSS-Administrator").given(ContractTest::controlPlane));
        c.add(new Case("ram", "CreatePolicyVersion", "PolicyName", "OSS-Administrator", "PolicyDocument", doc).given(ContractTest::controlPlane));
        c.add(new Case("ram", "ListPolicyVersions", "PolicyType", "Custom", "PolicyName", "OSS-Administrator").given(ContractTest::controlPlane));
        c.add(new Case("ram", "DeletePolicyVersion", "PolicyName", "OSS-Administrator", "VersionId", "v1").given(ContractTest::controlPlane));
        c.add(new Case("ram", "SetDefaultPolicyVersion", "PolicyName", "OSS-Administrator", "VersionId", "v1").given(ContractTest::controlPlane));
        c.add(new Case("ram", "AttachPolicyToRole", "PolicyType", "Custom", "PolicyName", "Other-Policy", "RoleName", "ECSAdmin")
                .given(ContractTest::controlPlane));
        c.add(new Case("ram", "ListPoliciesForRole", "RoleName", "ECSAdmin").given(ContractTest::controlPlane));
        // what lifeline uninstall takes away: the attachment, the policy (its one version left) and the role (nothing attached)
        c.add(new Case("ram", "DetachPolicyFromRole", "PolicyType", "Custom", "PolicyName", "OSS-Administrator", "RoleName", "ECSAdmin")
                .given(ContractTest::controlPlane));
        c.add(new Case("ram", "DeletePolicy", "PolicyName", "Other-Policy").given(s -> {
            controlPlane(s);
            s.ram.find(StsApi.DEFAULT_ACCOUNT_ID).policy("Other-Policy").versions.removeIf(v -> !v.isDefaultVersion);
        }));
        c.add(new Case("ram", "DeleteRole", "RoleName", "ECSAdmin").given(s -> {
            controlPlane(s);
            s.ram.find(StsApi.DEFAULT_ACCOUNT_ID).role("ECSAdmin").attached.clear();
        }));
        c.add(new Case("eventbridge", "CreateEventBus", "EventBusName", "NewBus", "Description", "d"));
        c.add(new Case("eventbridge", "GetEventBus", "EventBusName", "MyEventBus").given(ContractTest::controlPlane));
        c.add(new Case("eventbridge", "CreateRule", "EventBusName", "MyEventBus", "RuleName", "NewRule", "FilterPattern",
                "{\"type\":[\"x\"]}").given(ContractTest::controlPlane));
        c.add(new Case("eventbridge", "GetRule", "EventBusName", "MyEventBus", "RuleName", "MNSRule").given(ContractTest::controlPlane));
        c.add(new Case("eventbridge", "UpdateRule", "EventBusName", "MyEventBus", "RuleName", "MNSRule", "FilterPattern",
                "{\"type\":[\"y\"]}").given(ContractTest::controlPlane));
        c.add(new Case("eventbridge", "PutTargets", "EventBusName", "MyEventBus", "RuleName", "MNSRule", "Targets",
                "[{\"Id\":\"t2\",\"Type\":\"acs.fc.function\",\"Endpoint\":\"acs:fc:cn-hangzhou:1234567890123456:functions/f\"},"
                + "{\"Id\":\"t2\",\"Type\":\"acs.fc.function\",\"Endpoint\":\"acs:fc:cn-hangzhou:1234567890123456:functions/g\"}]")
                .given(ContractTest::controlPlane));
        // the documented DeleteRule example is the answer for a rule that is not there (a success that says so)
        c.add(new Case("eventbridge", "DeleteRule", "EventBusName", "MyEventBus", "RuleName", "NoSuchRule").given(ContractTest::controlPlane));
        c.add(new Case("eventbridge", "DeleteEventBus", "EventBusName", "MyEventBus").given(ContractTest::controlPlane));
        return c.stream();
    }

    /** The RAM and EventBridge entities the control-plane cases read or change, made through the APIs' own state. */
    static void controlPlane(SandboxState s) {
        String account = s.accountId == null ? StsApi.DEFAULT_ACCOUNT_ID : s.accountId;
        RamState.Account ram = s.ram.account(account);
        RamState.Role role = new RamState.Role();
        role.roleName = "ECSAdmin";
        role.roleId = "9012345678901234";
        role.description = "ECS";
        role.assumeRolePolicyDocument = "{\"Version\":\"1\",\"Statement\":[]}";
        role.createDate = "2015-01-23T12:33:18Z";
        role.updateDate = role.createDate;
        ram.roles.put(role.roleName, role);
        for (String name : List.of("OSS-Administrator", "Other-Policy")) {
            RamState.Policy policy = new RamState.Policy();
            policy.policyName = name;
            policy.createDate = "2015-01-23T12:33:18Z";
            policy.updateDate = policy.createDate;
            for (int v = 1; v <= 2; v++) {
                RamState.PolicyVersion version = new RamState.PolicyVersion();
                version.versionId = "v" + v;
                version.policyDocument = "{\"Version\":\"1\",\"Statement\":[]}";
                version.isDefaultVersion = v == 2;
                version.createDate = policy.createDate;
                policy.versions.add(version);
            }
            policy.lastVersion = 2;
            ram.policies.put(name, policy);
        }
        RamState.Attachment attachment = new RamState.Attachment();
        attachment.policyName = "OSS-Administrator";
        attachment.policyType = "Custom";
        attachment.attachDate = "2015-01-23T12:33:18Z";
        role.attached.add(attachment);
        EventBridgeState.Bus bus = new EventBridgeState.Bus();
        bus.region = "cn-hangzhou";
        bus.eventBusName = "MyEventBus";
        bus.createTimestamp = 1641781825000L;
        EventBridgeState.Rule rule = new EventBridgeState.Rule();
        rule.ruleName = "MNSRule";
        rule.filterPattern = "{\"source\":[\"acs.oss\"]}";
        JsonObject target = JsonParser.parseString("{\"Id\":\"t1\",\"Type\":\"acs.mns.queue\",\"Endpoint\":\"acs:mns:cn-hangzhou:"
                + account + ":queues/q\",\"DetailMap\":{\"test\":\"test\",\"test2\":1},\"ParamList\":[{\"Value\":\"v\","
                + "\"Template\":\"t\",\"Form\":\"TEMPLATE\",\"ResourceKey\":\"body\"}]}").getAsJsonObject();
        rule.targets.add(target);
        bus.rules.put(rule.ruleName, rule);
        s.eventBridge.account(account).buses.add(bus);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answerHasTheDocumentedShape(Case c) {
        // given the contract state (plus what this operation needs to show every documented field)
        sandbox.replaceState(SEED);
        sandbox.update(c.given);
        // when the operation is called over HTTP
        RawClient.Answer answer = new RawClient(sandbox).call(c.product, c.action, c.params);
        // then it succeeds with the documented shape
        assertEquals(200, answer.status, () -> answer.body.toString());
        JsonObject documented = JsonParser.parseString(resource("/api-examples/" + c.product + "/" + c.action + ".json")).getAsJsonObject();
        c.absent.forEach(documented::remove);
        List<String> diff = JsonShape.differences(documented, answer.body, c.extras, c.numbersWrittenAsStrings);
        assertTrue(diff.isEmpty(), () -> c + " differs from the documented example:\n  " + String.join("\n  ", diff)
                + "\nanswer: " + answer.body);
    }

    @Test
    void everyDocumentedOperationHasACase() {
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.add(c.product + "/" + c.action));
        Set<String> documented = new TreeSet<>();
        for (String product : List.of("cdn", "dcdn", "vod", "live", "alidns", "bssopenapi", "sts", "resourcemanager", "ram", "eventbridge")) {
            for (String line : resource("/api-examples/" + product + "/index.txt").split("\n")) {
                if (!line.trim().isEmpty()) {
                    documented.add(product + "/" + line.trim().replace(".json", ""));
                }
            }
        }
        assertEquals(documented, covered);
    }

    /**
     * Log Service is REST with its own signature, so its documented answers are checked here by path, not as RPC cases:
     * every operation of {@code api-examples/sls/index.txt} is called (after the project and logstore it reads are made).
     */
    @Test
    void everyDocumentedLogServiceAnswerHasItsShape() {
        sandbox.replaceState(SEED);
        SlsRawClient sls = new SlsRawClient(sandbox);
        String host = "contract-project.cn-hangzhou.log.aliyuncs.com";
        assertEquals(200, sls.call("POST", host, "/", "{\"projectName\":\"contract-project\",\"description\":\"d\"}").status);
        assertEquals(200, sls.call("POST", host, "/logstores", "{\"logstoreName\":\"audit\",\"ttl\":30,\"shardCount\":2}").status);
        Map<String, String> paths = Map.of("GetProject", "/", "GetLogStore", "/logstores/audit");
        Map<String, Set<String>> extras = Map.of("GetProject", Set.of(), "GetLogStore", Set.of("mode"));
        for (String line : resource("/api-examples/sls/index.txt").split("\n")) {
            if (line.trim().isEmpty()) continue;
            String action = line.trim().replace(".json", "");
            assertTrue(paths.containsKey(action), "no Log Service case for " + action);
            SlsRawClient.Answer answer = sls.call("GET", host, paths.get(action), null);
            assertEquals(200, answer.status, answer.body);
            JsonObject documented = JsonParser.parseString(resource("/api-examples/sls/" + line.trim())).getAsJsonObject();
            List<String> diff = JsonShape.differences(documented, answer.json(), extras.get(action));
            assertTrue(diff.isEmpty(), () -> action + " differs from the documented example:\n  " + String.join("\n  ", diff));
        }
    }

    /** Log Service's deletes answer 200 with no body; what they delete is gone after them (ProjectNotExist, LogStoreNotExist). */
    @Test
    void logServiceDeletesAnswerAsDocumented() {
        sandbox.replaceState(SEED);
        SlsRawClient sls = new SlsRawClient(sandbox);
        String host = "contract-project.cn-hangzhou.log.aliyuncs.com";
        assertEquals(200, sls.call("POST", host, "/", "{\"projectName\":\"contract-project\",\"description\":\"d\"}").status);
        assertEquals(200, sls.call("POST", host, "/logstores", "{\"logstoreName\":\"audit\",\"ttl\":30,\"shardCount\":2}").status);
        SlsRawClient.Answer store = sls.call("DELETE", host, "/logstores/audit", null);
        assertEquals(200, store.status, store.body);
        assertEquals("", store.body);
        assertEquals("LogStoreNotExist", sls.call("GET", host, "/logstores/audit", null).code());
        assertEquals("LogStoreNotExist", sls.call("DELETE", host, "/logstores/audit", null).code());
        SlsRawClient.Answer project = sls.call("DELETE", host, "/", null);
        assertEquals(200, project.status, project.body);
        assertEquals("ProjectNotExist", sls.call("GET", host, "/", null).code());
        assertEquals("ProjectNotExist", sls.call("DELETE", host, "/", null).code());
    }

    /**
     * OSS answers XML: GetBucketInfo and ListObjectsV2 have the element paths of {@code api-examples/oss}; PutBucket,
     * DeleteBucket and their documented errors (errors.json) answer with OSS's status and code.
     */
    @Test
    void everyDocumentedOssAnswerHasItsShape() {
        sandbox.replaceState(SEED);
        sandbox.update(s -> s.oss = new ArrayList<>());
        OssRawClient oss = new OssRawClient(sandbox, Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET);
        String bucket = "contract-bucket";
        // PutBucket: 200 with Location; again by its owner: 200 (a metadata change, as documented)
        java.net.http.HttpResponse<String> made = oss.call("PUT", bucket, "", null, null, "private",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateBucketConfiguration><StorageClass>Standard</StorageClass></CreateBucketConfiguration>");
        assertEquals(200, made.statusCode(), made.body());
        assertEquals("/" + bucket, made.headers().firstValue("Location").orElse(""));
        assertEquals(200, oss.call("PUT", bucket, "", null, null, "private", null).statusCode());
        assertEquals(200, oss.call("PUT", bucket, "lifeline/watch/state.json", null, null, null, "{}").statusCode());
        Map<String, String> calls = Map.of("GetBucketInfo.xml", "bucketInfo", "ListObjectsV2.xml", "");
        for (String line : resource("/api-examples/oss/index.txt").split("\n")) {
            if (line.trim().isEmpty()) continue;
            String sub = calls.get(line.trim());
            assertTrue(sub != null, "no OSS case for " + line);
            java.net.http.HttpResponse<String> answer = sub.isEmpty()
                    ? oss.call("GET", bucket, "", null, "list-type=2&prefix=lifeline/&max-keys=100", null, null)
                    : oss.call("GET", bucket, "", sub, null, null, null);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(OssRawClient.elementPaths(resource("/api-examples/oss/" + line.trim())), OssRawClient.elementPaths(answer.body()), line);
        }
        // the documented errors
        java.net.http.HttpResponse<String> notEmpty = oss.call("DELETE", bucket, "", null, null, null, null);
        assertEquals(409, notEmpty.statusCode());
        assertEquals("BucketNotEmpty", OssRawClient.code(notEmpty.body()));
        assertEquals(204, oss.call("DELETE", bucket, "lifeline/watch/state.json", null, null, null, null).statusCode());
        assertEquals(204, oss.call("DELETE", bucket, "", null, null, null, null).statusCode());
        java.net.http.HttpResponse<String> gone = oss.call("GET", bucket, "", "bucketInfo", null, null, null);
        assertEquals(404, gone.statusCode());
        assertEquals("NoSuchBucket", OssRawClient.code(gone.body()));
        assertEquals("NoSuchBucket", OssRawClient.code(oss.call("DELETE", bucket, "", null, null, null, null).body()));
        sandbox.update(s -> {
            OssBucket theirs = new OssBucket("someone-elses");
            theirs.owner = "2000000000000009";
            s.oss.add(theirs);
        });
        java.net.http.HttpResponse<String> taken = oss.call("PUT", "someone-elses", "", null, null, "private", null);
        assertEquals(409, taken.statusCode());
        assertEquals("BucketAlreadyExists", OssRawClient.code(taken.body()));
        assertEquals("AccessDenied", OssRawClient.code(oss.call("DELETE", "someone-elses", "", null, null, null, null).body()));
        assertEquals("InvalidBucketName", OssRawClient.code(oss.call("PUT", "Not_A_Bucket", "", null, null, "private", null).body()));
    }

    static String resource(String path) {
        try (InputStream in = ContractTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
