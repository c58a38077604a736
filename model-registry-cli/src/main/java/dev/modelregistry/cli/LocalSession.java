package dev.modelregistry.cli;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.archive.Backups;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.version.AuditTrail;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.core.ModelRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry opened in this JVM for one command: a directory, or a registry URI (PostgreSQL metadata with S3 or
 * local artifacts; see {@link ModelRegistry#builder(URI)}). Not thread-safe beyond what the registry is.
 */
final class LocalSession implements RegistrySession {
    /** The file that makes a directory a registry; see SqliteDatabase.FILE_NAME. */
    private static final String DATABASE = "registry.db";

    /** The environment variable holding the default registry URI ({@code --registry}). */
    static final String REGISTRY_ENV = "MODEL_REGISTRY";

    private final ModelRegistry registry;

    private LocalSession(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * Opens the registry at {@code root}.
     *
     * @param create whether a missing registry is created (register, import); otherwise a directory without a
     *     registry is reported as not found rather than silently turned into an empty registry
     */
    static LocalSession open(Path root, Optional<String> actor, boolean create) {
        return new LocalSession(openRegistry(root, actor, create));
    }

    /** Opens the registry {@code uri} names; same checks as {@link #open(Path, Optional, boolean)} for a directory. */
    static LocalSession open(URI uri, Optional<String> actor, boolean create) {
        return new LocalSession(openRegistry(uri, actor, create));
    }

    /**
     * The registry a URI names, for {@code serve} and {@link #open(URI, Optional, boolean)}, parsed and checked by
     * {@link ModelRegistry#builder(URI)}. A directory path or {@code file:} URI also gets {@code --root}'s check;
     * a PostgreSQL database cannot be told apart from an empty registry, so it is opened as named (its schema is
     * created or migrated on first open). The caller closes it.
     */
    static ModelRegistry openRegistry(URI uri, Optional<String> actor, boolean create) {
        if (!create) {
            embeddedDirectory(uri).ifPresent(dir -> requireRegistry(dir, "--registry or MODEL_REGISTRY"));
        }
        ModelRegistry.Builder builder;
        try {
            builder = ModelRegistry.builder(uri);
        } catch (IllegalArgumentException e) { // Path.of on a file: URI the JDK cannot map, e.g. file:relative
            throw new InvalidArgumentException("not a registry URI: " + uri + " (" + e.getMessage() + ")", e);
        }
        actor.ifPresent(builder::actor);
        return builder.open();
    }

    /** The directory of an embedded registry URI without parameters (others are left to the core's checks). */
    private static Optional<Path> embeddedDirectory(URI uri) {
        if (uri.getQuery() != null) {
            return Optional.empty();
        }
        if (uri.getScheme() == null) {
            return Optional.ofNullable(uri.getPath()).filter(p -> !p.isEmpty()).map(Path::of);
        }
        if (uri.getScheme().equals("file") && !uri.isOpaque()) {
            return Optional.of(Path.of(uri));
        }
        return Optional.empty();
    }

    /** The registry itself, for {@code serve}; same checks as {@link #open}. The caller closes it. */
    static ModelRegistry openRegistry(Path root, Optional<String> actor, boolean create) {
        if (!create) {
            requireRegistry(root, "--root or MODEL_REGISTRY_ROOT");
        }
        ModelRegistry.Builder builder = ModelRegistry.builder(root);
        actor.ifPresent(builder::actor);
        return builder.open();
    }

    /** Refuses a directory without a registry rather than silently turning it into an empty one. */
    private static void requireRegistry(Path dir, String named) {
        if (!Files.isRegularFile(dir.resolve(DATABASE))) {
            throw new NotFoundException("no registry at " + dir.toAbsolutePath().normalize()
                    + " (it has no " + DATABASE + "); check " + named);
        }
    }

    @Override
    public VersionManager versions() {
        return registry.versions();
    }

    @Override
    public Backups backups() {
        return registry.backups();
    }

    @Override
    public Deployer deployer() {
        return registry.deployer();
    }

    @Override
    public AuditTrail audit() {
        return registry.audit();
    }

    @Override
    public VerifyReport verify() {
        return registry.verify();
    }

    @Override
    public GcReport gc(Optional<Duration> grace, boolean force) {
        if (force) {
            return registry.gcForced(grace.orElse(Duration.ofHours(1))); // the registry's default grace
        }
        return grace.map(registry::gc).orElseGet(registry::gc);
    }

    @Override
    public void close() {
        registry.close();
    }
}
