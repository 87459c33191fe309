package io.cdnlifeline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and spreads of repeated measurements. */
final class Stats {
    private Stats() {
    }

    static double median(List<? extends Number> xs) {
        List<Double> s = sorted(xs);
        int n = s.size();
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double min(List<? extends Number> xs) {
        return sorted(xs).get(0);
    }

    static double max(List<? extends Number> xs) {
        List<Double> s = sorted(xs);
        return s.get(s.size() - 1);
    }

    private static List<Double> sorted(List<? extends Number> xs) {
        List<Double> s = new ArrayList<>();
        for (Number x : xs) s.add(x.doubleValue());
        Collections.sort(s);
        return s;
    }
}
