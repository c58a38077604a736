package dev.modelregistry.s3;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.storage.StagedArtifact;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.api.storage.VerifyingInputStream;
import dev.modelregistry.api.storage.WriteResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link ModelStorage} on S3-compatible object storage (AWS S3, MinIO, Ceph RGW, ...), for registries that
 * several hosts share. Blobs are objects named by their SHA-256 under a prefix of one bucket:
 * <pre>
 *   &lt;prefix&gt;/blobs/sha256/&lt;64 hex digits&gt;     published artifacts (content-addressed)
 *   &lt;prefix&gt;/staging/&lt;random uuid&gt;           uploads not yet published (visible under no digest)
 * </pre>
 *
 * <h2>Write path</h2>
 * {@link #stage} streams the content to a staging key while it computes the SHA-256: a small artifact in one
 * {@code PutObject}, a larger one as a multipart upload of {@link Builder#partSize parts}. Memory use is one
 * part buffer per upload in flight, whatever the artifact's size. When {@code stage} returns, the server has
 * acknowledged every byte (S3 is durable on acknowledgement). {@link StagedArtifact#publish()} then copies
 * the staging object server-side to its digest key (one {@code CopyObject}, or {@code UploadPartCopy} parts
 * above 5 GiB, the limit of a single copy) and deletes the staging object. A failure anywhere aborts the
 * multipart upload and deletes the staging object; closing a stage without publishing does the same.
 *
 * <h2>Nothing is overwritten</h2>
 * A digest key holds exactly the bytes that hash to it, so there is never a reason to replace it with other
 * bytes. {@code publish} first looks at the digest key: if an object is there with the staged size, it is kept
 * and {@code publish} reports {@code created == false}. Otherwise the copy is sent with {@code If-None-Match: *},
 * so of two hosts publishing the same digest at once exactly one creates the object and the other is told it
 * exists ({@code 412}). A server that ignores the condition (older MinIO or Ceph releases) lets the second
 * copy replace the first with the same verified bytes, which no reader can tell apart: a concurrent upload of
 * the same digest is harmless either way. The one replacement this store makes on purpose is of an object
 * whose size differs from the verified staged bytes: like the file-system store, publishing verified bytes heals
 * it. (An object damaged without a change of size is not replaced, because only a full read could tell; every
 * read and {@link #verify} finds it, and deleting it lets the next publish write it anew. ETags cannot tell
 * either: under SSE-KMS, and for multipart objects, they are not the MD5 of the bytes.)
 *
 * <h2>Read path</h2>
 * Every stream {@link #read} returns recomputes SHA-256 and size and throws
 * {@link dev.modelregistry.api.IntegrityException} at the end (or as soon as the object is longer than
 * expected); {@link #verify} reads a whole object that way.
 *
 * <h2>Abandoned uploads</h2>
 * A process killed between {@code stage} and {@code publish} leaves a staging object, or an unfinished multipart
 * upload, behind. {@link #abandonedUploads(Duration)} lists those older than an age and
 * {@link #removeAbandonedUploads(Duration)} deletes them; the age must be longer than any stage may wait for
 * its publish (the registry's gc grace period is the natural choice). Configure a bucket lifecycle rule
 * ({@code AbortIncompleteMultipartUpload}) as a second line of defence where the server supports it.
 *
 * <p>Thread-safe: one instance serves any number of threads, and any number of processes and hosts may share
 * a bucket and prefix. {@link #close()} closes the S3 client.
 */
public final class S3Storage implements ModelStorage, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Storage.class);
    private static final long MIB = 1024 * 1024;
    /** S3's smallest part (all but the last); also the smallest {@link Builder#partSize}. */
    static final int MIN_PART_SIZE = (int) (5 * MIB);
    static final int DEFAULT_PART_SIZE = (int) (8 * MIB);
    /** The largest part buffer this store allocates (S3 allows 5 GiB parts; a Java array holds less). */
    static final int MAX_PART_SIZE = (int) (1024 * MIB);
    /** S3's largest single {@code CopyObject}; larger objects are copied in parts of this size. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * MIB;
    /** S3's limit on the parts of one multipart upload. */
    static final int MAX_PARTS = 10_000;
    private static final String BLOBS = "blobs/sha256/";
    private static final String STAGING = "staging/";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final long copyPartSize;
    private final Clock clock;

    private S3Storage(Builder b) {
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.partSize = b.partSize;
        this.copyPartSize = b.copyPartSize;
        this.clock = b.clock;
        S3ClientBuilder client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(b.pathStyle)
                // The SDK's default since 2.30 sends a CRC32 trailer in aws-chunked encoding with every upload,
                // which many S3-compatible servers (s3proxy, older MinIO and Ceph) reject. Only where S3 demands
                // a checksum: over http the SigV4 signature covers the payload's SHA-256 (the server checks it),
                // over https TLS protects it, and every read is checked against the artifact's SHA-256 anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (b.endpoint != null) {
            client.endpointOverride(b.endpoint);
        }
        if (b.region != null) {
            client.region(Region.of(b.region));
        } else if (b.endpoint != null) {
            // MinIO, Ceph and most other servers ignore the region, but SigV4 signs one.
            client.region(Region.US_EAST_1);
        }
        if (b.credentials != null) {
            client.credentialsProvider(b.credentials);
        }
        if (!b.interceptors.isEmpty()) {
            client.overrideConfiguration(o -> b.interceptors.forEach(o::addExecutionInterceptor));
        }
        try {
            this.client = client.build();
        } catch (SdkException e) {
            throw new StorageException("cannot create the S3 client for s3://" + bucket + "/" + prefix + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A store in {@code bucket} under {@code prefix} on an S3-compatible server at {@code endpoint}, with
     * path-style addressing ({@code endpoint/bucket/key}, which MinIO and Ceph expect), region
     * {@code us-east-1} and credentials from the AWS SDK's default chain (environment variables
     * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, system properties, profile files,
     * container or instance roles). For anything else, use {@link #builder()}.
     *
     * @param bucket the bucket, which must exist
     * @param prefix the key prefix that holds this registry's objects, such as {@code "registries/prod"}; empty
     *               for the bucket's root
     * @param endpoint the server, such as {@code http://minio.internal:9000}
     * @return the store
     * @throws InvalidArgumentException if the bucket or prefix is malformed
     */
    public static S3Storage s3(String bucket, String prefix, URI endpoint) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(endpoint, "endpoint");
        return builder().bucket(bucket).prefix(prefix).endpoint(endpoint).pathStyle(true).build();
    }

    /**
     * Starts a store's settings.
     *
     * @return a builder with the defaults: no prefix, AWS's endpoint and virtual-hosted addressing, region and
     *         credentials from the SDK's default chains, 8 MiB parts, the system clock
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The bucket this store writes to.
     *
     * @return the bucket's name
     */
    public String bucket() {
        return bucket;
    }

    /**
     * The key prefix under which this store keeps its objects.
     *
     * @return the prefix, ending in {@code /}, or empty for the bucket's root
     */
    public String prefix() {
        return prefix;
    }

    // ------------------------------------------------------------------------------------------- writing

    @Override
    public StagedArtifact stage(InputStream content) {
        Objects.requireNonNull(content, "content");
        String key = prefix + STAGING + UUID.randomUUID();
        var sha = VerifyingInputStream.sha256();
        PartBuffer part = new PartBuffer(partSize);
        String uploadId = null;
        boolean written = false;
        try {
            int n = part.fill(content);
            sha.update(part.bytes, 0, n);
            long size = n;
            if (n < partSize) {
                // The whole artifact fits in one part: one request instead of three.
                int length = n;
                client.putObject(r -> r.bucket(bucket).key(key).contentLength((long) length), part.body(length));
                written = true;
            } else {
                String id = client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
                uploadId = id;
                List<CompletedPart> parts = new ArrayList<>();
                while (n > 0) {
                    int number = parts.size() + 1;
                    if (number > MAX_PARTS) {
                        throw new StorageException("cannot stage an artifact of more than " + MAX_PARTS + " parts of "
                                + partSize + " bytes; raise the part size (S3Storage.Builder.partSize)");
                    }
                    int length = n;
                    String etag = client.uploadPart(r -> r.bucket(bucket).key(key).uploadId(id).partNumber(number)
                            .contentLength((long) length), part.body(length)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                    n = part.fill(content);
                    sha.update(part.bytes, 0, n);
                            size += n;
                }
                client.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(id)
                        .multipartUpload(m -> m.parts(parts)));
                uploadId = null;
                written = true;
            }
            ArtifactInfo info = new ArtifactInfo(ArtifactDigest.ofBytes(sha.digest()), size);
            return new Staged(info, key);
        } catch (IOException e) {
            discard(key, uploadId, written);
            throw new StorageException("cannot store artifact: reading its content failed: " + e, e);
        } catch (SdkException e) {
            discard(key, uploadId, written);
            throw failure("cannot stage an artifact at " + where(key), e);
        } catch (RuntimeException | Error e) {
            discard(key, uploadId, written);
            throw e;
        }
    }

    /** One upload's part buffer: grows with the content up to the part size, so small artifacts stay small. */
    private static final class PartBuffer {
        private final int limit;
        byte[] bytes;

        PartBuffer(int limit) {
            this.limit = limit;
            this.bytes = new byte[Math.min(limit, 64 * 1024)];
        }

        /** Reads until the buffer holds a whole part or the content ends; returns the bytes read (0 at the end). */
        int fill(InputStream in) throws IOException {
            int n = 0;
            while (n < limit) {
                if (n == bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(limit, 2L * bytes.length));
                }
                int r = in.read(bytes, n, bytes.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return n;
        }

        /** The first {@code length} bytes as a request body that the SDK can replay on a retry, without a copy. */
        RequestBody body(int length) {
            byte[] b = bytes;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(b, 0, length), length,
                    "application/octet-stream");
        }
    }

    /** A complete staging object, waiting to be copied to its digest key. */
    private final class Staged implements StagedArtifact {
        private final ArtifactInfo info;
        private final String key;
        private boolean done;

        Staged(ArtifactInfo info, String key) {
            this.info = info;
            this.key = key;
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
            return open(key, info);
        }

        @Override
        public WriteResult publish() {
            if (done) {
                throw new IllegalStateException("artifact " + info.digest() + " was already published or discarded");
            }
            done = true;
            try {
                return S3Storage.this.publish(key, info);
            } catch (SdkException e) {
                throw failure("cannot publish artifact " + info.digest() + " from " + where(key), e);
            } finally {
                discard(key, null, true);
            }
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                discard(key, null, true);
            }
        }
    }

    private WriteResult publish(String staging, ArtifactInfo info) {
        String target = blobKey(info.digest());
        Optional<HeadObjectResponse> existing = head(target);
        if (existing.isPresent()) {
            Long size = existing.get().contentLength();
            if (size != null && size == info.size()) {
                return new WriteResult(info, false);
            }
            LOG.warn("{} is damaged ({} bytes, not {}); replacing it with the verified bytes of {}", where(target),
                    size, info.size(), info.digest());
        }
        boolean created = copy(staging, target, info.size(), existing.isEmpty());
        return new WriteResult(info, existing.isEmpty() && created);
    }

    /**
     * Copies the staging object to its digest key server-side. With {@code onlyIfAbsent} the copy is
     * conditional ({@code If-None-Match: *}) and a lost race is reported as false. AWS checks the condition on
     * {@code CopyObject} and {@code CompleteMultipartUpload}; servers that do not (s3proxy 3.0 checks it on
     * {@code PutObject} only) perform the copy, which replaces the winner's object with the same verified bytes.
     * The empty artifact, which cannot be copied by range, is a conditional {@code PutObject} of no bytes.
     */
    private boolean copy(String staging, String target, long size, boolean onlyIfAbsent) {
        String ifNoneMatch = onlyIfAbsent ? "*" : null;
        try {
            if (size == 0) {
                client.putObject(r -> r.bucket(bucket).key(target).contentLength(0L).ifNoneMatch(ifNoneMatch),
                        RequestBody.empty());
            } else if (size <= copyPartSize) {
                client.copyObject(r -> r.sourceBucket(bucket).sourceKey(staging).destinationBucket(bucket)
                        .destinationKey(target).ifNoneMatch(ifNoneMatch));
            } else {
                copyInParts(staging, target, size, ifNoneMatch);
            }
            return true;
        } catch (S3Exception e) {
            // 412: another writer created the object first. 409: AWS's answer to two conditional writes at once.
            if (onlyIfAbsent && (e.statusCode() == 412 || e.statusCode() == 409) && head(target).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    private void copyInParts(String staging, String target, long size, String ifNoneMatch) {
        String id = client.createMultipartUpload(r -> r.bucket(bucket).key(target)).uploadId();
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long from = 0; from < size; from += copyPartSize) {
                int number = parts.size() + 1;
                String range = "bytes=" + from + "-" + (Math.min(size, from + copyPartSize) - 1);
                String etag = client.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey(staging)
                        .destinationBucket(bucket).destinationKey(target).uploadId(id).partNumber(number)
                        .copySourceRange(range)).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            client.completeMultipartUpload(r -> r.bucket(bucket).key(target).uploadId(id).ifNoneMatch(ifNoneMatch)
                    .multipartUpload(m -> m.parts(parts)));
            completed = true;
        } finally {
            if (!completed) {
                abortQuietly(target, id);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- reading

    @Override
    public InputStream read(ArtifactInfo expected) {
        Objects.requireNonNull(expected, "expected");
        return open(blobKey(expected.digest()), expected);
    }

    private VerifyingInputStream open(String key, ArtifactInfo expected) {
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(r -> r.bucket(bucket).key(key));
            // Closed before its end (a failed decode, say), the download is aborted rather than drained.
            return new VerifyingInputStream(in, expected, "object " + where(key), in::abort);
        } catch (SdkException e) {
            if (isNotFound(e)) {
                throw new ArtifactNotFoundException("artifact " + expected.digest() + " is missing from storage ("
                        + where(key) + ")");
            }
            throw failure("cannot read artifact " + expected.digest() + " from " + where(key), e);
        }
    }

    @Override
    public void verify(ArtifactInfo expected) {
        Objects.requireNonNull(expected, "expected");
        try (VerifyingInputStream in = open(blobKey(expected.digest()), expected)) {
            in.drainAndVerify();
        } catch (IOException e) {
            throw new StorageException("cannot read artifact " + expected.digest() + ": " + e, e);
        } catch (SdkException e) {
            throw failure("cannot read artifact " + expected.digest(), e);
        }
    }

    @Override
    public Optional<StoredArtifact> stat(ArtifactDigest digest) {
        Objects.requireNonNull(digest, "digest");
        try {
            return head(blobKey(digest)).map(h -> new StoredArtifact(new ArtifactInfo(digest, h.contentLength()),
                    h.lastModified()));
        } catch (SdkException e) {
            throw failure("cannot stat artifact " + digest, e);
        }
    }

    /**
     * Deletes a blob. S3 deletes are idempotent and do not say whether there was an object, so this looks
     * first: {@code true} means the object existed just before the delete (two hosts deleting the same
     * digest at once may both see {@code true}).
     */
    @Override
    public boolean delete(ArtifactDigest digest) {
        Objects.requireNonNull(digest, "digest");
        String key = blobKey(digest);
        try {
            if (head(key).isEmpty()) {
                return false;
            }
            client.deleteObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            throw failure("cannot delete artifact " + digest, e);
        }
    }

    @Override
    public Stream<StoredArtifact> list() {
        String under = prefix + BLOBS;
        return objectsUnder(under).flatMap(o -> {
            String name = o.key().substring(under.length());
            if (!HEX.matcher(name).matches()) {
                return Stream.empty();
            }
            return Stream.of(new StoredArtifact(new ArtifactInfo(new ArtifactDigest(name), o.size()),
                    o.lastModified()));
        });
    }

    // ------------------------------------------------------------------------------- abandoned uploads

    /**
     * Lists what writers left under {@code staging/}: staging objects and unfinished multipart uploads that
     * were written or started at least {@code olderThan} ago (by this store's clock against the server's
     * timestamps, so allow for clock skew).
     *
     * @param olderThan the age from which an upload counts as abandoned; longer than any stage waits for
     *                  its publish
     * @return the abandoned uploads, in no particular order
     * @throws InvalidArgumentException if {@code olderThan} is negative
     * @throws StorageException if the server cannot be asked
     */
    public List<AbandonedUpload> abandonedUploads(Duration olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        if (olderThan.isNegative()) {
            throw new InvalidArgumentException("olderThan must not be negative, got " + olderThan);
        }
        Instant cutoff = clock.instant().minus(olderThan);
        String under = prefix + STAGING;
        List<AbandonedUpload> out = new ArrayList<>();
        try (Stream<S3Object> objects = objectsUnder(under)) {
            objects.filter(o -> !o.lastModified().isAfter(cutoff))
                    .forEach(o -> out.add(new AbandonedUpload(o.key(), Optional.empty(), o.lastModified())));
        }
        try {
            for (MultipartUpload u : client.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(under))
                    .uploads()) {
                if (!u.initiated().isAfter(cutoff)) {
                    out.add(new AbandonedUpload(u.key(), Optional.of(u.uploadId()), u.initiated()));
                }
            }
        } catch (SdkException e) {
            throw failure("cannot list the multipart uploads under " + where(under), e);
        }
        return out;
    }

    /**
     * {@inheritDoc} Here: {@link #removeAbandonedUploads(Duration)}, so that the registry's gc removes the
     * staging objects and multipart uploads of writers that died.
     */
    @Override
    public int removeAbandoned(Duration olderThan) {
        return removeAbandonedUploads(olderThan);
    }

    /**
     * Deletes the {@link #abandonedUploads abandoned uploads} older than {@code olderThan}: staging objects
     * are deleted, unfinished multipart uploads aborted. A stage younger than that is left alone, so a
     * writer that is about to publish never loses its bytes.
     *
     * @param olderThan the age from which an upload counts as abandoned
     * @return how many were removed
     * @throws InvalidArgumentException if {@code olderThan} is negative
     * @throws StorageException if the server cannot be asked or refuses a delete
     */
    public int removeAbandonedUploads(Duration olderThan) {
        int removed = 0;
        for (AbandonedUpload u : abandonedUploads(olderThan)) {
            try {
                if (u.uploadId().isPresent()) {
                    client.abortMultipartUpload(r -> r.bucket(bucket).key(u.key()).uploadId(u.uploadId().get()));
                } else {
                    client.deleteObject(r -> r.bucket(bucket).key(u.key()));
                }
                removed++;
            } catch (SdkException e) {
                if (!isNotFound(e)) {
                    throw failure("cannot remove the abandoned upload " + where(u.key()), e);
                }
                // finished or removed by someone else meanwhile
            }
        }
        if (removed > 0) {
            LOG.info("removed {} abandoned uploads under {}", removed, where(prefix + STAGING));
        }
        return removed;
    }

    /** Closes the S3 client and its connections. Streams still open from {@link #read} may fail afterwards. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "S3Storage[" + where(prefix) + "]";
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** The key of a blob: {@code <prefix>blobs/sha256/<hex>}. */
    String blobKey(ArtifactDigest digest) {
        return prefix + BLOBS + digest.hex();
    }

    /** The key prefix of staging objects. */
    String stagingPrefix() {
        return prefix + STAGING;
    }

    /** The S3 client, for tests that look at the bucket directly. */
    S3Client client() {
        return client;
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(client.headObject(r -> r.bucket(bucket).key(key)));
        } catch (SdkException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every object under a key prefix, fetched page by page as the stream is consumed. */
    private Stream<S3Object> objectsUnder(String under) {
        Iterator<S3Object> pages;
        try {
            pages = client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(under)).contents().iterator();
        } catch (SdkException e) {
            throw failure("cannot list " + where(under), e);
        }
        Iterator<S3Object> checked = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return pages.hasNext();
                } catch (SdkException e) {
                    throw failure("cannot list " + where(under), e);
                }
            }

            @Override
            public S3Object next() {
                try {
                    return pages.next();
                } catch (SdkException e) {
                    throw failure("cannot list " + where(under), e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(checked, Spliterator.ORDERED
                | Spliterator.NONNULL), false);
    }

    /** Removes a failed or discarded upload: aborts the multipart upload, deletes the object. Never throws. */
    private void discard(String key, String uploadId, boolean written) {
        if (uploadId != null) {
            abortQuietly(key, uploadId);
        }
        if (written) {
            try {
                client.deleteObject(r -> r.bucket(bucket).key(key));
            } catch (SdkException e) {
                LOG.warn("could not delete the staging object {}; removeAbandonedUploads() will", where(key), e);
            }
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("could not abort the multipart upload {} of {}; removeAbandonedUploads() will", uploadId,
                    where(key), e);
        }
    }

    private static boolean isNotFound(SdkException e) {
        return e instanceof NoSuchKeyException || e instanceof S3Exception s && s.statusCode() == 404;
    }

    private String where(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static StorageException failure(String what, SdkException e) {
        String reason = e instanceof S3Exception s && s.awsErrorDetails() != null
                ? s.statusCode() + " " + s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new StorageException(what + ": " + reason, e);
    }

    /**
     * A store's settings. Each setter checks its value at once; {@link #build()} checks that a bucket was
     * given. Not thread-safe: one thread configures a builder.
     */
    public static final class Builder {
        private String bucket;
        private String prefix = "";
        private URI endpoint;
        private String region;
        private AwsCredentialsProvider credentials;
        private boolean pathStyle;
        private int partSize = DEFAULT_PART_SIZE;
        private long copyPartSize = MAX_SINGLE_COPY;
        private Clock clock = Clock.systemUTC();
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();

        private Builder() {
        }

        /**
         * The bucket that holds the blobs. It must exist: the store never creates or configures buckets.
         *
         * @param value the bucket's name
         * @return this builder
         * @throws InvalidArgumentException if it is blank or contains {@code /}
         */
        public Builder bucket(String value) {
            Objects.requireNonNull(value, "value");
            if (value.isBlank() || value.contains("/")) {
                throw new InvalidArgumentException("a bucket name is not blank and has no '/', got '" + value + "'");
            }
            this.bucket = value;
            return this;
        }

        /**
         * The key prefix under which this registry's objects live, so that several registries (or other data)
         * can share a bucket. A trailing {@code /} is added when missing.
         *
         * @param value such as {@code "registries/prod"}; empty for the bucket's root (the default)
         * @return this builder
         * @throws InvalidArgumentException if it starts with {@code /}, has an empty segment ({@code //}) or a
         *         {@code .} or {@code ..} segment
         */
        public Builder prefix(String value) {
            Objects.requireNonNull(value, "value");
            String p = value.isEmpty() || value.endsWith("/") ? value : value + "/";
            if (!p.isEmpty()) {
                for (String segment : p.substring(0, p.length() - 1).split("/", -1)) {
                    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                        throw new InvalidArgumentException("a prefix is segments separated by single '/', without"
                                + " '.' or '..' and not starting with '/', got '" + value + "'");
                    }
                }
            }
            this.prefix = p;
            return this;
        }

        /**
         * The server, for anything but AWS S3 itself (MinIO, Ceph, a local test server). Without it the SDK
         * finds AWS's endpoint for the region.
         *
         * @param value such as {@code http://minio.internal:9000}
         * @return this builder
         * @throws InvalidArgumentException if it is not an absolute http or https URI
         */
        public Builder endpoint(URI value) {
            Objects.requireNonNull(value, "value");
            String scheme = value.getScheme() == null ? "" : value.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || value.getHost() == null) {
                throw new InvalidArgumentException("an S3 endpoint is an http or https URI with a host, got " + value);
            }
            this.endpoint = value;
            return this;
        }

        /**
         * The region the requests are signed for. Without it: the SDK's default region chain
         * ({@code AWS_REGION}, profile files, instance metadata), or {@code us-east-1} when an
         * {@link #endpoint} is given.
         *
         * @param value such as {@code eu-central-1}
         * @return this builder
         * @throws InvalidArgumentException if it is blank
         */
        public Builder region(String value) {
            Objects.requireNonNull(value, "value");
            if (value.isBlank()) {
                throw new InvalidArgumentException("region must not be blank");
            }
            this.region = value;
            return this;
        }

        /**
         * Where the access keys come from. Without it: the SDK's default credentials chain (environment,
         * system properties, profile files, container and instance roles). For fixed keys:
         * {@code StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey))}.
         *
         * @param value the credentials provider
         * @return this builder
         */
        public Builder credentials(AwsCredentialsProvider value) {
            this.credentials = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Path-style addressing ({@code endpoint/bucket/key}) instead of virtual-hosted
         * ({@code bucket.endpoint/key}). MinIO, Ceph and most self-hosted servers need it; AWS accepts both.
         *
         * @param value true for path-style (default false)
         * @return this builder
         */
        public Builder pathStyle(boolean value) {
            this.pathStyle = value;
            return this;
        }

        /**
         * The size of one multipart-upload part, which is also the most memory one upload in flight uses.
         * Artifacts smaller than a part go up in one request. An artifact may have at most 10,000 parts, so the
         * default 8 MiB carries artifacts of up to about 78 GiB.
         *
         * @param bytes between 5 MiB (S3's smallest part) and 1 GiB; default 8 MiB
         * @return this builder
         * @throws InvalidArgumentException if it is out of range
         */
        public Builder partSize(int bytes) {
            if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
                throw new InvalidArgumentException("partSize must be between " + MIN_PART_SIZE + " and "
                        + MAX_PART_SIZE + " bytes, got " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /**
         * The clock that ages {@linkplain S3Storage#abandonedUploads abandoned uploads}; tests set their own.
         *
         * @param value the clock (default: the system's, UTC)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "value");
            return this;
        }

        /** For tests: copies larger than this go in parts of this size (S3's limit is 5 GiB). */
        Builder copyPartSize(long bytes) {
            this.copyPartSize = bytes;
            return this;
        }

        /** For tests: watches the client's requests. */
        Builder interceptor(ExecutionInterceptor value) {
            interceptors.add(value);
            return this;
        }

        /**
         * Creates the store (and its S3 client). Sends no request: a missing bucket or bad credentials show
         * on first use.
         *
         * @return the store; close it to close its client
         * @throws InvalidArgumentException if no bucket was given
         * @throws StorageException if the S3 client cannot be created (no region found, for one)
         */
        public S3Storage build() {
            if (bucket == null) {
                throw new InvalidArgumentException("an S3 store needs a bucket (S3Storage.builder().bucket(...))");
            }
            return new S3Storage(this);
        }
    }
}
