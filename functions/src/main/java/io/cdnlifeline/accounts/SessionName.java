package io.cdnlifeline.accounts;

/**
 * The RoleSessionName of an assumed role, saying who and why, which ActionTrail shows beside every call made with it:
 * {@code lifeline.<function>.<why>}, the why being the trigger in FC ({@code timer}, {@code actiontrail:StopCdnDomain}, ...)
 * or {@code cli} for a person at the command line, e.g. {@code lifeline.dns-to-origin.timer}. STS takes letters, digits
 * and {@code .@-_}, 2-32 characters (sts/README-notes.md, its 2020 page): other characters become {@code _}, and the
 * name is cut at 32 (the why is what gets cut).
 */
public final class SessionName {
    static final int MAX = 32;

    private SessionName() {
    }

    /**
     * @param function the function's name
     * @param why      what triggered the run (the Request's source: timer, manual, actiontrail:StopCdnDomain, ...), or cli
     */
    public static String of(String function, String why) {
        String raw = "lifeline." + function + "." + (why == null || why.isBlank() ? "manual" : why);
        String clean = raw.replaceAll("[^A-Za-z0-9.@_-]", "_");
        return clean.length() <= MAX ? clean : clean.substring(0, MAX);
    }
}
