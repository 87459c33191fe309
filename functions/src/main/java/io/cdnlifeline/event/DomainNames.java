package io.cdnlifeline.event;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation of the accelerated domain names a Request may name. Accepts what CDN accepts: LDH labels,
 * an optional leading {@code *.} wildcard, and internationalised names (converted to punycode, which is
 * how the CDN APIs list them).
 */
public final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private DomainNames() {
    }

    /** Lower-cases, strips one trailing dot, converts Unicode to punycode; throws BadInputException when not a domain name. */
    public static String normalize(String raw) {
        if (raw == null) {
            throw new BadInputException("a domain name is null; expected a domain name such as www.example.com");
        }
        String d = raw.trim();
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        String shown = printable(raw);
        if (d.isEmpty() || d.length() > 253) {
            throw new BadInputException("'" + shown + "' is not a domain name; expected a domain name such as www.example.com");
        }
        boolean wildcard = d.startsWith("*.");
        String rest = wildcard ? d.substring(2) : d;
        String ascii;
        if (isAscii(rest)) {
            // IDN leaves ASCII labels as they are, and LABEL below checks all its STD3 rules; skipping it saves
            // loading its Unicode tables on every cold start (most names are ASCII)
            ascii = rest.toLowerCase(Locale.ROOT);
        } else {
            try {
                ascii = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("'" + shown + "' is not a domain name; expected a domain name such as www.example.com");
            }
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new BadInputException("'" + shown + "' is not a domain name (no dot); expected a domain name such as www.example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new BadInputException("'" + shown + "' is not a domain name; expected a domain name such as www.example.com");
            }
        }
        return wildcard ? "*." + ascii : ascii;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    /** Keeps an echo of bad input short and free of control characters, so it is safe in logs. */
    static String printable(String raw) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < raw.length() && b.length() < 80; i++) {
            char c = raw.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (raw.length() > 80) b.append("...");
        return b.toString();
    }
}
