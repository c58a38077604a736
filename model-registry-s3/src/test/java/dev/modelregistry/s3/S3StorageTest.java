package dev.modelregistry.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.maintenance.Finding;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.StagedArtifact;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.storage.WriteResult;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.codec.BytesModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** What the S3 store adds to the testkit's contract: damaged objects, big artifacts, races, leftovers. */
@Timeout(120)
class S3StorageTest {
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    private final List<S3Storage> opened = new ArrayList<>();

    @AfterEach
    void closeClients() {
        opened.forEach(S3Storage::close);
    }

    S3Storage open(S3Storage.Builder builder) {
        S3Storage storage = builder.build();
        opened.add(storage);
        return storage;
    }

    @Nested
    class A_damaged_object {

        @Test
        void with_its_bytes_changed_in_the_bucket_fails_read_and_verify_with_integrity() throws IOException {
            S3Storage storage = open(S3.builder());
            byte[] bytes = text("weights that someone will flip a byte of");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();
            Path file = S3.server().file(storage.blobKey(info.digest()));
            assertThat(file).as("the object's file in s3proxy's filesystem blobstore").exists();
            byte[] damaged = bytes.clone();
            damaged[7] ^= 0x20;
            Files.write(file, damaged);

            assertThatThrownBy(() -> {
                try (InputStream in = storage.read(info)) {
                    in.readAllBytes();
                }
            }).isInstanceOf(IntegrityException.class).hasMessageContaining("hashes to");
            assertThatThrownBy(() -> storage.verify(info)).isInstanceOf(IntegrityException.class);
        }

        @Test
        void that_is_longer_than_recorded_fails_as_soon_as_the_extra_bytes_arrive() throws IOException {
            S3Storage storage = open(S3.builder());
            byte[] bytes = text("short");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();
            Files.write(S3.server().file(storage.blobKey(info.digest())), text("short, and then some"));

            assertThatThrownBy(() -> storage.verify(info)).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("longer than its recorded size");
        }

        @Test
        void is_healed_by_publishing_the_same_bytes_again() throws IOException {
            S3Storage storage = open(S3.builder());
            byte[] bytes = text("truncated on the server, written again by a later registration");
            ArtifactInfo info = storage.write(new ByteArrayInputStream(bytes)).info();
            Files.write(S3.server().file(storage.blobKey(info.digest())), text("truncated"));

            WriteResult again = storage.write(new ByteArrayInputStream(bytes));

            assertThat(again.created()).as("created: the digest existed, damaged").isFalse();
            storage.verify(info);
            assertThat(readAll(storage, info)).isEqualTo(bytes);
        }
    }

    @Nested
    class A_large_artifact {

