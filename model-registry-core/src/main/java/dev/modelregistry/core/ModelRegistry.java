package dev.modelregistry.core;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ModelLoader;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.version.AuditTrail;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.deployment.DefaultDeployer;
import dev.modelregistry.core.deployment.MicrometerServingMetrics;
import dev.modelregistry.core.deployment.ServingMetrics;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.training.TrainingService;
import dev.modelregistry.core.training.BundleCodec;
import dev.modelregistry.core.training.Trainers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded model registry in one directory: open it, use its services, close it.
 *
 * <pre>{@code
 * try (ModelRegistry registry = ModelRegistry.open(Path.of("registry"))) {
 *     ModelVersion v = registry.versions().register("spx-next-day", bytes, ModelMetadata.of("bytes"));
 *     registry.versions().setAlias("spx-next-day", "champion", v.version());
 *     LoadedModel m = registry.models().load(ModelRef.parse("spx-next-day@champion"));
 * }
 * }</pre>
 *
 * <h2>Layout of the directory</h2>
 * {@code registry.db} (SQLite, WAL) holds all metadata; {@code blobs/sha256/ab/abcdef…} the artifacts,
 * named by SHA-256; {@code tmp/} writes in progress; {@code backups/} automatic backups. Nothing is
 * written outside it. Several processes may open the same directory at once.
 *
 * <p>Thread-safe. Closing it closes the database and empties the model cache; services used after
 * that throw {@link dev.modelregistry.api.RegistryClosedException}.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    static final String DATABASE_FILE = "registry.db";

    private final Path root;
    private final Database db;
    private final FileSystemModelStorage storage;
    private final SqliteVersionManager versions;
    private final CachingModelLoader loader;
    private final AuditLog audit;
    private final Backups backups;
    private final Housekeeping housekeeping;
    private final TrainingService training;
    private final DefaultDeployer deployer;
    private final DefaultEvaluator evaluator = new DefaultEvaluator();
    private final Duration gcGrace;

    private ModelRegistry(Builder b) {
        this.root = b.root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StorageException("cannot create registry directory " + root + ": " + e.getMessage(), e);
        }
        this.storage = FileSystemModelStorage.open(root);
        this.db = Database.open(root.resolve(DATABASE_FILE), b.busyTimeout);
        RegistryContext ctx = new RegistryContext(db, storage, b.clock, b.actor);
        // The version manager calls backups and the cache, which themselves need the version manager:
        // one-element holders close the loop before any call can happen.
        Backups[] backupRef = new Backups[1];
        CachingModelLoader[] loaderRef = new CachingModelLoader[1];
        this.versions = new SqliteVersionManager(ctx,
                (operation, model, numbers) -> backupRef[0].automatic(operation, model, numbers),
                model -> loaderRef[0].invalidateModel(model));
        this.backups = new Backups(ctx, versions, root.resolve("backups"), b.backupKeepCount, b.backupKeepAge);
        backupRef[0] = backups;
        Trainers trainers = Trainers.discover(b.classLoader);
        // Trained models need the trainers to decode: the bundle codec is built here, not by ServiceLoader.
        Codecs codecs = Codecs.discover(b.classLoader, java.util.List.of(new BundleCodec(trainers)));
        this.loader = new CachingModelLoader(versions, storage, codecs, b.cacheMaxBytes);
        loaderRef[0] = loader;
        this.audit = new AuditLog(db);
        this.housekeeping = new Housekeeping(ctx, storage);
        this.training = new TrainingService(trainers, versions, b.clock);
        this.deployer = new DefaultDeployer(new SqliteDeploymentStore(ctx), versions, storage,
                new ServingModelLoader(versions, storage, codecs), b.clock,
                b.servingMetrics, b.monitoringWindow);
        this.gcGrace = b.gcGrace;
        LOG.info("opened model registry at {}", root);
    }

    /**
     * Opens (creating if needed) a registry with default settings.
     *
     * @param root the registry's directory
     * @return the open registry
     * @throws StorageException if the directory or database cannot be opened
     */
    public static ModelRegistry open(Path root) {
        return builder(root).open();
    }

    /**
     * Starts configuring a registry.
     *
     * @param root the registry's directory
     * @return a builder with the defaults
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /**
     * Versions, aliases, tags and search.
     *
     * @return the version manager
     */
    public VersionManager versions() {
        return versions;
    }

    /**
     * The artifact store (content-addressed blobs).
     *
     * @return the storage
     */
    public ModelStorage storage() {
        return storage;
    }

    /**
     * Loads models by reference, through the cache.
     *
     * @return the loader
     */
    public ModelLoader models() {
        return loader;
    }

    /**
     * Training, validation and registration of trained models, with the trainers on the class path.
     *
     * @return the training service
     */
    public TrainingService training() {
        return training;
    }

    /**
     * Deployments to environments, their endpoints, monitoring and canary analysis. Endpoints serve
     * private copies of their models (not the shared cache), released after their last request.
     *
     * @return the deployer
     */
    public DefaultDeployer deployer() {
        return deployer;
    }

    /**
     * Metrics, stock metrics, stability, the composite score and the deployment recommendation.
     * Store a report on a version with {@link dev.modelregistry.core.evaluation.EvaluationReports#store}.
     *
     * @return the evaluator
     */
    public DefaultEvaluator evaluator() {
        return evaluator;
    }

    /**
     * Who changed what, and when.
     *
     * @return the audit trail
     */
    public AuditTrail audit() {
        return audit;
    }

    /**
     * Export, import and automatic backups.
     *
     * @return the backup service
     */
    public Backups backups() {
        return backups;
    }

    /**
     * Reads and hashes every live artifact and lists missing or corrupt blobs, unreferenced blobs
     * and leftover temp files. Changes nothing.
     *
     * @return the findings
     */
    public VerifyReport verify() {
        return housekeeping.verify();
    }

    /**
     * Removes leftover temp files and blobs no live version references, once they are older than the
     * grace period (see {@link Builder#gcGracePeriod}). Deleted versions' blobs were kept in an
     * automatic backup when they were deleted.
     *
     * @return what was removed
     */
    public GcReport gc() {
        return housekeeping.gc(gcGrace);
    }

    /**
     * Like {@link #gc()} with an explicit grace period; {@link Duration#ZERO} removes everything
     * unreferenced now (only safe when no other process is writing).
     *
     * @param grace leave leftovers younger than this
     * @return what was removed
     */
    public GcReport gc(Duration grace) {
        if (grace.isNegative()) {
            throw new InvalidArgumentException("grace period must not be negative, got " + grace);
        }
        return housekeeping.gc(grace);
    }

    /**
     * The loaded-model cache's statistics.
     *
     * @return a snapshot
     */
    public CacheStats cacheStats() {
        return loader.stats();
    }

    /**
     * The registry's directory.
     *
     * @return the absolute path
     */
    public Path root() {
        return root;
    }

    /** For tests: sees every SQL statement the registry runs. */
    Database database() {
        return db;
    }

    /** Closes the database and releases every cached model. Idempotent. */
    @Override
    public void close() {
        deployer.close();
        training.close();
        loader.clear();
        db.close();
        LOG.info("closed model registry at {}", root);
    }

    /**
     * Configures a {@link ModelRegistry}. Each setter validates its value. Not thread-safe.
     */
    public static final class Builder {
        private final Path root;
        private long cacheMaxBytes = 256L * 1024 * 1024;
        private Clock clock = Clock.systemUTC();
        private String actor = System.getProperty("user.name", "unknown");
        private Duration busyTimeout = Duration.ofSeconds(30);
        private Duration gcGrace = Duration.ofHours(1);
        private int backupKeepCount = 100;
        private Duration backupKeepAge = Duration.ofDays(30);
        private ClassLoader classLoader = ModelRegistry.class.getClassLoader();
        private ServingMetrics servingMetrics = ServingMetrics.NONE;
        private int monitoringWindow = DefaultDeployer.DEFAULT_WINDOW;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /**
         * Bounds the loaded-model cache.
         *
         * @param bytes the most bytes of loaded models to keep, at least 0 (0 disables caching)
         * @return this builder
         */
        public Builder cacheMaxBytes(long bytes) {
            if (bytes < 0) {
                throw new InvalidArgumentException("cache size must be >= 0 bytes, got " + bytes);
            }
            this.cacheMaxBytes = bytes;
            return this;
        }

        /**
         * Sets the clock that stamps versions, aliases and audit rows.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets who the audit trail names for changes made through this registry.
         *
         * @param value a non-blank name, such as a user or service
         * @return this builder
         */
        public Builder actor(String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidArgumentException("actor must not be blank");
            }
            this.actor = value;
            return this;
        }

        /**
         * How long a write waits for another process's write to finish before failing.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder busyTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new InvalidArgumentException("busy timeout must be positive, got " + value);
            }
            this.busyTimeout = value;
            return this;
        }

        /**
         * How old an unreferenced blob or temp file must be before {@link ModelRegistry#gc()} removes it.
         *
         * @param value zero or more
         * @return this builder
         */
        public Builder gcGracePeriod(Duration value) {
            if (value.isNegative()) {
                throw new InvalidArgumentException("grace period must not be negative, got " + value);
            }
            this.gcGrace = value;
            return this;
        }

        /**
         * Retention of automatic backups: keep at most {@code count}, none older than {@code age}.
         *
         * @param count at least 1
         * @param age a positive duration
         * @return this builder
         */
        public Builder backupRetention(int count, Duration age) {
            if (count < 1) {
                throw new InvalidArgumentException("keep at least 1 backup, got " + count);
            }
            if (age.isNegative() || age.isZero()) {
                throw new InvalidArgumentException("backup age must be positive, got " + age);
            }
            this.backupKeepCount = count;
            this.backupKeepAge = age;
            return this;
        }

        /**
         * The class loader in which codecs and trainer providers are looked up.
         *
         * @param value the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        /**
         * Binds endpoint metrics (requests, errors, latency, predictions, tagged by environment and
         * version) to a Micrometer registry. Micrometer is an optional dependency: add
         * {@code io.micrometer:micrometer-core} to use this.
         *
         * @param registry the meter registry
         * @return this builder
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.servingMetrics = new MicrometerServingMetrics(Objects.requireNonNull(registry, "registry"));
            return this;
        }

        /**
         * How many recent requests each deployment's monitoring window keeps (latency percentiles, drift).
         *
         * @param requests at least 10
         * @return this builder
         */
        public Builder monitoringWindow(int requests) {
            if (requests < 10) {
                throw new InvalidArgumentException("the monitoring window must hold at least 10 requests, got "
                        + requests);
            }
            this.monitoringWindow = requests;
            return this;
        }

        /**
         * Opens the registry.
         *
         * @return the open registry
         * @throws StorageException if the directory or database cannot be opened
         */
        public ModelRegistry open() {
            return new ModelRegistry(this);
        }
    }
}
