package io.cdnlifeline.sandbox;

/** One origin server of an accelerated domain (CDN SourceModel / DCDN Source). */
public final class Source {
    /** {@code ipaddr}, {@code domain} or {@code oss}. */
    public String type = "ipaddr";
    public String content;
    public int port = 80;
    /** A string on the wire: "20" primary, "30" backup. */
    public String priority = "20";
    public String weight = "10";
    /** {@code online} or {@code offline}. */
    public String enabled = "online";

    public Source() {
    }

    public Source(String type, String content, int port, String priority) {
        this.type = type;
        this.content = content;
        this.port = port;
        this.priority = priority;
    }
}
