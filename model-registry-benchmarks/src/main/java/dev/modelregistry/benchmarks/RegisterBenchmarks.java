package dev.modelregistry.benchmarks;

import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Registration latency as a distribution (JMH {@code SampleTime}: read its p50 and p99), in a registry
 * of 10 versions and of 100,000, next to a raw floor with the same durable steps: a 1 KiB file
 * written, hashed and forced, moved atomically to a blob path, its directory fsynced, and one row
 * committed to a SQLite database of its own in WAL mode with {@code synchronous=FULL}. Each call
 * registers new bytes, so no call finds its blob already stored. The registry grows by what the run
 * registers (a few thousand versions), so the small case ends somewhat above 10.
 *
 * <p>JMH creates the states; not for use outside JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RegisterBenchmarks {
    /** Versions in the registry before the run: 10 in one model, or 100 in each of 1,000 models. */
    @Param({"10", "100000"})
    public int versions;

    private Path dir;
    private ModelRegistry registry;
    private Connection raw;
    private PreparedStatement rawInsert;
    private Path rawTmp;
    private Path rawBlobs;
    private final byte[] artifact = new byte[1024];
    private long counter;

    /** Creates the benchmark state (JMH needs a public no-argument constructor). */
    public RegisterBenchmarks() {
    }

    /**
     * Writes the fixture registry and opens it, and opens the raw floor's database.
     *
     * @throws IOException if the raw floor's directories cannot be made
     * @throws SQLException if the raw floor's database cannot be opened
     */
    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        dir = versions >= 100 ? LargeRegistry.create(versions / 100, 100) : LargeRegistry.create(1, versions);
        registry = ModelRegistry.open(dir);
        rawTmp = Files.createDirectories(dir.resolve("raw-tmp"));
        rawBlobs = Files.createDirectories(dir.resolve("raw-blobs"));
        raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
        try (Statement s = raw.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE version (id INTEGER PRIMARY KEY, digest TEXT NOT NULL, size INTEGER NOT NULL)");
        }
        rawInsert = raw.prepareStatement("INSERT INTO version (digest, size) VALUES (?, ?)");
    }

    /**
     * Closes both and deletes the directory.
     *
     * @throws SQLException if the raw database cannot be closed
     */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        rawInsert.close();
        raw.close();
        registry.close();
        LargeRegistry.delete(dir);
    }

    /** New bytes for each call, so that every call stores a new blob. */
    private byte[] nextArtifact() {
        long n = ++counter;
        for (int i = 0; i < 8; i++) {
            artifact[i] = (byte) (n >>> (8 * i));
        }
        return artifact;
    }

    /**
     * Registers a 1 KiB artifact as the next version of {@code model-0}.
     *
     * @return the new version
     */
    @Benchmark
    public ModelVersion register() {
        return registry.versions().register("model-0", nextArtifact(), ModelMetadata.of("bytes"));
    }

    /**
     * The raw floor: the same durable steps without the registry.
     *
     * @return the row count written
     * @throws IOException if a file step fails
     * @throws SQLException if the insert fails
     * @throws NoSuchAlgorithmException never (SHA-256 is always present)
     */
    @Benchmark
    public int rawFloor() throws IOException, SQLException, NoSuchAlgorithmException {
        byte[] bytes = nextArtifact();
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Path temp = rawTmp.resolve(hex + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(bytes));
            out.force(true);
        }
        Path shard = Files.createDirectories(rawBlobs.resolve(hex.substring(0, 2)));
        Files.move(temp, shard.resolve(hex), StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(shard, StandardOpenOption.READ)) {
            d.force(true);
        }
        rawInsert.setString(1, hex);
        rawInsert.setLong(2, bytes.length);
        return rawInsert.executeUpdate();
    }
}
