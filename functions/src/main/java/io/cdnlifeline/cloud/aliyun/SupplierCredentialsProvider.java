package io.cdnlifeline.cloud.aliyun;

import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import io.cdnlifeline.cloud.CloudCredentials;

import java.util.function.Supplier;

/**
 * Asks our supplier for the credentials before every request the SDK signs: inside FC that is the
 * function role's STS credentials of the latest invocation, which FC rotates. A security token makes
 * them session credentials, which the SDK signs with and sends as {@code SecurityToken}.
 */
final class SupplierCredentialsProvider implements AlibabaCloudCredentialsProvider {
    private final Supplier<CloudCredentials> supplier;

    SupplierCredentialsProvider(Supplier<CloudCredentials> supplier) {
        this.supplier = supplier;
    }

    @Override
    public AlibabaCloudCredentials getCredentials() {
        CloudCredentials c;
        try {
            c = supplier.get();
        } catch (RuntimeException e) {
            throw new CredentialsSupplierFailure(e.getMessage(), e);
        }
        if (c == null) {
            throw new CredentialsSupplierFailure("the credentials supplier returned nothing", null);
        }
        return c.securityToken() == null
                ? new BasicCredentials(c.accessKeyId(), c.accessKeySecret())
                : new BasicSessionCredentials(c.accessKeyId(), c.accessKeySecret(), c.securityToken());
    }

    /** The supplier could not give credentials; the SDK lets this through untouched, so the caller can tell it apart. */
    static final class CredentialsSupplierFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CredentialsSupplierFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
