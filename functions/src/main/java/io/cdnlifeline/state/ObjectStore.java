package io.cdnlifeline.state;

/**
 * Where the functions keep what they must remember between runs and instances: the watch's last state
 * ({@code watch/...}) and the notify memory ({@code notify/...}). Small text objects (JSON) by key. In FC, one OSS
 * bucket ({@code LIFELINE_STATE=oss://bucket/prefix}); on the command line a directory; without either, this JVM.
 * <p>The one operation that makes it safe for runs that overlap is {@link #create}: a write that succeeds only when
 * the object does not exist yet (OSS {@code x-oss-forbid-overwrite: true}; a file created with CREATE_NEW). Of two
 * runs creating the same key, exactly one succeeds.
 */
public interface ObjectStore {
    /** The object's content, or null when there is none. */
    String get(String key) throws StoreException;

    /** Writes the object, replacing what was there (last writer wins). */
    void put(String key, String content) throws StoreException;

    /**
     * Writes the object only if it does not exist yet.
     * @return true when this call created it; false when it existed already (nothing was written)
     */
    boolean create(String key, String content) throws StoreException;

    /** Removes the object; removing one that does not exist is not an error. */
    void delete(String key) throws StoreException;

    /** Where the objects live, for messages: never a secret (no credentials, no signed URL). */
    String where();
}
