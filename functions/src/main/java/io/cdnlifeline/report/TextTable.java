package io.cdnlifeline.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain-text table with left-aligned columns padded to the widest cell, two spaces apart, no trailing blanks.
 * Its cells are either tidied (the Report tables: line breaks become spaces, an empty cell shows {@code -}, a
 * cell over {@link #MAX_CELL} characters is cut, since the JSON output carries everything) or, from
 * {@link #uncut}, printed as given and never cut (the CLI's tables, where an update's before and after must show
 * in full; pipe to {@code less -S}).
 */
public final class TextTable {
    /** Tidied cells longer than this are cut: the JSON output carries everything, the table is for reading. */
    static final int MAX_CELL = 120;

    private final List<String> header;
    private final boolean tidy;
    private final boolean cut;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table of tidied cells. */
    TextTable(String... header) {
        this(Arrays.asList(header), true);
    }

    private TextTable(List<String> header, boolean tidy) {
        this(header, tidy, tidy);
    }

    private TextTable(List<String> header, boolean tidy, boolean cut) {
        this.header = List.copyOf(header);
        this.tidy = tidy;
        this.cut = cut;
    }

    /** A table of tidied cells that are never cut: what a person reads whole (the inspect table's markers). */
    static TextTable whole(String... header) {
        return new TextTable(Arrays.asList(header), true, false);
    }

    /** A table whose cells are printed exactly as given, never cut or replaced. */
    public static TextTable uncut(List<String> header) {
        return new TextTable(header, false);
    }

    TextTable row(String... cells) {
        return row(Arrays.asList(cells));
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.size());
        }
        List<String> r = new ArrayList<>();
        for (String c : cells) r.add(tidy ? clean(c, cut) : c);
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The header line, then one line per row, each ended by {@code \n}. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (String line : lines()) b.append(line).append('\n');
        return b.toString();
    }

    /** The header line, then one line per row, without line ends. */
    public List<String> lines() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
        List<String> out = new ArrayList<>();
        out.add(line(header, width));
        for (List<String> r : rows) out.add(line(r, width));
        return out;
    }

    private String line(List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) l.append("  ");
            l.append(cells.get(i));
            if (i < cells.size() - 1) for (int p = cells.get(i).length(); p < width[i]; p++) l.append(' ');
        }
        // A cell as given may end in any white space (a message's line break), which goes with the padding;
        // tidied cells end in no line break, and only spaces are taken off.
        if (!tidy) return l.toString().stripTrailing();
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') end--;
        return l.substring(0, end);
    }

    static String clean(String s) {
        return clean(s, true);
    }

    static String clean(String s, boolean cut) {
        if (s == null || s.isEmpty()) return "-";
        String t = s.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        return cut && t.length() > MAX_CELL ? t.substring(0, MAX_CELL - 3) + "..." : t;
    }
}
