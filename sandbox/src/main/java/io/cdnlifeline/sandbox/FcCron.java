package io.cdnlifeline.sandbox;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * A timer trigger's schedule as FC reads {@code cronExpression}: six fields (seconds minutes hours day-of-month
 * month day-of-week, UTC unless prefixed {@code CRON_TZ=Zone}), or {@code @every 5m} / {@code @every 1h30m}.
 * Fields take {@code *}, {@code ?} (day fields), numbers, ranges {@code a-b}, lists and steps {@code /n};
 * months and days may be named (JAN, MON). Day-of-week 0 and 7 are Sunday.
 */
final class FcCron {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String expression;
    private final ZoneId zone;
    private final Duration every;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private FcCron(String expression, ZoneId zone, Duration every, BitSet[] fields, boolean anyDom, boolean anyDow) {
        this.expression = expression;
        this.zone = zone;
        this.every = every;
        this.seconds = fields == null ? null : fields[0];
        this.minutes = fields == null ? null : fields[1];
        this.hours = fields == null ? null : fields[2];
        this.daysOfMonth = fields == null ? null : fields[3];
        this.months = fields == null ? null : fields[4];
        this.daysOfWeek = fields == null ? null : fields[5];
        this.anyDayOfMonth = anyDom;
        this.anyDayOfWeek = anyDow;
    }

    /** Parses {@code expression}; throws {@link IllegalArgumentException} whose message says what is wrong. */
    static FcCron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cronExpression is empty");
        }
        String rest = expression.trim();
        ZoneId zone = ZoneOffset.UTC;
        if (rest.startsWith("CRON_TZ=")) {
            int space = rest.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("cronExpression \"" + expression + "\" has a CRON_TZ and no schedule");
            }
            try {
                zone = ZoneId.of(rest.substring("CRON_TZ=".length(), space));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cronExpression \"" + expression + "\": unknown time zone " + rest.substring(8, space));
            }
            rest = rest.substring(space + 1).trim();
        }
        if (rest.startsWith("@every ")) {
            Duration d = parseEvery(rest.substring(7).trim(), expression);
            if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("cronExpression \"" + expression + "\": @every needs at least 1m");
            }
            return new FcCron(expression, zone, d, null, false, false);
        }
        String[] f = rest.split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("cronExpression \"" + expression + "\" has " + f.length
                    + " fields; FC wants 6 (seconds minutes hours day-of-month month day-of-week) or @every");
        }
        BitSet[] fields = {
            field(f[0], 0, 59, null, "seconds", expression),
            field(f[1], 0, 59, null, "minutes", expression),
            field(f[2], 0, 23, null, "hours", expression),
            field(f[3], 1, 31, null, "day-of-month", expression),
            field(f[4], 1, 12, MONTHS, "month", expression),
            field(f[5], 0, 7, DAYS, "day-of-week", expression),
        };
        if (fields[5].get(7)) {
            fields[5].set(0);
        }
        return new FcCron(expression, zone, null, fields, isAny(f[3]), isAny(f[5]));
    }

    /** The first firing strictly after {@code after}. */
    ZonedDateTime next(ZonedDateTime after) {
        if (every != null) {
            // @every counts from the epoch, so every instance of the schedule agrees on the firing times
            long step = every.getSeconds();
            long t = after.toEpochSecond();
            return ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond((t / step + 1) * step), zone);
        }
        ZonedDateTime t = after.withZoneSameInstant(zone).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return t;
            }
        }
        throw new IllegalStateException("cronExpression \"" + expression + "\" never fires");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth) {
            return dow;
        }
        if (anyDayOfWeek) {
            return dom;
        }
        return dom || dow;
    }

    private static boolean isAny(String f) {
        return f.equals("*") || f.equals("?");
    }

    private static BitSet field(String text, int min, int max, String[] names, String what, String expression) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), null, what, expression);
                if (step <= 0) {
                    throw bad(expression, what, part);
                }
            }
            int lo;
            int hi;
            if (range.equals("*") || range.equals("?")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", 2);
                lo = number(ab[0], names, what, expression);
                hi = number(ab[1], names, what, expression);
            } else {
                lo = number(range, names, what, expression);
                hi = slash >= 0 ? max : lo;
            }
            if (lo < min || hi > max || lo > hi) {
                throw new IllegalArgumentException("cronExpression \"" + expression + "\": " + what + " \"" + part
                        + "\" is outside " + min + "-" + max);
            }
            for (int i = lo; i <= hi; i += step) {
                bits.set(i);
            }
        }
        return bits;
    }

    private static int number(String s, String[] names, String what, String expression) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(s.toUpperCase(Locale.ROOT))) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw bad(expression, what, s);
        }
    }

    private static IllegalArgumentException bad(String expression, String what, String part) {
        return new IllegalArgumentException("cronExpression \"" + expression + "\": " + what + " \"" + part + "\" is not a cron field");
    }

    private static Duration parseEvery(String s, String expression) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([hm])").matcher(s);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofMinutes(n));
            end = m.end();
        }
        if (end != s.length() || d.isZero()) {
            throw new IllegalArgumentException("cronExpression \"" + expression + "\": @every wants a duration like 5m or 1h30m");
        }
        return d;
    }
}
