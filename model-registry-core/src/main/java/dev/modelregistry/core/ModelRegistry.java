package dev.modelregistry.core;

import dev.modelregistry.api.archive.SigningKeys;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.RegistryStateException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.evaluation.Evaluator;
import dev.modelregistry.api.loading.ModelLoader;
import dev.modelregistry.api.monitoring.Monitoring;
import dev.modelregistry.api.monitoring.ServingMetrics;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.training.service.TrainingService;
import dev.modelregistry.api.version.AuditTrail;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.deployment.DefaultDeployer;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.training.DefaultTrainingService;
import dev.modelregistry.core.training.Trainers;
import java.io.IOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.core.internal.io.Symlinks;
import dev.modelregistry.core.internal.io.StorageErrors;
import dev.modelregistry.core.internal.metadata.MetadataDatabase;
import dev.modelregistry.core.internal.RegistryUri;
import dev.modelregistry.core.internal.metadata.Dialect;
import dev.modelregistry.core.internal.metadata.PostgresDatabase;
import dev.modelregistry.core.internal.metadata.SqliteDatabase;
import dev.modelregistry.core.internal.metadata.SqlVersionManager;
import dev.modelregistry.core.internal.metadata.SqlDeploymentStore;
import dev.modelregistry.core.internal.metadata.SqlHostMetricsStore;
import dev.modelregistry.core.internal.metadata.SqlOutcomeStore;
import dev.modelregistry.core.internal.metadata.AuditLog;
import dev.modelregistry.core.internal.metadata.RegistryIdentity;
import dev.modelregistry.core.internal.metadata.RegistryContext;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;
import dev.modelregistry.api.archive.Backups;
import dev.modelregistry.core.internal.archive.RegistryBackups;
import dev.modelregistry.core.internal.archive.ExportJournal;
import dev.modelregistry.core.internal.archive.IsolatedLoadCheck;
import dev.modelregistry.core.internal.archive.RegistryKeys;
import dev.modelregistry.core.internal.loading.CachingModelLoader;
import dev.modelregistry.core.internal.loading.Codecs;
import dev.modelregistry.core.internal.housekeeping.Housekeeping;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.maintenance.CacheStats;
import dev.modelregistry.api.archive.ArchiveLimits;

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
 * Embedded (the default): {@code registry.db} (SQLite, WAL) holds all metadata;
 * {@code blobs/sha256/ab/abcdef…} the artifacts, named by SHA-256; {@code tmp/} writes in progress;
 * {@code backups/} automatic backups. Nothing is written outside it. Several processes may open the same
 * directory at once.
 *
 * <p>Shared ({@link Builder#postgres} and, usually, {@link Builder#storage} on S3): the metadata is in the
 * PostgreSQL database and the artifacts in the given store, both shared by every host; each host keeps its
 * own directory for what stays local: {@code blobs/registry.id} (the identity marker, checked against the
 * database's), {@code tmp/}, {@code backups/} (automatic backups before deletes) and, without a store of
 * its own, {@code blobs/} for the artifacts. See docs/shared-backends.md.
 *
 * <p>Thread-safe. Closing it closes the database and empties the model cache; services used after
 * that throw {@link dev.modelregistry.api.RegistryClosedException}.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final Path root;
    private final String id;
    private final RegistryKeys keys;
    private final MetadataDatabase db;
    private final ModelStorage storage;
    private final SqlVersionManager versions;
    private final CachingModelLoader loader;
    private final AuditLog audit;
    private final RegistryBackups backups;
    private final Housekeeping housekeeping;
    private final DefaultTrainingService training;
    private final DefaultDeployer deployer;
    /** The executors the registry made itself (none given to its builder): it shuts these down, and only these. */
    private final java.util.List<ExecutorService> ownExecutors = new java.util.ArrayList<>();
    private final Evaluator evaluator = new DefaultEvaluator();
    private final Duration gcGrace;
    /** Closes the artifact store the builder opened from a URI, if it did. */
    private final Runnable closeOwnedStorage;

    private ModelRegistry(Builder b) {
        this.closeOwnedStorage = b::closeOwnedStorage;
        this.root = b.root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StorageException("cannot create registry directory " + root + ": " + e.getMessage(), e);
        }
        Path database = root.resolve(SqliteDatabase.FILE_NAME);
        for (String name : new String[] {SqliteDatabase.FILE_NAME, SqliteDatabase.FILE_NAME + "-wal",
                SqliteDatabase.FILE_NAME + "-shm", "backups"}) {
            Symlinks.requireNone(root.resolve(name), false);
        }
        if (b.storage != null) {
            // Blobs live elsewhere; the directory still holds the database, temp files, backups and keys.
            this.storage = b.storage;
            try {
                Symlinks.requireNone(root.resolve("tmp"), false);
                Files.createDirectories(root.resolve("tmp"));
                Files.createDirectories(root.resolve("blobs"));
            } catch (IOException e) {
                throw StorageErrors.io("cannot create the registry's directories under " + root, e);
            }
        } else {
            this.storage = FileSystemModelStorage.open(root, b.allowLinkedBlobDirectory);
        }
        Path marker = root.resolve("blobs").resolve(RegistryIdentity.MARKER_FILE);
        java.util.function.BooleanSupplier anyBlobs = () -> {
            try (java.util.stream.Stream<?> blobs = storage.list()) {
                return blobs.findAny().isPresent();
            }
        };
        String where;
        if (b.postgres == null) {
            RegistryIdentity.checkBeforeOpen(root, database, marker, anyBlobs);
            MetadataDatabase.Opened<SqliteDatabase, String> opened = SqliteDatabase.open(database, b.busyTimeout,
                    tx -> RegistryIdentity.checkInDatabase(tx, root, marker, anyBlobs, b.clock.instant(),
                            Dialect.SQLITE));
            this.db = opened.database();
            this.id = opened.checked();
            where = root.toString();
        } else {
            MetadataDatabase.Opened<PostgresDatabase, String> opened = openPostgres(b.postgres, root, marker, anyBlobs, b.clock);
            this.db = opened.database();
            this.id = opened.checked();
            where = b.postgres + " (local files in " + root + ")";
        }
        // Everything below can still fail (a duplicate trainer id, an unreadable key): a failed open
        // must not leave the database open.
        try {
            RegistryIdentity.ensureMarker(marker, root.resolve("tmp"), this.id);
            RegistryContext ctx = new RegistryContext(db, storage, b.clock, b.actor);
            Path backupDir = root.resolve("backups");
            ExportJournal exports = new ExportJournal(root.resolve("tmp").resolve("exports"));
            this.keys = RegistryKeys.open(root, b.signingKey, b.trustedKeys);
            Trainers trainers = Trainers.discover(b.classLoader);
            // Trained models need the trainers to decode: the bundle codec is built here, not by ServiceLoader.
            Codecs codecs = Codecs.discover(b.classLoader, trainers);
            this.backups = new RegistryBackups(ctx, backupDir, b.backupKeepCount, b.backupKeepAge, exports, b.archiveLimits, keys,
                    new IsolatedLoadCheck(codecs, root.resolve("tmp")));
            this.versions = new SqlVersionManager(ctx, backups.automatic());
            this.loader = new CachingModelLoader(versions, db.changes(), storage, codecs, b.cacheMaxBytes);
            // The cache reads through the version manager and drops a model's entries when it changes.
            versions.onModelChanged(loader::invalidateModel);
            this.audit = new AuditLog(db);
            this.housekeeping = new Housekeeping(ctx, root, backupDir, exports, b.allowLinkedBlobDirectory,
                    b.gcMaxOrphanShare);
            this.training = b.executor != null
                    ? new DefaultTrainingService(trainers, versions, b.clock, b.executor)
                    : new DefaultTrainingService(trainers, versions, b.clock);
            Executor executor = b.executor != null ? b.executor : own(DefaultDeployer.newDefaultExecutor());
            ScheduledExecutorService scheduler = b.scheduler != null ? b.scheduler
                    : own(DefaultDeployer.newDefaultScheduler());
            this.deployer = new DefaultDeployer(new SqlDeploymentStore(ctx), new SqlOutcomeStore(db),
                    new SqlHostMetricsStore(db), versions,
                    storage, loader, b.clock, executor, scheduler,
                    b.servingMetrics, b.monitoringWindow, b.requirePassingEvaluation, b.outcomeMaxAge,
                    b.outcomeMaxRows);
            deployer.followChanges(b.followDeploymentsEvery);
            this.gcGrace = b.gcGrace;
        } catch (RuntimeException e) {
            ownExecutors.forEach(ExecutorService::shutdown);
            db.close();
            throw e;
        }
        LOG.info("opened model registry at {}", where);
    }

    private static MetadataDatabase.Opened<PostgresDatabase, String> openPostgres(Postgres pg, Path root, Path marker,
            java.util.function.BooleanSupplier anyBlobs, Clock clock) {
        try {
            return PostgresDatabase.open(pg.url(), pg.user(), pg.password(), pg.poolSize(),
                    tx -> RegistryIdentity.checkBeforeMigrating(tx, root, pg.toString(), marker, anyBlobs),
                    tx -> RegistryIdentity.checkInDatabase(tx, root, marker, anyBlobs, clock.instant(),
                            Dialect.POSTGRESQL));
        } catch (NoClassDefFoundError e) {
            throw new dev.modelregistry.api.RegistryStateException("a PostgreSQL registry needs the PostgreSQL JDBC"
                    + " driver, HikariCP and Flyway on the class path: depend on"
                    + " dev.modelregistry:model-registry-postgres (missing: " + e.getMessage() + ")", e);
        }
    }

    private <E extends ExecutorService> E own(E executor) {
        ownExecutors.add(executor);
        return executor;
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
     * Opens the registry a URI names, with default settings otherwise: a directory path or {@code file:} URI
     * for the embedded registry, or
     * {@code postgresql://host:port/database?dir=PATH&user=NAME&passwordEnv=VAR&storage=s3://bucket/prefix&endpoint=URL}
     * for a shared one (see {@link #builder(URI)}).
     *
     * @param uri the registry URI
     * @return the open registry
     * @throws dev.modelregistry.api.InvalidArgumentException if the URI is malformed or names something unknown
     * @throws StorageException if the registry cannot be opened
     */
    public static ModelRegistry open(URI uri) {
        return builder(uri).open();
    }

    /**
     * Starts configuring the registry a URI names. A directory path (no scheme) or {@code file:} URI is the
     * embedded registry in that directory. {@code postgresql://host[:port]/database} takes parameters:
     * {@code dir} (required: the host's directory for its identity marker, temp files and automatic backups),
     * {@code user}, {@code passwordEnv} (the environment variable holding the password; {@code PGPASSWORD}
     * is read otherwise, and a {@code password} parameter is refused), {@code storage} (a store URI such as
     * {@code s3://bucket/prefix}, opened by the {@link dev.modelregistry.api.storage.ModelStorageProvider}
     * of its scheme and closed with the registry; {@code endpoint} and {@code region} go to it),
     * {@code poolSize}, and {@code jdbc.NAME} for driver options. Unknown parameters are refused.
     *
     * @param uri the registry URI
     * @return a builder with those settings and the defaults otherwise
     * @throws dev.modelregistry.api.InvalidArgumentException if the URI is malformed or names something unknown
     */
    public static Builder builder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        return builder(uri, System::getenv);
    }

    /** {@link #builder(URI)} with the environment given, for tests. */
    static Builder builder(URI uri, java.util.function.UnaryOperator<String> env) {
        RegistryUri.Parsed parsed = RegistryUri.parse(uri, env);
        Builder b = builder(parsed.dir());
        parsed.storage().ifPresent(b::ownedStorage); // first, so that the builder owns it if a setting fails
        try {
            parsed.postgres().ifPresent(pg -> {
                b.postgres(pg.jdbcUrl(), pg.user(), pg.password());
                pg.poolSize().ifPresent(b::postgresPoolSize);
            });
        } catch (RuntimeException e) {
            b.closeOwnedStorage();
            throw e;
        }
        return b;
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
     * Deployments to environments, their endpoints and canary analysis. Endpoints serve the cache's copy of
     * a model and hold a reference to it, so an eviction never frees a model that is serving; the model is
     * released once neither the cache nor an endpoint nor a caller of {@code load()} holds it.
     *
     * @return the deployer
     */
    public Deployer deployer() {
        return deployer;
    }

    /**
     * Metrics, drift and alerts of the deployments serving in this process.
     *
     * @return the monitoring
     */
    public Monitoring monitoring() {
        return deployer.monitoring();
    }

    /**
     * Metrics, stability, the composite score and the deployment recommendation, plus the domains the
     * options turn on (market metrics with {@code MarketOptions}).
     * Store a report on a version with {@link dev.modelregistry.core.evaluation.EvaluationReports#store}.
     *
     * @return the evaluator
     */
    public Evaluator evaluator() {
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
     * Runs work on this thread with {@code actor} as the actor the audit trail, alias history and deployment
     * events name, instead of the registry's configured {@link Builder#actor(String) actor}. A server serving
     * many principals through one registry calls this around each request. The scope covers the calling
     * thread only: work the services hand to other threads (training jobs, canary steps) records the
     * registry's actor. Scopes nest; the previous actor is restored afterwards.
     *
     * @param actor a non-blank name, such as a token's principal
     * @param work what to run
     * @param <T> the result type
     * @return what work returned
     */
    public <T> T callAs(String actor, java.util.function.Supplier<T> work) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(work, "work");
        if (actor.isBlank()) {
            throw new InvalidArgumentException("actor must not be blank");
        }
        return dev.modelregistry.core.internal.metadata.ScopedActor.call(actor, work);
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
     * Removes leftover temp files (of blob writes, automatic backups and exports that died) and
     * blobs no live version references, once they are older than the grace period (see
     * {@link Builder#gcGracePeriod}). Deleted versions' blobs were kept in an automatic backup when
     * they were deleted. A blob is never removed while a version needs it, whatever the grace: see
     * "Garbage collection" in docs/storage-and-versions.md.
     *
     * @return what was removed
     * @throws RegistryStateException if the run would remove more orphaned blobs (named by no
     *         version, live or deleted) than {@link Builder#gcMaxOrphanShare} allows; nothing is removed
     */
    public GcReport gc() {
        return housekeeping.gc(gcGrace, false);
    }

    /**
     * Like {@link #gc()} with an explicit grace period. Blobs that versions need are safe whatever
     * the grace; {@link Duration#ZERO} also removes unreferenced blobs and temp files that another
     * process may be about to use (a direct {@code storage().write()}, a write in flight).
     *
     * @param grace leave leftovers younger than this, by the system clock
     * @return what was removed
     * @throws RegistryStateException as {@link #gc()}
     */
    public GcReport gc(Duration grace) {
        return housekeeping.gc(requireGrace(grace), false);
    }

    /**
     * Like {@link #gc(Duration)}, but without the limit on orphaned blobs: for when {@code gc} refused
     * and you have checked that those blobs really are garbage.
     *
     * @param grace leave leftovers younger than this, by the system clock
     * @return what was removed
     */
    public GcReport gcForced(Duration grace) {
        GcReport report = housekeeping.gc(requireGrace(grace), true);
        LOG.warn("forced gc of {}: {}", root, report);
        return report;
    }

    private static Duration requireGrace(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new InvalidArgumentException("grace period must not be negative, got " + grace);
        }
        return grace;
    }

    /**
     * The public half of this registry's signing key, which signs every archive it writes. Give it
     * (as {@link SigningKeys#encode} text, the content of {@code keys/ed25519.pub}) to registries that
     * should accept this one's archives: {@link Builder#trustKey}.
     *
     * @return the public key
     */
    public java.security.PublicKey publicKey() {
        return keys.own().getPublic();
    }

    /**
     * This registry's identity, kept in its database and beside its blobs so that a lost or foreign
     * database is refused at open instead of being taken for an empty registry.
     *
     * @return the registry's id (a UUID)
     */
    public String id() {
        return id;
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
    MetadataDatabase database() {
        return db;
    }

    /** Closes the database and releases every cached model. Idempotent. */
    @Override
    public void close() {
        deployer.close();
        ownExecutors.forEach(ExecutorService::shutdown);
        training.close();
        loader.clear();
        db.close();
        closeOwnedStorage.run();
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
        private Executor executor;
        private ScheduledExecutorService scheduler;
        private int monitoringWindow = DefaultDeployer.DEFAULT_WINDOW;
        private Duration outcomeMaxAge = DefaultDeployer.DEFAULT_OUTCOME_MAX_AGE;
        private long outcomeMaxRows = DefaultDeployer.DEFAULT_OUTCOME_MAX_ROWS;
        private Set<String> requirePassingEvaluation = Set.of("production");
        private boolean allowLinkedBlobDirectory;
        private double gcMaxOrphanShare = 0.5;
        private ArchiveLimits archiveLimits = ArchiveLimits.defaults();
        private ModelStorage storage;
        /** A store the builder opened from a URI: the registry closes it. */
        private AutoCloseable ownedStorage;
        private Postgres postgres;
        private Duration followDeploymentsEvery = Duration.ofMillis(500);
        private java.security.KeyPair signingKey;
        private final java.util.List<java.security.PublicKey> trustedKeys = new java.util.ArrayList<>();

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
         * Sets the clock that stamps versions, aliases, audit rows and alerts (and times alert cool-downs).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the environments that require a passing evaluation (by default {@code "production"} alone).
         * Deploying into one of them, or promoting a candidate there, is refused with an
         * {@link dev.modelregistry.api.deployment.EvaluationGateException} when the version's stored
         * evaluation recommends REJECT or is missing, unless the spec carries
         * {@link dev.modelregistry.api.deployment.DeploymentSpec#withEvaluationOverride(String) an override},
         * which is audited. Replaces the default set; an empty set turns the gate off.
         *
         * @param environments environment names
         * @return this builder
         * @throws InvalidArgumentException if a name is not a valid environment name
         */
        public Builder requirePassingEvaluation(Set<String> environments) {
            Objects.requireNonNull(environments, "environments");
            environments.forEach(Names::requireEnvironmentName);
            this.requirePassingEvaluation = Set.copyOf(environments);
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
         * Reports every request an endpoint serves (outcome, latency, prediction, by environment and version)
         * to a metrics system besides the registry's own monitoring. For Micrometer, pass
         * {@code new dev.modelregistry.core.micrometer.MicrometerServingMetrics(meterRegistry)} (and add the
         * optional dependency {@code io.micrometer:micrometer-core}).
         *
         * @param value the metrics binding; {@link ServingMetrics#NONE} by default
         * @return this builder
         */
        public Builder servingMetrics(ServingMetrics value) {
            this.servingMetrics = Objects.requireNonNull(value, "servingMetrics");
            return this;
        }

        /**
         * Runs background work on this executor: asynchronous training jobs ({@code trainAsync}) and shadow
         * scoring. Without it, training jobs get daemon threads of their own and shadows a pool of up to two
         * daemon threads. The registry never shuts it down. A shadow task it rejects drops that shadow row, as
         * a full queue does in the registry's pool; a training job it rejects fails its {@code trainAsync}
         * call. Tests pass an executor that runs tasks when they say so.
         *
         * @param value the executor
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Runs scheduled work ({@link Deployer#scheduleChecks}) on this scheduler instead of the registry's own
         * daemon thread. Closing the registry cancels what it scheduled but never shuts the scheduler down.
         * Tests pass a scheduler whose clock they move by hand.
         *
         * @param value the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * How long, and how many, predictions served with a request id are kept in the registry database for
         * their outcomes ({@code Monitoring.recordOutcome}) and live accuracy. Older ones, and the oldest
         * beyond the count, are deleted in batches by the background writer (about once a minute while
         * serving), with or without an outcome; an outcome for a deleted prediction is refused. Defaults:
         * 90 days, 5 million predictions (a few hundred megabytes at most).
         *
         * @param maxAge positive
         * @param maxRows at least 1
         * @return this builder
         */
        public Builder outcomeRetention(Duration maxAge, long maxRows) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero() || maxRows < 1) {
                throw new InvalidArgumentException("outcome retention needs a positive age and at least 1 row, got "
                        + maxAge + " and " + maxRows);
            }
            this.outcomeMaxAge = maxAge;
            this.outcomeMaxRows = maxRows;
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
         * Keeps the artifacts in this store instead of {@code <root>/blobs}: the seam for other
         * backends. The store must keep the {@link ModelStorage} contract (the testkit's
         * {@code ModelStorageContract} checks it); the registry publishes blobs inside its write
         * transactions and gc deletes them inside its own, so reuse stays safe with any store.
         *
         * @param value the artifact store
         * @return this builder
         */
        public Builder storage(ModelStorage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /**
         * How often endpoints in this process ask whether another process or host changed a deployment
         * (promote, ramp, rollback, undeploy), to follow it: one indexed query each time, from the first
         * endpoint this process uses. Default 500 ms, so a change made elsewhere serves here within about a
         * second plus the time to load its model. On PostgreSQL the database also announces each change
         * (LISTEN/NOTIFY), which brings it in about 0.1 s; the poll is then the fallback.
         *
         * @param every the polling period, positive
         * @return this builder
         * @throws dev.modelregistry.api.InvalidArgumentException if the period is not positive
         */
        public Builder followDeploymentsEvery(Duration every) {
            Objects.requireNonNull(every, "every");
            if (every.isNegative() || every.isZero()) {
                throw new dev.modelregistry.api.InvalidArgumentException("the follow period must be positive, got "
                        + every);
            }
            this.followDeploymentsEvery = every;
            return this;
        }

        /**
         * Keeps the metadata in a PostgreSQL database (14 or newer) instead of {@code <root>/registry.db}, so
         * that many hosts share one registry. Each host still has its own directory ({@code root}) for temp
         * files, keys and automatic backups; give every host the same artifact store with
         * {@link #storage(ModelStorage)} (an S3 bucket, say). The schema is created and migrated on open
         * (Flyway; hosts that start at once migrate once). Write transactions of all hosts run one at a time,
         * so version numbers, alias moves and audit rows never interleave.
         *
         * <p>The database must be empty or a registry's: a database that is new or was emptied while this
         * directory's identity marker or the artifact store says a registry lived there is refused, as a lost
         * {@code registry.db} is. The PostgreSQL JDBC driver and HikariCP must be on the class path: depend on
         * {@code dev.modelregistry:model-registry-postgres}, which brings them.
         *
         * @param jdbcUrl the database, {@code jdbc:postgresql://host:port/database} (driver options allowed)
         * @param user the user to connect as, or empty to take it from the URL
         * @param password the password, or empty
         * @return this builder
         * @throws dev.modelregistry.api.InvalidArgumentException if the URL is not a PostgreSQL JDBC URL
         */
        public Builder postgres(String jdbcUrl, String user, String password) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new dev.modelregistry.api.InvalidArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql:"
                        + "//host:port/database): " + jdbcUrl.replaceAll("password=[^&]*", "password=***"));
            }
            this.postgres = new Postgres(jdbcUrl, user, password, postgres == null ? 10 : postgres.poolSize());
            return this;
        }

        /**
         * Bounds the connections this process keeps to PostgreSQL (default 10). Only with {@link #postgres}.
         *
         * @param connections at least 1
         * @return this builder
         * @throws IllegalStateException if {@link #postgres} was not called first
         */
        public Builder postgresPoolSize(int connections) {
            if (postgres == null) {
                throw new IllegalStateException("call postgres(url, user, password) before postgresPoolSize");
            }
            if (connections < 1) {
                throw new dev.modelregistry.api.InvalidArgumentException("pool size must be >= 1, got " + connections);
            }
            this.postgres = new Postgres(postgres.url(), postgres.user(), postgres.password(), connections);
            return this;
        }

        /**
         * Lets {@code <root>/blobs} be a symbolic link, to keep the artifacts on another disk. Every
         * other symbolic link under the root is still refused at open and reported by
         * {@link ModelRegistry#verify()}.
         *
         * @return this builder
         */
        public Builder allowLinkedBlobDirectory() {
            this.allowLinkedBlobDirectory = true;
            return this;
        }

        /**
         * The largest share of all blobs that one {@link ModelRegistry#gc()} may remove as orphans
         * (blobs that no version, live or deleted, names) before it refuses; 0.5 by default. A run over
         * the limit looks like a lost database, not garbage. Up to 10 orphans are always removable (crashed
         * registrations leave a few). {@link ModelRegistry#gcForced} ignores the limit.
         *
         * @param share from 0 to 1
         * @return this builder
         */
        public Builder gcMaxOrphanShare(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new InvalidArgumentException("the orphan share must be between 0 and 1, got " + share);
            }
            this.gcMaxOrphanShare = share;
            return this;
        }

        /**
         * Signs archives with this key pair instead of the one in {@code keys/ed25519.key} (made on
         * first open). For keys kept in a key store or a secrets manager.
         *
         * @param keyPair an Ed25519 key pair
         * @return this builder
         */
        public Builder signingKey(java.security.KeyPair keyPair) {
            Objects.requireNonNull(keyPair, "keyPair");
            if (!SigningKeys.ALGORITHM.equals(keyPair.getPublic().getAlgorithm())
                    && !"EdDSA".equals(keyPair.getPublic().getAlgorithm())) {
                throw new InvalidArgumentException("the signing key must be Ed25519, got "
                        + keyPair.getPublic().getAlgorithm());
            }
            this.signingKey = keyPair;
            return this;
        }

        /**
         * Accepts archives signed by this key, besides the registry's own key and the retired keys in
         * {@code keys/retired/*.pub}. Call once per key.
         *
         * @param publicKey an Ed25519 public key, for example {@code SigningKeys.decodePublicKey(text)}
         * @return this builder
         */
        public Builder trustKey(java.security.PublicKey publicKey) {
            this.trustedKeys.add(Objects.requireNonNull(publicKey, "publicKey"));
            return this;
        }

        /**
         * Caps on what an imported archive may declare.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder archiveLimits(ArchiveLimits limits) {
            this.archiveLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Opens the registry.
         *
         * @return the open registry
         * @throws StorageException if the directory or database cannot be opened
         */
        public ModelRegistry open() {
            try {
                return new ModelRegistry(this);
            } catch (RuntimeException e) {
                closeOwnedStorage();
                throw e;
            }
        }

        /** Keeps the artifacts in a store this builder opened (from a URI); the registry closes it. */
        Builder ownedStorage(ModelStorage value) {
            storage(value);
            this.ownedStorage = value instanceof AutoCloseable c ? c : null;
            return this;
        }

        void closeOwnedStorage() {
            if (ownedStorage != null) {
                try {
                    ownedStorage.close();
                } catch (Exception e) {
                    LOG.warn("cannot close the artifact store {}: {}", ownedStorage, e.getMessage(), e);
                }
            }
        }
    }

    /** Where a shared registry's metadata lives; the password is never printed. */
    private record Postgres(String url, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return url.replaceAll("password=[^&]*", "password=***");
        }
    }
}
