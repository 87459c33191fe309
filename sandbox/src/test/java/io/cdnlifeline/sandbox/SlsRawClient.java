package io.cdnlifeline.sandbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A LOG-signed Log Service request on a socket, with the Host a client of the real endpoint sends. */
final class SlsRawClient {
    private final Sandbox sandbox;

    SlsRawClient(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Status and body of one answer. */
    static final class Answer {
        final int status;
        final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        String code() {
            return json().get("errorCode").getAsString();
        }
    }

    static String now() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    Answer call(String method, String host, String path, String body) {
        return call(method, host, path, body, Sandbox.DEFAULT_ACCESS_KEY_ID, Sandbox.DEFAULT_ACCESS_KEY_SECRET, null, now());
    }

    Answer call(String method, String host, String path, String body, String keyId, String secret, String token, String date) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("date", date);
        h.put("x-log-apiversion", "0.6.0");
        h.put("x-log-signaturemethod", "hmac-sha1");
        h.put("x-log-bodyrawsize", Integer.toString(content.length));
        if (body != null) {
            h.put("content-type", "application/json");
            h.put("content-md5", Signatures.hex(md5(content)).toUpperCase());
        }
        if (token != null) h.put("x-acs-security-token", token);
        h.put("authorization", "LOG " + keyId + ":" + LogServiceApi.sign(secret, LogServiceApi.stringToSign(method, h, path, Map.of())));
        try (Socket s = new Socket("127.0.0.1", sandbox.port())) {
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            h.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.split(" ", 3)[1]);
            return new Answer(status, all.substring(all.indexOf("\r\n\r\n") + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
