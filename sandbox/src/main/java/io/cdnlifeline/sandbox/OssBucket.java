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
    /** The account that owns it (bucket names are global); null: the central account. */
    public String owner;
    /** Its region (OSS's Location without {@code oss-}); null: the local FC's region. */
    public String region;
    /** {@code private} (null means that), {@code public-read} or {@code public-read-write}: what PutBucket's x-oss-acl set. */
    public String acl;
    public String storageClass;
    /** When PutBucket made it (epoch ms); 0 for a bucket of the seed. */
    public long creationDate;
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
