package io.cdnlifeline.cloud;

import java.util.Objects;

/**
 * One origin (back-to-source address) of an accelerated domain, as the detail APIs describe it.
 * {@code priority} is a string in the API: "20" is primary, "30" is backup.
 */
public final class Origin {
    private final String type;
    private final String content;
    private final int port;
    private final String priority;
    private final String weight;
    private final boolean enabled;

    public Origin(String type, String content, int port, String priority, String weight, boolean enabled) {
        this.type = Objects.requireNonNull(type, "type");
        this.content = Objects.requireNonNull(content, "content");
        this.port = port;
        this.priority = priority == null ? "20" : priority;
        this.weight = weight == null ? "10" : weight;
        this.enabled = enabled;
    }

    /** {@code ipaddr}, {@code domain} or {@code oss} (other types exist; the DNS remedy treats them as host names). */
    public String type() { return type; }
    public String content() { return content; }
    public int port() { return port; }
    public String priority() { return priority; }
    public String weight() { return weight; }
    public boolean enabled() { return enabled; }

    /** Lower number = higher priority; an unparsable priority sorts last. */
    public int priorityRank() {
        try {
            return Integer.parseInt(priority.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Origin)) return false;
        Origin x = (Origin) o;
        return port == x.port && enabled == x.enabled && type.equals(x.type) && content.equals(x.content)
                && priority.equals(x.priority) && weight.equals(x.weight);
    }

    @Override
    public int hashCode() { return Objects.hash(type, content, port, priority, weight, enabled); }

    @Override
    public String toString() { return type + ":" + content + ":" + port + " p" + priority + (enabled ? "" : " (disabled)"); }
}
