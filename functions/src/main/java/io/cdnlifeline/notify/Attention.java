package io.cdnlifeline.notify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which skipped domains need a human. The Report's skips are words for people; most say the domain simply did
 * not qualify (conditions not met, out of scope, another run is at it, already done). Those are routine and never
 * worth a message from a 5-minute timer. Everything else (a locked record, no usable origin, a zone outside
 * Alidns, a condition that could not be read, a final refusal of the cloud, a record someone changed by hand) is
 * a finding a person must look at. The list is of the routine words, so a new kind of skip that other code adds
 * later is told rather than silently dropped: a missed alert costs more than one extra message every
 * LIFELINE_NOTIFY_REPEAT.
 */
final class Attention {
    private static final List<Pattern> ROUTINE = List.of(
            Pattern.compile("^conditions not met"),
            Pattern.compile("^out of scope"),
            Pattern.compile("^excluded by lifeline_exclude"),
            Pattern.compile("^not an accelerated domain of this account"),
            Pattern.compile("in progress"),
            Pattern.compile("^already "),
            Pattern.compile("run again once"),
            Pattern.compile("carries no lifeline:"),
            Pattern.compile("^not stopped by cdn-lifeline"),
            Pattern.compile("^no dns record of \\S+ (points at its cdn cname|carries a lifeline: marker)"),
            Pattern.compile("nothing to switch"));

    private Attention() {
    }

    /** True when a skip with these words needs a person. */
    static boolean needsHuman(String why) {
        String w = why.toLowerCase(Locale.ROOT);
        for (Pattern p : ROUTINE) {
            if (p.matcher(w).find()) return false;
        }
        return true;
    }

    /**
     * The words without what changes from run to run though the finding is the same: request ids, times, lease
     * deadlines. Two runs finding the same thing produce the same key.
     */
    static String normalized(String why) {
        return why.replaceAll("RequestId [^;,)\\s]+", "RequestId _")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z?", "_")
                .replaceAll("\\d{10,}", "_");
    }
}
