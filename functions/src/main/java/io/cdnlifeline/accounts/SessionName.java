package io.cdnlifeline.accounts;

/**
 * The RoleSessionName of an assumed role, saying who and why, which ActionTrail shows beside every call made with it:
 * {@code <who>.<function>.<trigger>}, e.g. {@code lifeline.dns-to-origin.timer}. STS takes 2-64 characters of letters,
 * digits and {@code .@-_} (32 in its older pages): other characters become {@code _}, and the name is cut at 32.
 */
public final class SessionName {
    static final int MAX = 32;

    private SessionName() {
    }

    /**
     * @param who      {@code lifeline} in FC, {@code lifeline-cli} on the command line
     * @param function the function's name
     * @param why      what triggered the run (the Request's source: timer, manual, actiontrail:StopCdnDomain, ...)
     */
    public static String of(String who, String function, String why) {
        String raw = who + "." + function + "." + (why == null || why.isBlank() ? "manual" : why);
        String clean = raw.replaceAll("[^A-Za-z0-9.@_-]", "_");
        return clean.length() <= MAX ? clean : clean.substring(0, MAX);
    }
}
