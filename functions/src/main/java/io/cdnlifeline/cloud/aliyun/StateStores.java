package io.cdnlifeline.cloud.aliyun;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.state.DirectoryStore;
import io.cdnlifeline.state.InstanceStore;
import io.cdnlifeline.state.ObjectStore;
import io.cdnlifeline.state.StateLocation;

import java.nio.file.Paths;
import java.util.function.Supplier;

/** Opens the store LIFELINE_STATE names: the OSS bucket (in FC), a directory, or this JVM. */
public final class StateStores {
    private StateStores() {
    }

    /**
     * @param endpoint LIFELINE_ENDPOINT (a sandbox serves the bucket path style), or null
     * @param region   the bucket's region: FC_REGION inside FC, else LIFELINE_REGION
     * @param inFc     true inside FC: the bucket's internal endpoint
     */
    public static ObjectStore open(StateLocation location, String endpoint, String region, boolean inFc, Supplier<CloudCredentials> credentials) {
        if (location.bucket() != null) return OssStore.of(endpoint, region, inFc, location.bucket(), location.prefix(), credentials);
        if (location.directory() != null) return new DirectoryStore(Paths.get(location.directory()));
        return new InstanceStore("");
    }
}
