package io.cdnlifeline.cloud.aliyun;

/**
 * Credentials were found but cannot be used: half of the environment pair, a malformed aliyun CLI
 * config, or a profile mode we do not read. The message says which and never quotes a secret.
 */
public final class UnusableCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnusableCredentialsException(String message) {
        super(message);
    }
}
