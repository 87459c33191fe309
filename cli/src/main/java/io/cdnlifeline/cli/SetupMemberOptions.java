package io.cdnlifeline.cli;

import picocli.CommandLine.Option;

/** {@code lifeline setup}'s options of a member account: only the member role, which the central account's function role assumes. */
final class SetupMemberOptions {
    @Option(names = "--member-of", paramLabel = "ACCOUNT",
            description = "Set up a member account for this central account: only the member role, which the central account's function role may assume.")
    String memberOf;

    @Option(names = "--external-id", paramLabel = "ID", description = "With --member-of: the external id the central account must give to assume the role.")
    String externalId;

    @Option(names = "--central-role", paramLabel = "NAME", description = "With --member-of: the central account's function role. Default: cdn-lifeline-fc.")
    String centralRole;

    boolean member() {
        return memberOf != null;
    }
}
