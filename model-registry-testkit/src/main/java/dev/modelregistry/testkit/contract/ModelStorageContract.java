package dev.modelregistry.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.storage.StagedArtifact;
import dev.modelregistry.api.storage.WriteResult;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Property;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link ModelStorage}, as JUnit 5 tests: extend this class, implement
 * {@link #createStorage(Path)}, and every test below runs against your implementation.
 *
 * <pre>{@code
 * class S3ModelStorageContractTest extends ModelStorageContract {
 *     @Override
 *     protected ModelStorage createStorage(Path dir) {
 *         return new S3ModelStorage(bucket, "test/" + dir.getFileName());
 *     }
 * }
 * }</pre>
 *
 * <p>The suite only uses the {@link ModelStorage} interface, so it is backend-agnostic: it checks
 * digests and sizes, de-duplication, reading, integrity checks on reads with wrong expectations,
 * stat, idempotent delete, listing, empty and large (streamed) artifacts, and a property that
 * any bytes round-trip. Damaged stored bytes are not simulated; test that with your backend's
 * own means.
 *
 * <p>Thread-safety: an instance of this class is used by one test thread (JUnit creates one per
 * test). A test that checks concurrent use starts its own threads.
 */
public abstract class ModelStorageContract {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    ModelStorage storage;

    /** For subclasses. */
    protected ModelStorageContract() {
    }

    /**
     * Creates the implementation under test: a fresh, empty store. Called once before each test,
     * on the test thread.
     *
     * @param dir a fresh, empty temporary directory the store may use (deleted after the test)
     * @return the store, not null
     */
    protected abstract ModelStorage createStorage(Path dir);

    @BeforeEach
    void createStorageUnderTest() {
        storage = createStorage(dir);
        assertThat(storage).as("createStorage(dir) returned null").isNotNull();
    }

    @Nested
    class Staging {

        @Test
        void makes_nothing_visible_until_published() {
            byte[] bytes = text("staged, not yet published");
            try (StagedArtifact staged = storage.stage(new ByteArrayInputStream(bytes))) {
                assertThat(staged.info()).isEqualTo(new ArtifactInfo(sha256(bytes), bytes.length));
                assertThat(storage.stat(sha256(bytes))).as("stat before publish").isEmpty();
                assertThat(listed()).as("listed before publish").isEmpty();

                WriteResult published = staged.publish();

                assertThat(published.info()).isEqualTo(staged.info());
                assertThat(published.created()).isTrue();
                assertThat(storage.stat(sha256(bytes))).isPresent();
            }
            assertThat(readAll(new ArtifactInfo(sha256(bytes), bytes.length))).isEqualTo(bytes);
        }

        @Test
        void closed_without_publishing_leaves_no_blob() {
            byte[] bytes = text("staged and dropped");
            try (StagedArtifact staged = storage.stage(new ByteArrayInputStream(bytes))) {
                assertThat(staged.info().size()).isEqualTo(bytes.length);
            }
            assertThat(storage.stat(sha256(bytes))).isEmpty();
            assertThat(listed()).isEmpty();
        }

        @Test
        void publishing_twice_is_refused() {
            try (StagedArtifact staged = storage.stage(new ByteArrayInputStream(text("once")))) {
                staged.publish();
                assertThatThrownBy(staged::publish).isInstanceOf(IllegalStateException.class);
            }
        }

        @Test
        void publishing_bytes_that_are_stored_already_keeps_one_blob() {
            byte[] bytes = text("already there");
            storage.write(new ByteArrayInputStream(bytes));
            try (StagedArtifact staged = storage.stage(new ByteArrayInputStream(bytes))) {
                assertThat(staged.publish().created()).isFalse();
            }
            assertThat(listed()).containsExactly(new ArtifactInfo(sha256(bytes), bytes.length));
        }
    }

    @Nested
    class Writing {

        @Test
        void returns_the_sha256_and_the_size_of_the_bytes() {
            byte[] bytes = text("a small model");

            WriteResult result = storage.write(new ByteArrayInputStream(bytes));

            assertThat(result.info()).isEqualTo(new ArtifactInfo(sha256(bytes), bytes.length));
            assertThat(result.created()).isTrue();
        }

        @Test
        void of_identical_bytes_stores_them_once() {
            byte[] bytes = text("the same bytes twice");

            WriteResult first = storage.write(new ByteArrayInputStream(bytes));
            WriteResult second = storage.write(new ByteArrayInputStream(bytes.clone()));

            assertThat(first.created()).isTrue();
            assertThat(second.created()).as("created on the second write of identical bytes").isFalse();
            assertThat(second.info()).isEqualTo(first.info());
            assertThat(listed()).containsExactly(first.info());
        }

        @Test
        void of_different_bytes_stores_both() {
            ArtifactInfo a = storage.write(new ByteArrayInputStream(text("a"))).info();
            ArtifactInfo b = storage.write(new ByteArrayInputStream(text("b"))).info();

            assertThat(a.digest()).isNotEqualTo(b.digest());
            assertThat(listed()).containsExactlyInAnyOrder(a, b);
        }

        @Test
        void reads_the_stream_to_its_end_but_does_not_close_it() {
            CloseRecordingStream content = new CloseRecordingStream(text("do not close me"));

            storage.write(content);

            assertThat(content.remaining()).as("bytes left unread").isZero();
            assertThat(content.closed).as("content stream closed by write").isFalse();
        }

        @Test
        void that_fails_while_reading_the_content_leaves_no_blob() {
            InputStream failing = new InputStream() {
                private int served;

                @Override
                public int read() throws IOException {
                    if (served++ < 1000) {
                        return 'x';
                    }
                    throw new IOException("the source broke");
                }
            };

            // ModelStorage#write promises a StorageException when the bytes cannot be stored; any other
            // exception (an NPE, an UncheckedIOException leaking out) breaks the contract.
            assertThatThrownBy(() -> storage.write(failing)).as("write from a failing stream")
                    .isInstanceOf(StorageException.class);
            assertThat(listed()).as("blobs after a failed write").isEmpty();
        }

        @Test
        void of_an_empty_artifact_works() {
            WriteResult result = storage.write(InputStream.nullInputStream());

            assertThat(result.info()).isEqualTo(new ArtifactInfo(sha256(new byte[0]), 0));
            assertThat(readAll(result.info())).isEmpty();
            assertThat(storage.stat(result.info().digest())).map(StoredArtifact::info).contains(result.info());
            storage.verify(result.info());
        }

        @Test
        void of_an_8_mib_artifact_streams_it_in_and_out() throws Exception {
            long size = 8L * MIB;
            DigestInputStream content = new DigestInputStream(new PatternStream(size), newSha256());

            ArtifactInfo info = storage.write(content).info();

            ArtifactDigest expected = ArtifactDigest.ofBytes(content.getMessageDigest().digest());
            assertThat(info).isEqualTo(new ArtifactInfo(expected, size));
            try (DigestInputStream in = new DigestInputStream(storage.read(info), newSha256())) {
                long read = in.transferTo(OutputStream.nullOutputStream());
                assertThat(read).isEqualTo(size);
                assertThat(ArtifactDigest.ofBytes(in.getMessageDigest().digest())).isEqualTo(expected);
            }
            storage.verify(info);
        }

        @Test
        @Timeout(120)
        void of_the_same_bytes_from_several_threads_at_once_stores_one_blob() throws Exception {
            byte[] bytes = text("raced ".repeat(10_000));
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<WriteResult>> writes = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    writes.add(() -> storage.write(new ByteArrayInputStream(bytes)));
                }
                List<Future<WriteResult>> results = pool.invokeAll(writes, 60, TimeUnit.SECONDS);
                ArtifactInfo expected = new ArtifactInfo(sha256(bytes), bytes.length);
                for (Future<WriteResult> result : results) {
                    assertThat(result.get().info()).isEqualTo(expected);
                }
                assertThat(listed()).containsExactly(expected);
                assertSameBytes(readAll(expected), bytes);
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }

        @Test
        void then_reading_gives_back_identical_bytes_for_any_content() {
            Property.forAll(Gen.bytes(0, 4096)).check(bytes -> {
                ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();

                assertThat(info.digest()).isEqualTo(sha256(bytes));
                assertThat(info.size()).isEqualTo(bytes.length);
                assertThat(readAll(info)).isEqualTo(bytes);
            });
        }

        @Test
        void then_reading_gives_back_identical_bytes_for_any_size_up_to_256_kib() {
            // Gen.bytes makes short arrays on average; this draws the size, so buffer boundaries
            // (8 KiB, 64 KiB, ...) and the bounds themselves are hit too.
            Gen<Integer> sizes = Gen.oneOf(Gen.integers(0, 256 * 1024),
                    Gen.elementOf(8191, 8192, 8193, 65_535, 65_536, 65_537));
            Property.forAll(sizes, Gen.longs()).check((size, seed) -> {
                byte[] bytes = new byte[size];
                new SplittableRandom(seed).nextBytes(bytes);

                ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();

                assertThat(info).isEqualTo(new ArtifactInfo(sha256(bytes), size));
                assertSameBytes(readAll(info), bytes);
            });
        }
    }

    @Nested
    class Reading {

        @Test
        void returns_the_bytes_that_were_written() {
            byte[] bytes = text("weights and biases");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();

            assertThat(readAll(info)).isEqualTo(bytes);
            assertThat(readAll(info)).as("a second read").isEqualTo(bytes);
        }

        @Test
        void an_unknown_digest_throws_artifact_not_found() {
            ArtifactInfo unknown = new ArtifactInfo(sha256(text("never written")), 13);

            assertThatThrownBy(() -> storage.read(unknown).close()).isInstanceOf(ArtifactNotFoundException.class);
        }

        @Test
        void with_an_expected_size_too_small_throws_integrity_by_the_end_of_the_stream() {
            byte[] bytes = text("twenty-one bytes long");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();
            ArtifactInfo wrong = new ArtifactInfo(info.digest(), info.size() - 1);

            assertThatThrownBy(() -> readAll(wrong)).isInstanceOf(IntegrityException.class);
        }

        @Test
        void with_an_expected_size_too_large_throws_integrity_by_the_end_of_the_stream() {
            byte[] bytes = text("twenty-one bytes long");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();
            ArtifactInfo wrong = new ArtifactInfo(info.digest(), info.size() + 1);

            assertThatThrownBy(() -> readAll(wrong)).isInstanceOf(IntegrityException.class);
        }

        @Test
        void with_an_expected_size_of_zero_for_a_non_empty_blob_throws_integrity() {
            ArtifactInfo info = storage.write(new ByteArrayInputStream(text("not empty"))).info();
            ArtifactInfo wrong = new ArtifactInfo(info.digest(), 0);

            assertThatThrownBy(() -> readAll(wrong)).isInstanceOf(IntegrityException.class);
        }

        @Test
        void with_a_digest_that_was_never_written_throws_artifact_not_found_even_if_the_size_matches() {
            byte[] bytes = text("stored");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();
            ArtifactInfo wrong = new ArtifactInfo(sha256(text("Stored")), info.size());

            assertThatThrownBy(() -> storage.read(wrong).close()).isInstanceOf(ArtifactNotFoundException.class);
        }

        @Test
        void byte_by_byte_gives_the_same_bytes_as_a_bulk_read() throws IOException {
            byte[] bytes = text("read me one byte at a time");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();

            try (InputStream in = storage.read(info)) {
                for (byte b : bytes) {
                    assertThat(in.read()).isEqualTo(b & 0xff);
                }
                assertThat(in.read()).as("after the last byte").isEqualTo(-1);
            }
        }
    }

    @Nested
    class Verifying {

        @Test
        void passes_for_intact_bytes() {
            ArtifactInfo info = storage.write(new ByteArrayInputStream(text("intact"))).info();

            storage.verify(info);
        }

        @Test
        void with_a_wrong_expected_size_throws_integrity() {
            ArtifactInfo info = storage.write(new ByteArrayInputStream(text("intact"))).info();

            assertThatThrownBy(() -> storage.verify(new ArtifactInfo(info.digest(), info.size() + 5)))
                    .isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> storage.verify(new ArtifactInfo(info.digest(), info.size() - 1)))
                    .isInstanceOf(IntegrityException.class);
        }

        @Test
        void an_unknown_digest_throws_artifact_not_found() {
            ArtifactInfo unknown = new ArtifactInfo(sha256(text("never written")), 13);

            assertThatThrownBy(() -> storage.verify(unknown)).isInstanceOf(ArtifactNotFoundException.class);
        }
    }

    @Nested
    class Stat {

        @Test
        void describes_a_stored_blob() {
            byte[] bytes = text("stat me");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();

            assertThat(storage.stat(info.digest())).hasValueSatisfying(stored -> {
                assertThat(stored.info()).isEqualTo(info);
                assertThat(stored.storedAt()).isNotNull();
            });
        }

        @Test
        void is_empty_for_an_unknown_digest() {
            assertThat(storage.stat(sha256(text("never written")))).isEmpty();
        }
    }

    @Nested
    class Deleting {

        @Test
        void is_idempotent_true_then_false() {
            ArtifactInfo info = storage.write(new ByteArrayInputStream(text("delete me"))).info();

            assertThat(storage.delete(info.digest())).as("first delete").isTrue();
            assertThat(storage.delete(info.digest())).as("second delete").isFalse();
        }

        @Test
        void an_unknown_digest_returns_false() {
            assertThat(storage.delete(sha256(text("never written")))).isFalse();
        }

        @Test
        void makes_the_blob_unreadable_and_unlisted() {
            ArtifactInfo kept = storage.write(new ByteArrayInputStream(text("keep me"))).info();
            ArtifactInfo gone = storage.write(new ByteArrayInputStream(text("delete me"))).info();

            storage.delete(gone.digest());

            assertThat(storage.stat(gone.digest())).isEmpty();
            assertThatThrownBy(() -> storage.read(gone).close()).isInstanceOf(ArtifactNotFoundException.class);
            assertThat(listed()).containsExactly(kept);
            assertThat(readAll(kept)).isEqualTo(text("keep me"));
        }

        @Test
        void then_writing_the_same_bytes_again_creates_the_blob_anew() {
            byte[] bytes = text("back again");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();
            storage.delete(info.digest());

            WriteResult again = storage.write(new ByteArrayInputStream(bytes));

            assertThat(again.created()).isTrue();
            assertThat(again.info()).isEqualTo(info);
            assertThat(readAll(info)).isEqualTo(bytes);
        }
    }

    @Nested
    class Listing {

        @Test
        void an_empty_store_lists_nothing() {
            assertThat(listed()).isEmpty();
        }

        @Test
        void lists_every_blob_once_with_its_size() {
            List<ArtifactInfo> written = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                written.add(storage.write(new ByteArrayInputStream(text("blob " + i))).info());
            }
            storage.write(new ByteArrayInputStream(text("blob 0")));

            assertThat(listed()).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    // ------------------------------------------------------------------ helpers

    List<ArtifactInfo> listed() {
        try (Stream<StoredArtifact> all = storage.list()) {
            return all.map(StoredArtifact::info).toList();
        }
    }

    byte[] readAll(ArtifactInfo info) {
        try (InputStream in = storage.read(info)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares byte arrays without printing them whole: length, then the first differing index. */
    static void assertSameBytes(byte[] actual, byte[] expected) {
        assertThat(actual.length).as("number of bytes read").isEqualTo(expected.length);
        int mismatch = Arrays.mismatch(actual, expected);
        assertThat(mismatch).as("index of the first byte read that differs from the bytes written (-1: none)")
                .isEqualTo(-1);
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ArtifactDigest sha256(byte[] bytes) {
        return ArtifactDigest.ofBytes(newSha256().digest(bytes));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /** Deterministic, non-repeating-looking bytes of a given length, generated on the fly. */
    static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return byteAt(position++);
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                buf[off + i] = (byte) byteAt(position++);
            }
            return n;
        }

        private static int byteAt(long i) {
            return (int) ((i * 31 + (i >>> 9) * 7 + (i >>> 17)) & 0xff);
        }
    }

    /** A byte-array stream that remembers whether it was closed. */
    static final class CloseRecordingStream extends FilterInputStream {
        boolean closed;

        CloseRecordingStream(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        int remaining() {
            try {
                return in.available();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
