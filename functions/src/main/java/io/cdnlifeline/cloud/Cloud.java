package io.cdnlifeline.cloud;

import java.util.Objects;

/** The three ports a function works through; built once per FC instance by the handler's initializer. */
public final class Cloud {
    private final CdnApi cdn;
    private final DnsApi dns;
    private final AccountApi account;

    public Cloud(CdnApi cdn, DnsApi dns, AccountApi account) {
        this.cdn = Objects.requireNonNull(cdn, "cdn");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.account = Objects.requireNonNull(account, "account");
    }

    public CdnApi cdn() { return cdn; }
    public DnsApi dns() { return dns; }
    public AccountApi account() { return account; }
}
