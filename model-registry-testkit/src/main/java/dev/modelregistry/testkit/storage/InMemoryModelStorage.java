package dev.modelregistry.testkit.storage;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.storage.StagedArtifact;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.storage.WriteResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A {@link ModelStorage} that keeps blobs in memory: a second implementation of the storage seam,
 * for tests that want a registry without blob files and for checking that code written against
 * {@code ModelStorage} does not depend on the file-system one. It passes the testkit's
 * {@code ModelStorageContract}, except that memory use grows with what is stored (it is memory).
 *
 * <p>Thread-safe.
 */
public final class InMemoryModelStorage implements ModelStorage {
    private record Blob(byte[] bytes, Instant storedAt) {
    }

    private final Map<ArtifactDigest, Blob> blobs = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A store stamped by the system clock. */
    public InMemoryModelStorage() {
        this(Clock.systemUTC());
    }

    /**
     * A store whose blobs are stamped by {@code clock}.
     *
     * @param clock the clock that stamps stored blobs
     */
    public InMemoryModelStorage(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public StagedArtifact stage(InputStream content) {
        Objects.requireNonNull(content, "content");
        MessageDigest sha = sha256();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        try {
            for (int n = content.read(buf); n >= 0; n = content.read(buf)) {
                sha.update(buf, 0, n);
                copy.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new StorageException("cannot read the artifact's content: " + e.getMessage(), e);
        }
        byte[] bytes = copy.toByteArray();
        ArtifactInfo info = new ArtifactInfo(ArtifactDigest.ofBytes(sha.digest()), bytes.length);
        return new StagedArtifact() {
            private boolean done;

            @Override
            public ArtifactInfo info() {
                return info;
            }

            @Override
            public InputStream read() {
                if (done) {
                    throw new IllegalStateException("artifact " + info.digest() + " was already published or discarded");
                }
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public WriteResult publish() {
                if (done) {
                    throw new IllegalStateException("artifact " + info.digest() + " was already published or discarded");
                }
                done = true;
                boolean created = blobs.put(info.digest(), new Blob(bytes, clock.instant())) == null;
                return new WriteResult(info, created);
            }

            @Override
            public void close() {
                done = true;
            }
        };
    }

    @Override
    public InputStream read(ArtifactInfo expected) {
        Objects.requireNonNull(expected, "expected");
        Blob blob = blobs.get(expected.digest());
        if (blob == null) {
            throw new ArtifactNotFoundException("artifact " + expected.digest() + " is missing from storage");
        }
        if (blob.bytes().length != expected.size()) {
            throw new IntegrityException("artifact " + expected.digest() + " holds " + blob.bytes().length
                    + " bytes, not the " + expected.size() + " expected");
        }
        return new ByteArrayInputStream(blob.bytes());
    }

    @Override
    public void verify(ArtifactInfo expected) {
        try (InputStream in = read(expected)) {
            MessageDigest sha = sha256();
            sha.update(in.readAllBytes());
            if (!ArtifactDigest.ofBytes(sha.digest()).equals(expected.digest())) {
                throw new IntegrityException("artifact " + expected.digest() + " does not hash to its digest");
            }
        } catch (IOException e) {
            throw new StorageException("cannot read artifact " + expected.digest() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredArtifact> stat(ArtifactDigest digest) {
        Objects.requireNonNull(digest, "digest");
        Blob blob = blobs.get(digest);
        return blob == null ? Optional.empty()
                : Optional.of(new StoredArtifact(new ArtifactInfo(digest, blob.bytes().length), blob.storedAt()));
    }

    @Override
    public boolean delete(ArtifactDigest digest) {
        Objects.requireNonNull(digest, "digest");
        return blobs.remove(digest) != null;
    }

    @Override
    public Stream<StoredArtifact> list() {
        return Map.copyOf(blobs).entrySet().stream().map(e -> new StoredArtifact(
                new ArtifactInfo(e.getKey(), e.getValue().bytes().length), e.getValue().storedAt()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
