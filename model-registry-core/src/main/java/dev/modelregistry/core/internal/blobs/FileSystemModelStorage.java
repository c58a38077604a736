package dev.modelregistry.core.internal.blobs;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.storage.WriteResult;
import java.io.IOException;
import java.io.InputStream;
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
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import dev.modelregistry.api.storage.StagedArtifact;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.core.internal.io.Symlinks;
import dev.modelregistry.core.internal.io.StorageErrors;
import dev.modelregistry.core.internal.io.Sha256;
import dev.modelregistry.api.storage.VerifyingInputStream;
import dev.modelregistry.core.internal.io.InFlightFiles;

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
    public static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern BLOB_NAME = Pattern.compile("[0-9a-f]{64}");
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
        Objects.requireNonNull(dir, "dir");
        return open(dir, false);
    }

    /**
     * Opens (creating if needed) a store under a directory, refusing symbolic links inside it.
     *
     * @param dir the directory
     * @param allowLinkedBlobDirectory whether {@code dir/blobs} may be a symbolic link (to keep the
     *        blobs on another disk); every other link under {@code dir} is refused either way
     * @return the store
     * @throws StorageException if the directories cannot be created or one of them is a symbolic link
     */
    public static FileSystemModelStorage open(Path dir, boolean allowLinkedBlobDirectory) {
        Objects.requireNonNull(dir, "dir");
        Path blobs = dir.resolve("blobs");
        Path blobRoot = blobs.resolve("sha256");
        Path tmp = dir.resolve("tmp");
        try {
            Symlinks.requireNone(blobs, allowLinkedBlobDirectory);
            Symlinks.requireNone(blobRoot, false);
            Symlinks.requireNone(tmp, false);
            Files.createDirectories(blobRoot);
            Files.createDirectories(tmp);
            // Checked again: a link planted between the check and the creation is refused too.
            Symlinks.requireNone(blobs, allowLinkedBlobDirectory);
            Symlinks.requireNone(blobRoot, false);
            Symlinks.requireNone(tmp, false);
        } catch (IOException e) {
            throw StorageErrors.io("cannot create storage directories under " + dir, e);
        }
        return new FileSystemModelStorage(blobRoot, tmp);
    }

    @Override
    public StagedArtifact stage(InputStream content) {
        Objects.requireNonNull(content, "content");
        Path temp = null;
        FileChannel ch = null;
        try {
            // Held open and locked until published or discarded, so gc never takes it for a leftover.
            InFlightFiles.Locked file = InFlightFiles.create(() -> tmp.resolve(UUID.randomUUID() + TEMP_SUFFIX));
            temp = file.path();
            ch = file.channel();
            return new Staged(streamToTemp(content, ch), temp, ch);
        } catch (IOException e) {
            discard(temp, ch);
            throw StorageErrors.io("cannot store artifact", e);
        } catch (RuntimeException e) {
            discard(temp, ch);
            throw e;
        }
    }

    /** A temp file in {@code tmp/}, forced to disk, waiting to be moved to its blob path. */
    private final class Staged implements StagedArtifact {
        private final ArtifactInfo info;
        private final Path temp;
        private final FileChannel channel;
        private boolean done;

        Staged(ArtifactInfo info, Path temp, FileChannel channel) {
            this.info = info;
            this.temp = temp;
            this.channel = channel;
        }

        @Override
        public ArtifactInfo info() {
            return info;
        }

        @Override
        public InputStream read() {
            if (done) {
                throw new IllegalStateException("artifact " + info.digest() + " was already published or discarded");
            }
            try {
                return Files.newInputStream(temp, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw StorageErrors.io("cannot read the staged artifact " + info.digest(), e);
            }
        }

        @Override
        public WriteResult publish() {
            if (done) {
                throw new IllegalStateException("artifact " + info.digest() + " was already published or discarded");
            }
            done = true;
            Path target = blobPath(info.digest());
            try {
                Path shard = requireShardDirectory(target.getParent());
                boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
                // Publish even when the digest exists: the new bytes are verified by construction,
                // so replacing heals a blob that was damaged on disk. Readers with the old file open keep it.
                moveAtomically(temp, target);
                fsyncDirectory(shard);
                InFlightFiles.release(temp, channel);
                return new WriteResult(info, !existed);
            } catch (IOException e) {
                discard(temp, channel);
                throw StorageErrors.io("cannot store artifact " + info.digest(), e);
            } catch (RuntimeException e) {
                discard(temp, channel);
                throw e;
            }
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                discard(temp, channel);
            }
        }
    }

    /**
     * The shard directory a blob goes into, created if needed. A shard that is a symbolic link (or
     * anything but a directory) is refused: the registry never writes through a link it did not make.
     */
    private Path requireShardDirectory(Path shard) throws IOException {
        if (!Files.exists(shard, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(shard);
                fsyncDirectory(blobRoot);
            } catch (FileAlreadyExistsException e) {
                // another writer created it first; checked below like any existing shard
            }
        }
        if (!Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS)) {
            throw new StorageException("refusing to write through " + shard + ": it is "
                    + (Files.isSymbolicLink(shard) ? "a symbolic link" : "not a directory")
                    + ", and the registry never writes through a link or file it did not create");
        }
        return shard;
    }

    @Override
    public InputStream read(ArtifactInfo expected) {
        Objects.requireNonNull(expected, "expected");
        Path path = blobPath(expected.digest());
        try {
            return new VerifyingInputStream(Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS), expected);
        } catch (NoSuchFileException e) {
            throw new ArtifactNotFoundException("artifact " + expected.digest() + " is missing from storage");
        } catch (IOException e) {
            throw new StorageException("cannot read artifact " + expected.digest() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void verify(ArtifactInfo expected) {
        Objects.requireNonNull(expected, "expected");
        try (VerifyingInputStream in = (VerifyingInputStream) read(expected)) {
            in.drainAndVerify();
        } catch (IOException e) {
            throw new StorageException("cannot read artifact " + expected.digest() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredArtifact> stat(ArtifactDigest digest) {
        Objects.requireNonNull(digest, "digest");
        Path path = blobPath(digest);
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
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
        Objects.requireNonNull(digest, "digest");
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
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> BLOB_NAME.matcher(p.getFileName().toString()).matches())
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
        return TempFile.listIn(tmp, TEMP_SUFFIX);
    }

    /**
     * Where a blob lives on disk (for tools and tests).
     *
     * @param digest the digest
     * @return the blob's path, which may not exist
     */
    public Path blobPath(ArtifactDigest digest) {
        Objects.requireNonNull(digest, "digest");
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
        /**
         * The regular files (not links) in a directory whose names end with {@code suffix}. Files
         * that vanish while they are listed (another process finished or removed them) are left out.
         *
         * @param dir the directory; a missing directory has none
         * @param suffix the name ending to match
         * @return the files, in no particular order
         * @throws StorageException if the directory cannot be listed
         */
        public static List<TempFile> listIn(Path dir, String suffix) {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(suffix, "suffix");
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
            List<TempFile> out = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path p : files) {
                    if (!p.getFileName().toString().endsWith(suffix)) {
                        continue;
                    }
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS);
                        if (a.isRegularFile()) {
                            out.add(new TempFile(p, a.size(), a.lastModifiedTime().toInstant()));
                        }
                    } catch (NoSuchFileException vanished) {
                        // finished or removed by its writer while we looked: not a leftover
                    }
                }
            } catch (IOException e) {
                throw StorageErrors.io("cannot list temp files in " + dir, e);
            }
            return out;
        }
    }

    private static void discard(Path temp, FileChannel ch) {
        if (temp == null) {
            return;
        }
        deleteQuietly(temp);
        if (ch != null) {
            try {
                InFlightFiles.release(temp, ch);
            } catch (IOException e) {
                LOG.debug("closing the discarded temp file {} failed", temp, e);
            }
        }
    }

    private static ArtifactInfo streamToTemp(InputStream content, FileChannel out) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        long size = 0;
        {
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
    public static void fsyncDirectory(Path dir) throws IOException {
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