        @Test
        void of_64_mib_streams_through_one_bounded_part_buffer_and_round_trips() throws Exception {
            long size = 64L * MIB;
            int partSize = S3Storage.MIN_PART_SIZE;
            CountingPatternStream source = new CountingPatternStream(size);
            List<long[]> parts = Collections.synchronizedList(new ArrayList<>());
            ExecutionInterceptor watch = new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof UploadPartRequest part) {
                        parts.add(new long[] {part.partNumber(), part.contentLength(), source.consumed.get()});
                    }
                }
            };
            S3Storage storage = open(S3.builder().partSize(partSize).interceptor(watch));

            ArtifactInfo info = storage.write(source).info();

            assertThat(info).isEqualTo(new ArtifactInfo(source.digest(), size));
            assertThat(parts).as("parts uploaded").hasSize((int) ((size + partSize - 1) / partSize));
            for (long[] p : parts) {
                assertThat(p[1]).as("length of part %d", p[0]).isLessThanOrEqualTo(partSize);
                // Read ahead of the server by at most the part in flight: nothing else is buffered.
                assertThat(p[2]).as("bytes read from the source when part %d was sent", p[0])
                        .isLessThanOrEqualTo(p[0] * partSize);
            }
            try (DigestInputStream in = new DigestInputStream(storage.read(info), sha256())) {
                assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(size);
                assertThat(ArtifactDigest.ofBytes(in.getMessageDigest().digest())).isEqualTo(info.digest());
            }
            assertThat(Runtime.getRuntime().maxMemory()).as("the test JVM's heap (surefire argLine -Xmx)")
                    .isLessThanOrEqualTo(size * 2);
        }

        @Test
        void above_the_single_copy_limit_is_published_with_upload_part_copy() throws IOException {
            List<String> ranges = Collections.synchronizedList(new ArrayList<>());
            ExecutionInterceptor watch = new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof UploadPartCopyRequest copy) {
                        ranges.add(copy.copySourceRange());
                    }
                }
            };
            // The copy limit lowered from S3's 5 GiB to 5 MiB, so a 12 MiB artifact takes three copied parts.
            S3Storage storage = open(S3.builder().copyPartSize(5L * MIB).interceptor(watch));
            byte[] bytes = new byte[12 * MIB + 17];
            new SplittableRandom(7).nextBytes(bytes);

            WriteResult result = storage.write(new ByteArrayInputStream(bytes));

            assertThat(result.created()).isTrue();
            assertThat(ranges).containsExactly("bytes=0-5242879", "bytes=5242880-10485759",
                    "bytes=10485760-" + (bytes.length - 1));
            storage.verify(result.info());
            assertThat(multipartUploads(storage)).as("multipart uploads left").isEmpty();
            assertThat(stagingObjects(storage)).as("staging objects left").isEmpty();
        }
    }

    @Nested
    class Uploads_of_the_same_digest {

        @Test
        void from_two_clients_and_eight_threads_three_times_each_store_one_blob_and_leave_nothing_behind() throws Exception {
            S3Storage first = open(S3.builder().partSize(S3Storage.MIN_PART_SIZE));
            S3Storage second = open(S3.builder().partSize(S3Storage.MIN_PART_SIZE).prefix(first.prefix()));
            byte[] bytes = new byte[6 * MIB];
            new SplittableRandom(42).nextBytes(bytes);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                // Each thread writes the bytes three times: the first round races on an absent blob, the later
                // ones meet it half-published or published.
                List<Callable<List<WriteResult>>> writes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    S3Storage storage = i % 2 == 0 ? first : second;
                    writes.add(() -> {
                        start.await();
                        List<WriteResult> results = new ArrayList<>();
                        for (int round = 0; round < 3; round++) {
                            results.add(storage.write(new ByteArrayInputStream(bytes)));
                        }
                        return results;
                    });
                }
                List<Future<List<WriteResult>>> futures = new ArrayList<>();
                writes.forEach(w -> futures.add(pool.submit(w)));
                start.countDown();
                int created = 0;
                ArtifactInfo expected = new ArtifactInfo(ArtifactDigest.ofBytes(sha256().digest(bytes)), bytes.length);
                for (Future<List<WriteResult>> f : futures) {
                    List<WriteResult> results = f.get(100, TimeUnit.SECONDS);
                    for (WriteResult r : results) {
                        assertThat(r.info()).isEqualTo(expected);
                        created += r.created() ? 1 : 0;
                    }
                    assertThat(results.get(2).created()).as("created by a thread's third write").isFalse();
                }
                // At least one; exactly one where the server checks If-None-Match on copies (AWS), not on s3proxy.
                assertThat(created).as("writes that reported creating the blob").isBetween(1, 8);
                assertThat(listed(second)).containsExactly(expected);
                assertThat(readAll(first, expected)).isEqualTo(bytes);
                assertThat(stagingObjects(first)).as("staging objects left").isEmpty();
                assertThat(multipartUploads(first)).as("multipart uploads left").isEmpty();
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }

        @Test
        void published_by_another_host_between_our_check_and_our_copy_leaves_one_intact_blob() throws IOException {
            byte[] bytes = text("two hosts register the same model at the same moment");
            List<String> conditions = new ArrayList<>();
            S3Storage[] other = new S3Storage[1];
            ExecutionInterceptor race = new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof CopyObjectRequest copy && other[0] != null) {
                        conditions.add(String.valueOf(copy.ifNoneMatch()));
                        // The other host wins the race: its blob appears after our HEAD saw none.
                        assertThat(other[0].write(new ByteArrayInputStream(bytes)).created()).isTrue();
                        other[0] = null;
                    }
                }
            };
            S3Storage ours = open(S3.builder().interceptor(race));
            other[0] = open(S3.builder().prefix(ours.prefix()));
            S3Storage theirs = other[0];
            ArtifactInfo expected = new ArtifactInfo(ArtifactDigest.ofBytes(sha256().digest(bytes)), bytes.length);

            WriteResult result;
            try (StagedArtifact staged = ours.stage(new ByteArrayInputStream(bytes))) {
                result = staged.publish();
            }

            // The copy asks the server not to overwrite. AWS answers 412 (created == false); s3proxy 3.0 ignores
            // the condition on copies and copies the same verified bytes again, which no reader can tell apart.
            assertThat(conditions).as("If-None-Match of our copy").containsExactly("*");
            assertThat(result.info()).isEqualTo(expected);
            assertThat(listed(theirs)).containsExactly(expected);
            assertThat(readAll(theirs, expected)).isEqualTo(bytes);
            assertThat(stagingObjects(ours)).isEmpty();
        }
    }

    @Nested
    class A_failed_or_abandoned_upload {

        @Test
        void that_breaks_after_the_first_part_leaves_no_blob_no_staging_object_and_no_multipart_upload() {
            S3Storage storage = open(S3.builder().partSize(S3Storage.MIN_PART_SIZE));
            InputStream breaking = new CountingPatternStream(64L * MIB) {
                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    if (consumed.get() > 7L * MIB) {
                        throw new IOException("the network dropped the source");
                    }
                    return super.read(buf, off, len);
                }
            };

            assertThatThrownBy(() -> storage.write(breaking)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("the network dropped the source");

            assertThat(listed(storage)).isEmpty();
            assertThat(stagingObjects(storage)).isEmpty();
            assertThat(multipartUploads(storage)).isEmpty();
        }

        @Test
        void closed_without_publishing_after_a_multipart_upload_leaves_nothing() {
            S3Storage storage = open(S3.builder());
            byte[] bytes = new byte[9 * MIB];
            try (StagedArtifact staged = storage.stage(new ByteArrayInputStream(bytes))) {
                assertThat(stagingObjects(storage)).as("while staged").hasSize(1);
                assertThat(staged.info().size()).isEqualTo(bytes.length);
            }
            assertThat(stagingObjects(storage)).isEmpty();
            assertThat(multipartUploads(storage)).isEmpty();
            assertThat(listed(storage)).isEmpty();
        }

        @Test
        void left_by_a_dead_writer_is_listed_and_removed_once_older_than_the_grace_period() {
            MutableClock clock = new MutableClock(Instant.now());
            S3Storage storage = open(S3.builder().clock(clock));
            // What a killed writer leaves: a complete staging object and a multipart upload never completed.
            String object = storage.stagingPrefix() + UUID.randomUUID();
            storage.client().putObject(r -> r.bucket(S3ProxyExtension.BUCKET).key(object),
                    RequestBody.fromBytes(text("staged, then the JVM was killed")));
            String upload = storage.stagingPrefix() + UUID.randomUUID();
            String uploadId = storage.client().createMultipartUpload(r -> r.bucket(S3ProxyExtension.BUCKET)
                    .key(upload)).uploadId();
            ArtifactInfo blob = storage.write(new ByteArrayInputStream(text("a published blob"))).info();

            assertThat(storage.abandonedUploads(Duration.ofMinutes(30))).as("younger than the grace period").isEmpty();
            assertThat(storage.removeAbandonedUploads(Duration.ofMinutes(30))).isZero();

            clock.advance(Duration.ofHours(1));
            assertThat(storage.abandonedUploads(Duration.ofMinutes(30)))
                    .extracting(AbandonedUpload::key, AbandonedUpload::uploadId)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(object, java.util.Optional.empty()),
                            org.assertj.core.groups.Tuple.tuple(upload, java.util.Optional.of(uploadId)));
            assertThat(storage.removeAbandonedUploads(Duration.ofMinutes(30))).isEqualTo(2);

            assertThat(storage.abandonedUploads(Duration.ZERO)).isEmpty();
            assertThat(stagingObjects(storage)).isEmpty();
            assertThat(multipartUploads(storage)).isEmpty();
            storage.verify(blob);
        }
    }

    @Nested
    class A_registry_on_S3 {
        @TempDir
        Path dir;

        @Test
        void registers_loads_collects_garbage_and_verifies_with_every_blob_in_the_bucket() throws IOException {
            S3Storage storage = open(S3.builder());
            byte[] kept = text("model one, kept");
            byte[] dropped = text("model two, deleted and collected");
            try (ModelRegistry registry = ModelRegistry.builder(dir.resolve("registry")).storage(storage).open()) {
                var v1 = registry.versions().register("spx", kept, ModelMetadata.of(BytesModel.FORMAT_ID));
                var v2 = registry.versions().register("spx", dropped, ModelMetadata.of(BytesModel.FORMAT_ID));
                assertThat(storage.stat(v1.artifact().digest())).isPresent();
                assertThat(listed(storage)).containsExactlyInAnyOrder(v1.artifact(), v2.artifact());

                assertThat(registry.models().load(ModelRef.parse("spx/1")).unwrap(byte[].class))
                        .isEqualTo(kept);
                registry.versions().deleteVersion("spx", 2);
                assertThat(registry.gc(Duration.ZERO).blobsRemoved()).isEqualTo(1);

                assertThat(listed(storage)).containsExactly(v1.artifact());
                assertThat(registry.verify().healthy()).isTrue();
                try (InputStream in = registry.models().openArtifact(ModelRef.parse("spx/1"))) {
                    assertThat(in.readAllBytes()).isEqualTo(kept);
                }

                Files.write(S3.server().file(storage.blobKey(v1.artifact().digest())), text("model one, kepT"));
                assertThat(registry.verify().findings()).extracting(Finding::kind)
                        .containsExactly(Finding.Kind.CORRUPT_BLOB);
            }
            assertThat(stagingObjects(storage)).isEmpty();
        }

        @Test
        void gc_removes_the_uploads_of_a_dead_writer_once_they_are_older_than_its_grace_period() {
            MutableClock clock = new MutableClock(Instant.now());
            S3Storage storage = open(S3.builder().clock(clock));
            String object = storage.stagingPrefix() + UUID.randomUUID();
            storage.client().putObject(r -> r.bucket(S3ProxyExtension.BUCKET).key(object),
                    RequestBody.fromBytes(text("staged, then the JVM was killed")));
            String upload = storage.stagingPrefix() + UUID.randomUUID();
            storage.client().createMultipartUpload(r -> r.bucket(S3ProxyExtension.BUCKET).key(upload));
            try (ModelRegistry registry = ModelRegistry.builder(dir.resolve("registry")).storage(storage).open()) {
                registry.versions().register("spx", text("a model"), ModelMetadata.of(BytesModel.FORMAT_ID));

                assertThat(registry.gc(Duration.ofMinutes(30)).tempFilesRemoved()).as("younger than the grace")
                        .isZero();
                assertThat(stagingObjects(storage)).hasSize(1);

                clock.advance(Duration.ofHours(1));
                assertThat(registry.gc(Duration.ofMinutes(30)).tempFilesRemoved()).isEqualTo(2);
                assertThat(stagingObjects(storage)).isEmpty();
                assertThat(multipartUploads(storage)).isEmpty();
                assertThat(registry.verify().healthy()).isTrue();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    static List<ArtifactInfo> listed(S3Storage storage) {
        try (Stream<StoredArtifact> all = storage.list()) {
            return all.map(StoredArtifact::info).toList();
        }
    }

    static List<String> stagingObjects(S3Storage storage) {
        return storage.client().listObjectsV2Paginator(r -> r.bucket(S3ProxyExtension.BUCKET)
                .prefix(storage.stagingPrefix())).contents().stream().map(S3Object::key).toList();
    }

    static List<String> multipartUploads(S3Storage storage) {
        try {
            return storage.client().listMultipartUploads(r -> r.bucket(S3ProxyExtension.BUCKET)
                    .prefix(storage.prefix())).uploads().stream().map(MultipartUpload::key).toList();
        } catch (S3Exception e) {
            throw new AssertionError("cannot list multipart uploads", e);
        }
    }

    static byte[] readAll(S3Storage storage, ArtifactInfo info) throws IOException {
        try (InputStream in = storage.read(info)) {
            return in.readAllBytes();
        }
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Generated bytes of a given length (never held in memory), counting what was read and hashing it. */
    static class CountingPatternStream extends InputStream {
        final AtomicLong consumed = new AtomicLong();
        private final long size;
        private final MessageDigest sha = sha256();

        CountingPatternStream(long size) {
            this.size = size;
        }

        ArtifactDigest digest() {
            return ArtifactDigest.ofBytes(sha.digest());
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            long position = consumed.get();
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                buf[off + i] = (byte) (p * 31 + (p >>> 9) * 7 + (p >>> 17));
            }
            sha.update(buf, off, n);
            consumed.addAndGet(n);
            return n;
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
