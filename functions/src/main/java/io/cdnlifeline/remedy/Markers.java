package io.cdnlifeline.remedy;

import io.cdnlifeline.cloud.Product;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code lifeline:} domain tags the domain remedies leave, the resource names their Changes carry,
 * and what a tag value may hold.
 */
final class Markers {
    /** Left by switch-to-overseas: the coverage before the switch ({@code domestic} or {@code global}). */
    static final String COVERAGE = "lifeline:coverage";
    /** Left by disable-domain: why the domain was stopped. */
    static final String DISABLED = "lifeline:disabled";

    static final String OVERSEAS = "overseas";
    /** Coverages that include mainland China: the ones switch-to-overseas moves away from. */
    static final Set<String> MAINLAND = Set.of("domestic", "global");
    static final Set<String> COVERAGES = Set.of("domestic", "global", "overseas");

    /** Alibaba Cloud tag values hold at most 128 characters. */
    static final int MAX_TAG_VALUE = 128;
    /** The disable reason when the Request gives none (or nothing of it survives sanitising). */
    static final String DEFAULT_REASON = "manual";

    private Markers() {
    }

    static String coverageResource(Product p, String domain) {
        return p.id() + ":" + domain + "/coverage";
    }

    static String statusResource(Product p, String domain) {
        return p.id() + ":" + domain + "/status";
    }

    static String tagResource(Product p, String domain, String key) {
        return p.id() + ":" + domain + "/tag/" + key;
    }

    /** The coverage in lower case, or null when absent. */
    static String normalCoverage(String coverage) {
        return coverage == null || coverage.isBlank() ? null : coverage.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * A Request's free-text reason as a tag value: Alibaba Cloud rejects values containing {@code http://} or
     * {@code https://}, and values over 128 characters; we also keep to letters, digits and {@code _ . : / = + - @}
     * and single spaces, so the value reads the same in every console and CLI.
     */
    static String tagValue(String reason) {
        if (reason == null) return DEFAULT_REASON;
        String s = reason.replaceAll("(?i)https?://", "");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || "_.:/=+-@".indexOf(cp) >= 0) b.appendCodePoint(cp);
            else if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') b.append(' ');
        }
        String out = b.toString().trim();
        if (out.length() > MAX_TAG_VALUE) {
            int end = MAX_TAG_VALUE;
            if (Character.isHighSurrogate(out.charAt(end - 1))) end--;
            out = out.substring(0, end).trim();
        }
        return out.isEmpty() ? DEFAULT_REASON : out;
    }
}
