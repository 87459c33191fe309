package io.cdnlifeline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by two spaces, header in capitals; cells are never cut (pipe to {@code less -S}). */
final class PlainTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    PlainTable(List<String> headers) {
        this.headers = new ArrayList<>(headers);
    }

    PlainTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("a row has " + cells.size() + " cells, the table " + headers.size() + " columns");
        }
        rows.add(new ArrayList<>(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) width[i] = headers.get(i).length();
        for (List<String> r : rows) {
            for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
        }
        List<String> upper = new ArrayList<>();
        for (String h : headers) upper.add(h.toUpperCase(java.util.Locale.ROOT));
        line(out, upper, width);
        for (List<String> r : rows) line(out, r, width);
    }

    private static void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            b.append(c);
            if (i < cells.size() - 1) {
                for (int k = c.length(); k < width[i] + 2; k++) b.append(' ');
            }
        }
        out.println(b.toString().stripTrailing());
    }
}
