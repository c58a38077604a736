package dev.modelregistry.core;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.storage.WriteResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ModelStorage}: blobs in a directory, named by SHA-256 as
 * {@code blobs/sha256/ab/abcdef…}, written through {@code tmp/}.
 *
 * <p>Write path: stream into a temp file while hashing; {@code force} it; atomically move it to its
 * blob path; fsync the directory. A crash at any point leaves either the whole blob or a leftover
 * temp file, never a partial blob under a digest. A failed {@code force} fails the write: it is
 * never retried into a false success.
 *
 * <p>Thread-safe, and safe with other processes using the same directory: blob writes are
 * idempotent by digest.
 */
public final class FileSystemModelStorage implements ModelStorage {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemModelStorage.class);
    static final String TEMP_SUFFIX = ".tmp";
    private static final int BUFFER = 64 * 1024;

    private final Path blobRoot;
    private final Path tmp;

    private FileSystemModelStorage(Path blobRoot, Path tmp) {
        this.blobRoot = blobRoot;
        this.tmp = tmp;
    }

    /**
     * Opens (creating if needed) a store under a directory: blobs in {@code dir/blobs/sha256},
     * temp files in {@code dir/tmp}.
     *
     * @param dir the directory
     * @return the store
     * @throws StorageException if the directories cannot be created
     */
    public static FileSystemModelStorage open(Path dir) {
        Path blobRoot = dir.resolve("blobs").resolve("sha256");
        Path tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(blobRoot);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new StorageException("cannot create storage directories under " + dir + ": " + e.getMessage(), e);
        }
        return new FileSystemModelStorage(blobRoot, tmp);
    }

    @Override
    public WriteResult write(InputStream content) {
        Path temp = tmp.resolve(UUID.randomUUID() + TEMP_SUFFIX);
        try {
            ArtifactInfo info = streamToTemp(content, temp);
            Path target = blobPath(info.digest());
            boolean existed = Files.exists(target);
            Path shard = target.getParent();
            if (!existed && !Files.isDirectory(shard)) {
                Files.createDirectories(shard);
                fsyncDirectory(blobRoot);
            }
            // Publish even when the digest exists: the new bytes are verified by construction,
            // so replacing heals a blob that was damaged on disk. Readers with the old file open keep it.
            moveAtomically(temp, target);
            fsyncDirectory(shard);
            return new WriteResult(info, !existed);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StorageException("cannot store artifact: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    @Override
    public InputStream read(ArtifactInfo expected) {
        Path path = blobPath(expected.digest());
        try {
            return new VerifyingInputStream(Files.newInputStream(path), expected);
        } catch (NoSuchFileException e) {
            throw new ArtifactNotFoundException("artifact " + expected.digest() + " is missing from storage");
        } catch (IOException e) {
            throw new StorageException("cannot read artifact " + expected.digest() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void verify(ArtifactInfo expected) {
        try (VerifyingInputStream in = (VerifyingInputStream) read(expected)) {
            in.drainAndVerify();
        } catch (IOException e) {
            throw new StorageException("cannot read artifact " + expected.digest() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredArtifact> stat(ArtifactDigest digest) {
        Path path = blobPath(digest);
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.of(new StoredArtifact(new ArtifactInfo(digest, attrs.size()),
                    attrs.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot stat artifact " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(ArtifactDigest digest) {
        Path path = blobPath(digest);
        try {
            boolean deleted = Files.deleteIfExists(path);
            if (deleted) {
                fsyncDirectory(path.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw new StorageException("cannot delete artifact " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Stream<StoredArtifact> list() {
        try {
            Stream<Path> files = Files.walk(blobRoot, 2);
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}"))
                    .map(p -> stat(new ArtifactDigest(p.getFileName().toString())))
                    .flatMap(Optional::stream)
                    .onClose(files::close);
        } catch (IOException e) {
            throw new StorageException("cannot list artifacts: " + e.getMessage(), e);
        }
    }

    /**
     * Temp files left by writes that never finished (a crash, a failed force).
     *
     * @return the temp files with their modification times
     */
    public List<TempFile> tempFiles() {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(Files::isRegularFile).map(p -> {
                try {
                    return new TempFile(p, Files.size(p), Files.getLastModifiedTime(p).toInstant());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot list temp files: " + e.getMessage(), e);
        }
    }

    /**
     * Where a blob lives on disk (for tools and tests).
     *
     * @param digest the digest
     * @return the blob's path, which may not exist
     */
    public Path blobPath(ArtifactDigest digest) {
        String hex = digest.hex();
        return blobRoot.resolve(hex.substring(0, 2)).resolve(hex);
    }

    /**
     * A temp file left in {@code tmp/}.
     *
     * @param path where it is
     * @param size its size in bytes
     * @param modified when it was last written
     */
    public record TempFile(Path path, long size, java.time.Instant modified) {
    }

    private ArtifactInfo streamToTemp(InputStream content, Path temp) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        long size = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = content.read(buf)) >= 0) {
                sha.update(buf, 0, n);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                size += n;
            }
            out.force(true);
        }
        return new ArtifactInfo(ArtifactDigest.ofBytes(sha.digest()), size);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Another writer published the same digest first (some platforms refuse to replace).
            Files.deleteIfExists(from);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot move " + from + " atomically to " + to, e);
        }
    }

    /** Makes a rename or creation in a directory durable (POSIX: fsync the directory). */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; there the move is as durable as it gets.
            if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                LOG.debug("directory fsync not supported for {}", dir);
                return;
            }
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not delete temp file {}; gc() will remove it", p, e);
        }
    }
}
