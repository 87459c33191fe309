package io.cdnlifeline.sandbox;

import java.util.Map;
import java.util.TreeMap;

/**
 * An OSS bucket of the account ({@code "oss"} in the seed): the objects the functions keep their memory in (the
 * watch's last state, the notify memory). Objects are text (the functions store JSON), each with the time it was
 * written. The local FC's temporary code bucket is not one of these: its objects are files ({@link FcCodeStore}).
 */
public final class OssBucket {
    public String bucket;
    /** Object key -> object. */
    public Map<String, OssObject> objects = new TreeMap<>();

    public OssBucket() {
    }

    public OssBucket(String bucket) {
        this.bucket = bucket;
    }

    /** One object: its content and when it was last written (epoch ms; OSS's Last-Modified). */
    public static final class OssObject {
        public String content;
        public long lastModified;

        public OssObject() {
        }

        public OssObject(String content, long lastModified) {
            this.content = content;
            this.lastModified = lastModified;
        }
    }
}
