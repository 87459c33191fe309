package io.cdnlifeline.sandbox;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * OSS requests signed with OSS's V1 header signature, path style at the sandbox (as {@code OssStore} and the CLI's
 * {@code OssBucketClient} send them), written independently of both: method, Content-MD5, Content-Type, Date, the
 * sorted {@code x-oss-*} headers, and the resource {@code /<bucket>/<object>} with {@code ?bucketInfo} when asked.
 */
final class OssRawClient {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Sandbox sandbox;
    private final String keyId;
    private final String secret;

    OssRawClient(Sandbox sandbox, String keyId, String secret) {
        this.sandbox = sandbox;
        this.keyId = keyId;
        this.secret = secret;
    }

    /**
     * @param subresource {@code bucketInfo} or null
     * @param query       the rest of the query (not signed), or null
     */
    HttpResponse<String> call(String method, String bucket, String object, String subresource, String query, String acl, String body) {
        try {
            String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
            String type = body == null ? "" : "application/xml";
            String headers = acl == null ? "" : "x-oss-acl:" + acl + "\n";
            String resource = "/" + bucket + "/" + object + (subresource == null ? "" : "?" + subresource);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(
                    (method + "\n\n" + type + "\n" + date + "\n" + headers + resource).getBytes(StandardCharsets.UTF_8)));
            String q = subresource == null ? (query == null ? "" : "?" + query) : "?" + subresource + (query == null ? "" : "&" + query);
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/" + bucket + "/" + object + q))
                    .header("Date", date).header("Authorization", "OSS " + keyId + ":" + signature);
            if (acl != null) r.header("x-oss-acl", acl);
            if (body != null) r.header("Content-Type", type);
            r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The element paths of an XML document ({@code BucketInfo/Bucket/Owner/ID}, ...), each once. */
    static Set<String> elementPaths(String xml) {
        try {
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            Set<String> out = new TreeSet<>();
            collect(root, root.getTagName(), out);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("not XML: " + xml, e);
        }
    }

    private static void collect(Element e, String path, Set<String> out) {
        out.add(path);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) collect((Element) n, path + "/" + ((Element) n).getTagName(), out);
        }
    }

    /** The {@code <Code>} of an OSS error body. */
    static String code(String xml) {
        int a = xml.indexOf("<Code>");
        int b = xml.indexOf("</Code>");
        return a < 0 || b < 0 ? "" : xml.substring(a + 6, b);
    }
}
