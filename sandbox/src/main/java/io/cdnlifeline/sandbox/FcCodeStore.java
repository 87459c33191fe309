package io.cdnlifeline.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Where the local FC keeps code: the objects put to the temporary code bucket (OSS), and each function's code
 * package once CreateFunction / UpdateFunction took it from there. A folder of its own per sandbox.
 */
final class FcCodeStore {
    /** The temporary code bucket tempBucketToken names (our choice: FC does not document its name). */
    static final String BUCKET_PREFIX = "fc-temp-code-";
    private final Path root;

    FcCodeStore() {
        try {
            root = Files.createTempDirectory("sandbox-fc-code");
            root.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void putObject(String bucket, String object, byte[] content) {
        write(objectPath(bucket, object), content);
    }

    byte[] object(String bucket, String object) {
        Path p = objectPath(bucket, object);
        try {
            return Files.exists(p) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps {@code content} as the code of {@code functionName} and returns its file. */
    Path keepCode(String functionName, byte[] content) {
        Path p = root.resolve("functions").resolve(functionName + "-" + Long.toUnsignedString(crc64(content)) + ".zip");
        write(p, content);
        return p;
    }

    static byte[] decodeZipFile(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw FcRules.invalid("code.zipFile is not base64");
        }
    }

    private Path objectPath(String bucket, String object) {
        Path p = root.resolve("oss").resolve(bucket).resolve(object).normalize();
        if (!p.startsWith(root.resolve("oss").resolve(bucket)) || object.isEmpty()) {
            throw new ApiError(400, "InvalidObjectName", "The specified object is not valid.");
        }
        return p;
    }

    private static void write(Path p, byte[] content) {
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CRC-64/ECMA-182 as OSS and FC report it ({@code codeChecksum}; the fc3 component compares it to skip uploads). */
    static long crc64(byte[] data) {
        long crc = ~0L;
        for (byte b : data) {
            crc ^= b & 0xffL;
            for (int i = 0; i < 8; i++) {
                crc = (crc >>> 1) ^ (0xC96C5795D7870F42L & -(crc & 1));
            }
        }
        return ~crc;
    }
}
