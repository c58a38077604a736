package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.RegistryStateException;
import dev.modelregistry.api.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.modelregistry.core.internal.io.Symlinks;
import dev.modelregistry.core.internal.io.StorageErrors;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;

/**
 * Who a registry directory is, written twice: in the database ({@code registry_identity}) and in a
 * marker file beside the blobs ({@code blobs/registry.id}). Opening compares the two, so that a
 * database that was deleted, truncated, lost with its WAL, or copied in from another registry is
 * refused instead of being taken for an empty registry whose blobs are all garbage.
 *
 * <p>The marker is written only after the database has committed the same id, so a crash between
 * the two leaves a database with an id and no marker, which the next open repairs. Thread-safe
 * (stateless).
 */
public final class RegistryIdentity {
    public static final String MARKER_FILE = "registry.id";
    private static final Pattern MARKER = Pattern.compile("model-registry id ([0-9a-f-]{36})\\s*");
    private static final String RECOVERY = " Nothing was changed or deleted. If you have a copy of registry.db"
            + " (with its -wal file), put it back and open again. Otherwise move this directory aside, open a new"
            + " registry in an empty directory, and import your exports and the automatic backups from the old"
            + " directory's backups/ folder with backups().importArchive(...), oldest first; see"
            + " docs/storage-and-versions.md, \"Recovering a registry\".";
    private static final String RECOVERY_POSTGRESQL = " Nothing was changed or deleted. Point the registry at its"
            + " own PostgreSQL database, or restore that database from its backup. Otherwise open a new registry"
            + " on a new database, directory and artifact store, and import your exports and automatic backups"
            + " with backups().importArchive(...), oldest first; see docs/shared-backends.md.";

    private RegistryIdentity() {
    }

    /**
     * Before SQLite touches the database file (it would create an empty one): refuses when the
     * database is missing or empty but the directory says a registry lived here.
     */
    public static void checkBeforeOpen(Path root, Path database, Path marker, BooleanSupplier anyBlobs) {
        boolean missing = !Files.exists(database, LinkOption.NOFOLLOW_LINKS);
        boolean empty = !missing && size(database) == 0;
        if (!missing && !empty) {
            return;
        }
        String what = missing ? "is missing" : "is empty (0 bytes)";
        Optional<String> id = readMarker(marker);
        if (id.isPresent()) {
            throw new RegistryStateException("refusing to open " + root + ": its database " + database + " " + what
                    + ", but " + marker + " says this directory holds registry " + id.get() + "." + RECOVERY);
        }
        if (anyBlobs.getAsBoolean()) {
            throw new RegistryStateException("refusing to open " + root + ": its database " + database + " " + what
                    + ", but blobs/ holds artifacts, so a registry lived here." + RECOVERY);
        }
    }

    /**
     * Before a PostgreSQL database gets the registry's tables (a migration would make a lost database look
     * like a new registry): refuses when the database has no registry schema yet but this directory's marker
     * or the artifact store says a registry lived there.
     */
    public static Void checkBeforeMigrating(Tx tx, Path root, String database, Path marker, BooleanSupplier anyBlobs)
            throws SQLException {
        boolean fresh = tx.queryOne("SELECT to_regclass('model_registry_schema_history') IS NULL",
                rs -> rs.getBoolean(1)).orElse(true);
        if (!fresh) {
            return null;
        }
        Optional<String> id = readMarker(marker);
        if (id.isPresent()) {
            throw new RegistryStateException("refusing to open the registry in " + database + ": the database holds"
                    + " no registry, but " + marker + " says " + root + " belongs to registry " + id.get()
                    + ". Point it at that registry's database, or use a new directory for a new registry."
                    + " Nothing was changed.");
        }
        if (anyBlobs.getAsBoolean()) {
            throw new RegistryStateException("refusing to open the registry in " + database + ": the database holds"
                    + " no registry, but the artifact store holds artifacts, so a registry's database was lost or"
                    + " this is the wrong database. Nothing was changed; restore the database, or import the"
                    + " exports and automatic backups into a new registry with its own artifact store.");
        }
        return null;
    }

    /**
     * In the opening transaction, after the migrations: establishes or checks the database's id.
     * Throwing rolls the opening back, so a refused database is not changed.
     *
     * @param dialect which database it is, for the wording of a refusal: on PostgreSQL the artifacts are in
     *     an artifact store of its own, not in the directory's blobs/, and recovery differs
     * @return the registry's id
     */
    public static String checkInDatabase(Tx tx, Path root, Path marker, BooleanSupplier anyBlobs, Instant now,
            Dialect dialect) throws SQLException {
        boolean sqlite = dialect == Dialect.SQLITE;
        String artifacts = sqlite ? "blobs/" : "the artifact store";
        String recovery = sqlite ? RECOVERY : RECOVERY_POSTGRESQL;
        Optional<String> inDatabase = tx.queryOne("SELECT id FROM registry_identity", rs -> rs.getString(1));
        Optional<String> inMarker = readMarker(marker);
        if (inDatabase.isPresent()) {
            if (inMarker.isPresent() && !inMarker.get().equals(inDatabase.get())) {
                throw new RegistryStateException("refusing to open " + root + ": its database belongs to registry "
                        + inDatabase.get() + " but " + marker + " says this directory holds registry "
                        + inMarker.get() + ". The database was replaced by another registry's." + recovery);
            }
            return inDatabase.get();
        }
        if (inMarker.isPresent()) {
            throw new RegistryStateException("refusing to open " + root + ": its database has no identity (it is"
                    + " new, emptied, or lost the transactions in its WAL), but " + marker
                    + " says this directory holds registry " + inMarker.get() + "." + recovery);
        }
        boolean hasModels = tx.queryOne("SELECT 1 FROM model LIMIT 1", rs -> 1).isPresent();
        if (!hasModels && anyBlobs.getAsBoolean()) {
            throw new RegistryStateException("refusing to open " + root + ": its database holds no models, but "
                    + artifacts + " holds artifacts, so the database was lost or emptied." + recovery);
        }
        // A new registry, or one made before identities existed: it gets its id now.
        String id = UUID.randomUUID().toString();
        tx.update("INSERT INTO registry_identity (id, created_at) VALUES (?, ?)", id, now.toEpochMilli());
        return id;
    }

    /** Writes the marker if it is missing (after the database committed {@code id}). */
    public static void ensureMarker(Path marker, Path tmp, String id) {
        if (readMarker(marker).isPresent()) {
            return;
        }
        Path temp = tmp.resolve("registry-id-" + UUID.randomUUID() + FileSystemModelStorage.TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ch.write(java.nio.ByteBuffer.wrap(("model-registry id " + id + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE);
            FileSystemModelStorage.fsyncDirectory(marker.getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // gc removes leftover temp files
            }
            throw StorageErrors.io("cannot write the registry's identity to " + marker, e);
        }
    }

    static Optional<String> readMarker(Path marker) {
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Symlinks.requireNone(marker, false);
        try {
            if (size(marker) > 1024) {
                throw new RegistryStateException(marker + " is not a registry identity marker (too large)");
            }
            Matcher m = MARKER.matcher(Files.readString(marker, StandardCharsets.US_ASCII));
            if (!m.matches()) {
                throw new RegistryStateException(marker + " is damaged: it does not hold a registry id. Restore it"
                        + " from the database with: SELECT id FROM registry_identity");
            }
            return Optional.of(m.group(1));
        } catch (IOException e) {
            throw StorageErrors.io("cannot read the registry's identity from " + marker, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new StorageException("cannot read the size of " + p + ": " + e.getMessage(), e);
        }
    }
}
