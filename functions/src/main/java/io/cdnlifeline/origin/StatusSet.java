package io.cdnlifeline.origin;

import java.util.ArrayList;
import java.util.List;

/** {@code LIFELINE_ORIGIN_STATUSES}: the HTTP statuses that count as "the origin serves the site", e.g. {@code 200-399} or {@code 200,204,301-308}. */
public final class StatusSet {
    private final List<int[]> ranges;
    private final String text;

    private StatusSet(List<int[]> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    public static StatusSet parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        if (text == null || text.isBlank()) throw bad(text);
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            int dash = t.indexOf('-');
            try {
                int lo = Integer.parseInt(dash < 0 ? t : t.substring(0, dash).trim());
                int hi = dash < 0 ? lo : Integer.parseInt(t.substring(dash + 1).trim());
                if (lo < 100 || hi > 599 || lo > hi) throw bad(text);
                ranges.add(new int[] {lo, hi});
            } catch (NumberFormatException e) {
                throw bad(text);
            }
        }
        if (ranges.isEmpty()) throw bad(text);
        return new StatusSet(ranges, text.trim());
    }

    public boolean accepts(int status) {
        for (int[] r : ranges) if (status >= r[0] && status <= r[1]) return true;
        return false;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("LIFELINE_ORIGIN_STATUSES must be HTTP statuses or ranges such as 200-399 or 200,204,301-308; got '"
                + text + "'");
    }

    @Override
    public String toString() { return text; }
}
