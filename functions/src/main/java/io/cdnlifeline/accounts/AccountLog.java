package io.cdnlifeline.accounts;

import java.util.function.Consumer;

/** The audit trail of a run in one account of several: every audit line names the account, as its first field. */
public final class AccountLog {
    static final String MARKER = "\"audit\":\"lifeline\"";

    private AccountLog() {
    }

    /** {@code sink}, with {@code "account":"<id>"} put first into every audit line that does not name it; other lines as they are. */
    public static Consumer<String> tagging(Consumer<String> sink, String accountId) {
        String field = "\"account\":\"" + accountId + "\"";
        return line -> sink.accept(line != null && line.startsWith("{") && line.contains(MARKER) && !line.contains(field)
                ? "{" + field + "," + line.substring(1) : line);
    }
}
