package io.cdnlifeline.remedy;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One way the cloud says no, matched by its error code, with the words an operator understands.
 * A {@linkplain #isFinal() final} refusal is one that retrying cannot change within FC's retry window
 * (an invalid ICP filing, a blacklisted domain, an account in debt): the Applier reports it as a skip
 * with those words instead of a failed change, so FC does not retry an invocation that can only fail again.
 * A non-final one (a cloud service briefly unavailable) stays a failed change, with the words as its note.
 */
public final class Refusal {
    private final Predicate<String> code;
    private final String words;
    private final boolean isFinal;

    private Refusal(Predicate<String> code, String words, boolean isFinal) {
        this.code = Objects.requireNonNull(code, "code");
        this.words = Objects.requireNonNull(words, "words");
        this.isFinal = isFinal;
    }

    /** A refusal that retrying cannot change: reported as a skip. */
    public static Refusal finalOn(String code, String words) {
        return new Refusal(code::equals, words, true);
    }

    /** Final, matched by a test on the code (for refusals the cloud spells several ways). */
    public static Refusal finalWhen(Predicate<String> code, String words) {
        return new Refusal(code, words, true);
    }

    /** A refusal a later retry may get past: stays a failed change, explained in its note. */
    public static Refusal transientOn(String code, String words) {
        return new Refusal(code::equals, words, false);
    }

    /** True when the cloud's error code is this refusal. */
    public boolean matches(String errorCode) {
        return errorCode != null && code.test(errorCode);
    }

    /** What the refusal means, in an operator's words, without the code (the report adds it). */
    public String words() { return words; }

    public boolean isFinal() { return isFinal; }
}
