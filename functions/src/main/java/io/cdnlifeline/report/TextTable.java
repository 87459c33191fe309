package io.cdnlifeline.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Plain-text table with left-aligned columns padded to the widest cell; line breaks in cells become spaces. */
final class TextTable {
    /** Cells longer than this are cut: the JSON output carries everything, the table is for reading. */
    static final int MAX_CELL = 120;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = Arrays.asList(header);
    }

    TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> r = new ArrayList<>();
        for (String c : cells) r.add(clean(c));
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
        StringBuilder b = new StringBuilder();
        line(b, header, width);
        for (List<String> r : rows) line(b, r, width);
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) l.append("  ");
            l.append(cells.get(i));
            if (i < cells.size() - 1) for (int p = cells.get(i).length(); p < width[i]; p++) l.append(' ');
        }
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') end--;
        b.append(l, 0, end).append('\n');
    }

    static String clean(String s) {
        if (s == null || s.isEmpty()) return "-";
        String t = s.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        return t.length() > MAX_CELL ? t.substring(0, MAX_CELL - 3) + "..." : t;
    }
}
