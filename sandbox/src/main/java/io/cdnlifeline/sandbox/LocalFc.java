package io.cdnlifeline.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The local Function Compute of the seed ({@code "fc"}): the deployed functions with their triggers and async
 * settings, and the service-linked roles Resource Manager reports. The code packages themselves are files the
 * sandbox keeps on disk ({@link FcFunction#codeFile}); the state names them.
 */
public final class LocalFc {
    /** The account the functions' ARNs name. */
    public String accountId = "1234567890123456";
    /** The FC region the ARNs name. */
    public String region = "cn-hangzhou";
    public List<FcFunction> functions = new ArrayList<>();
    /** Service names (e.g. {@code sendevent-fc.eventbridge.aliyuncs.com}) whose service-linked role exists. */
    public List<String> serviceLinkedRoles = new ArrayList<>();

    public FcFunction function(String name) {
        for (FcFunction f : functions) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    void normalise() {
        if (functions == null) {
            functions = new ArrayList<>();
        }
        if (serviceLinkedRoles == null) {
            serviceLinkedRoles = new ArrayList<>();
        }
        for (FcFunction f : functions) {
            if (f.triggers == null) {
                f.triggers = new ArrayList<>();
            }
        }
    }
}
