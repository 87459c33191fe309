package io.cdnlifeline.cloud.aliyun;

import java.util.List;

/** No credentials anywhere the default chain looks; the message lists each place and why it gave none. */
public final class CredentialsNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> looked;

    CredentialsNotFoundException(List<String> looked) {
        super("no Alibaba Cloud credentials found; looked at: " + String.join("; ", looked));
        this.looked = List.copyOf(looked);
    }

    /** The places looked at, in order, each with why it gave nothing. */
    public List<String> looked() {
        return looked;
    }
}
