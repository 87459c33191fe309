package io.cdnlifeline.sandbox;

/**
 * Who signed a call, told apart by the access key or STS token: the key, the account it belongs to (the central one or a
 * member), and the central account (the whole state), which STS and Resource Manager need to see the members.
 */
final class Caller {
    final AccessKey key;
    final SandboxState account;
    final SandboxState root;

    Caller(AccessKey key, SandboxState account, SandboxState root) {
        this.key = key;
        this.account = account;
        this.root = root;
    }

    /** The account id calls of this caller run in. */
    String accountId() {
        return account.accountIdOrDefault();
    }
}
