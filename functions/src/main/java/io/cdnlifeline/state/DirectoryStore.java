package io.cdnlifeline.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Objects as files under one directory (the command line, tests). {@link #create} is a file created with
 * {@code CREATE_NEW}, which the file system makes atomic; {@link #put} writes a temporary file and moves it into
 * place, so a reader never sees half an object.
 */
public final class DirectoryStore implements ObjectStore {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private final Path root;

    public DirectoryStore(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    @Override
    public String get(String key) throws StoreException {
        Path f = file(key);
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreException("could not read " + key + " in " + where() + ": " + e, false, e);
        }
    }

    @Override
    public void put(String key, String content) throws StoreException {
        Path f = file(key);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), ".put-", ".tmp");
            try {
                Files.write(tmp, content.getBytes(StandardCharsets.UTF_8));
                try {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StoreException("could not write " + key + " in " + where() + ": " + e, false, e);
        }
    }

    @Override
    public boolean create(String key, String content) throws StoreException {
        Path f = file(key);
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new StoreException("could not create " + key + " in " + where() + ": " + e, false, e);
        }
    }

    @Override
    public void delete(String key) throws StoreException {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new StoreException("could not delete " + key + " in " + where() + ": " + e, false, e);
        }
    }

    @Override
    public String where() {
        return "the directory " + root;
    }

    private Path file(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a store key: " + key);
        }
        return root.resolve(key);
    }
}
