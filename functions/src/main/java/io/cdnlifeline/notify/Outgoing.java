package io.cdnlifeline.notify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One HTTP POST of a digest: where, the headers (a signature among them), the body. */
final class Outgoing {
    final String url;
    final Map<String, String> headers;
    final byte[] body;

    Outgoing(String url, Map<String, String> headers, byte[] body) {
        this.url = Objects.requireNonNull(url, "url");
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body.clone();
    }

    static Outgoing json(String url, byte[] body) {
        return new Outgoing(url, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }
}
