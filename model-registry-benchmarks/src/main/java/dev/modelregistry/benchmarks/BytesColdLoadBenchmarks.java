package dev.modelregistry.benchmarks;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.codec.BytesModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cold load of an 8 MiB {@code bytes} model (caching off, so every load reads, checks and decodes the
 * artifact) next to its raw floor in the same run: reading the blob file with a {@code FileChannel} into
 * one array and computing its SHA-256, which is what a verified load must do at least.
 *
 * <p>JMH creates the state; not for use outside JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BytesColdLoadBenchmarks {
    private static final int SIZE = 8 * 1024 * 1024;
    private Path dir;
    private ModelRegistry registry;
    private ModelRef ref;
    private Path blob;

    /** Creates the benchmark state (JMH needs a public no-argument constructor). */
    public BytesColdLoadBenchmarks() {
    }

    /**
     * Opens a registry without a model cache and registers one random 8 MiB artifact.
     *
     * @throws IOException if the directory cannot be made or the blob found
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("model-registry-cold-bytes");
        registry = ModelRegistry.builder(dir).cacheMaxBytes(0).open();
        byte[] artifact = new byte[SIZE];
        new Random(1).nextBytes(artifact);
        ref = registry.versions().register("blob", artifact, ModelMetadata.of(BytesModel.FORMAT_ID)).ref();
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            blob = files.filter(p -> p.toFile().length() == SIZE).findFirst().orElseThrow();
        }
    }

    /**
     * Closes the registry and deletes the directory.
     *
     * @throws IOException if a file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        registry.close();
        BenchmarkFixtures.deleteTree(dir);
    }

    /**
     * Baseline: the blob read into one array through a {@code FileChannel}, then hashed.
     *
     * @return the digest
     * @throws IOException if reading fails
     * @throws NoSuchAlgorithmException never (SHA-256 is always present)
     */
    @Benchmark
    public byte[] rawReadAndHash() throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] bytes = new byte[SIZE];
        try (FileChannel ch = FileChannel.open(blob, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read until full
            }
        }
        sha.update(bytes);
        return sha.digest();
    }

    /**
     * A cold {@code load} of the {@code bytes} model: resolve, read, verify, decode.
     *
     * @return the model
     */
    @Benchmark
    public Object coldLoadBytes() {
        return registry.models().load(ref);
    }
}
