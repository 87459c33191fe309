package io.cdnlifeline.cloud.aliyun;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * For the deployment tests: the function jar signs a call with nothing but its own classes (the shade
 * filter keeps four classes of the SDK core), and its Signature is the one {@link RpcSignature} computes on
 * the test class path, which {@code RpcSignatureTest} holds to the SDK's.
 */
public final class BuiltJarSigning {
    private BuiltJarSigning() {
    }

    /** What is wrong with signing from {@code jar}'s classes; empty when nothing is. */
    public static List<String> problems(ClassLoader jar) {
        List<String> problems = new ArrayList<>();
        try {
            Class<?> client = Class.forName(RpcClient.class.getName(), true, jar);
            Class<?> service = Class.forName(AliyunService.class.getName(), true, jar);
            Class<?> credentials = Class.forName("io.cdnlifeline.cloud.CloudCredentials", true, jar);
            if (client.getClassLoader() != jar) problems.add("RpcClient did not come from the jar");
            Constructor<?> make = client.getDeclaredConstructor(String.class, LongSupplier.class, Supplier.class);
            make.setAccessible(true);
            LongSupplier clock = () -> 1_798_761_599_000L;
            Supplier<String> nonce = () -> "2f1c6c52-0000-4000-8000-000000000001";
            Object rpc = make.newInstance("cn-hangzhou", clock, nonce);
            Method sign = client.getDeclaredMethod("signedParameters", service, String.class, Map.class, credentials);
            sign.setAccessible(true);
            Object key = credentials.getConstructor(String.class, String.class, String.class).newInstance("STS.ak", "secret", "to:ken*~ 1");
            java.lang.reflect.Field alidns = service.getField("ALIDNS");
            alidns.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, String> signed = (Map<String, String>) sign.invoke(rpc, alidns.get(null),
                    "UpdateDomainRecordRemark", Map.of("RecordId", "1001", "Remark", "lifeline:added:1 a*b~ 维护"), key);
            Map<String, String> unsigned = new TreeMap<>(signed);
            String signature = unsigned.remove("Signature");
            String expected = RpcSignature.signature(RpcSignature.stringToSign(unsigned), "secret");
            if (!expected.equals(signature)) problems.add("the jar signed " + signature + ", the SDK-checked signer " + expected);
            if (!"2026-12-31T23:59:59Z".equals(signed.get("Timestamp"))) problems.add("the jar's Timestamp is " + signed.get("Timestamp"));
        } catch (ReflectiveOperationException | LinkageError e) {
            problems.add("the jar cannot sign on its own: " + (e.getCause() != null ? e.getCause() : e));
        }
        return problems;
    }
}
