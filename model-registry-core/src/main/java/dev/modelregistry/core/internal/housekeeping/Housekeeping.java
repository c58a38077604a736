package dev.modelregistry.core.internal.housekeeping;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.RegistryStateException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.StoredArtifact;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import dev.modelregistry.core.internal.io.Symlinks;
import dev.modelregistry.core.internal.io.StorageErrors;
import dev.modelregistry.core.internal.io.InFlightFiles;
import dev.modelregistry.core.internal.metadata.Tables;
import dev.modelregistry.core.internal.metadata.VersionRows;
import dev.modelregistry.core.internal.metadata.RegistryContext;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;
import dev.modelregistry.core.internal.archive.ExportJournal;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.maintenance.Finding;
import dev.modelregistry.core.internal.metadata.MetadataDatabase;
import dev.modelregistry.core.internal.metadata.SqliteDatabase;

/**
 * {@code verify} (the database's own integrity check; read and hash every live artifact; list
 * unreferenced blobs, leftover temp files and foreign symbolic links) and {@code gc} (remove the
 * leftovers).
 *
 * <h2>Why gc cannot delete a blob a version needs</h2>
 * A registration publishes its blob inside the write transaction that records the version (see
 * {@link dev.modelregistry.core.internal.metadata.SqlVersionManager#register}), and gc deletes a blob only inside a write transaction in
 * which it has just seen that no live version references it. SQLite lets one write transaction run
 * at a time across every process, so the two never interleave: either the version is committed
 * first and gc sees it, or gc deletes first and the registration publishes the bytes again. The
 * grace period protects what is written outside that protocol: blobs written through
 * {@code storage().write()} directly, imports in progress, and temp files of writes in flight.
 * File ages are measured with the system clock, because the file system stamps files with it; the
 * registry's own clock only stamps database rows.
 *
 * <h2>Why gc may refuse</h2>
 * A blob that no version row names at all (live or deleted) is an orphan: a crashed write leaves a
 * few. A run that would remove more than 10 orphans, making up more than the configured share of all
 * blobs, looks like a lost or replaced database rather than garbage, so it is refused unless forced.
 *
 * <p>Thread-safe.
 */
public final class Housekeeping {
    /**
     * Orphans up to this many are always removable: registrations killed between publishing their blob
     * and committing leave a few, and in a young registry a few can be most of the store.
     */
    private static final int MIN_ORPHANS_CHECKED = 10;

    /** Blobs deleted per write transaction: short transactions keep other writers waiting briefly. */
    private static final int DELETE_BATCH = 64;

    private final RegistryContext ctx;
    private final Path tmp;
    private final Path root;
    private final Path backupDir;
    private final ExportJournal exports;
    private final boolean allowLinkedBlobDirectory;
    private final double maxOrphanShare;
    private final Clock fileClock = Clock.systemUTC();

    public Housekeeping(RegistryContext ctx, Path root, Path backupDir, ExportJournal exports,
            boolean allowLinkedBlobDirectory, double maxOrphanShare) {
        this.ctx = ctx;
        this.tmp = root.resolve("tmp");
        this.root = root;
        this.backupDir = backupDir;
        this.exports = exports;
        this.allowLinkedBlobDirectory = allowLinkedBlobDirectory;
        this.maxOrphanShare = maxOrphanShare;
    }

    public VerifyReport verify() {
        List<Finding> findings = new ArrayList<>();
        try {
            for (String problem : ctx.db().integrityProblems()) {
                findings.add(new Finding(Finding.Kind.DATABASE_CORRUPT, SqliteDatabase.FILE_NAME, problem));
            }
        } catch (StorageException e) {
            findings.add(new Finding(Finding.Kind.DATABASE_CORRUPT, SqliteDatabase.FILE_NAME,
                    "the integrity check could not run: " + e.getMessage()));
        }
        Map<String, List<String>> liveRefs;
        Map<String, Long> sizes;
        try {
            LiveBlobs live = liveBlobs();
            liveRefs = live.references();
            sizes = live.sizes();
        } catch (StorageException e) {
            findings.add(new Finding(Finding.Kind.DATABASE_CORRUPT, SqliteDatabase.FILE_NAME,
                    "cannot list the live versions: " + e.getMessage()));
            return new VerifyReport(0, 0, 0, findings);
        }
        long bytes = 0;
        int versions = 0;
        for (Map.Entry<String, Long> blob : sizes.entrySet()) {
            ArtifactInfo info = new ArtifactInfo(new ArtifactDigest(blob.getKey()), blob.getValue());
            List<String> refs = liveRefs.getOrDefault(blob.getKey(), List.of());
            versions += refs.size();
            try {
                ctx.storage().verify(info);
                bytes += info.size();
            } catch (ArtifactNotFoundException e) {
                findings.add(new Finding(Finding.Kind.MISSING_BLOB, info.digest().toString(),
                        "blob missing; needed by " + refs));
            } catch (IntegrityException e) {
                findings.add(new Finding(Finding.Kind.CORRUPT_BLOB, info.digest().toString(),
                        e.getMessage() + "; needed by " + refs));
            } catch (StorageException e) {
                findings.add(new Finding(Finding.Kind.UNREADABLE_BLOB, info.digest().toString(),
                        e.getMessage() + "; needed by " + refs));
            }
        }
        for (StoredArtifact a : unreferenced(stored(), liveRefs.keySet())) {
            findings.add(new Finding(Finding.Kind.UNREFERENCED_BLOB, a.info().digest().toString(),
                    a.info().size() + " bytes, stored " + a.storedAt() + ", referenced by no live version"));
        }
        for (FileSystemModelStorage.TempFile t : leftoverTemps()) {
            findings.add(new Finding(Finding.Kind.LEFTOVER_TEMP, t.path().toString(),
                    t.size() + " bytes, last written " + t.modified()));
        }
        for (ExportJournal.Entry e : exports.entries()) {
            findings.add(new Finding(Finding.Kind.LEFTOVER_TEMP, e.target().toString(),
                    "an export that did not finish (started " + e.started() + "); gc removes its temp file"));
        }
        Path linkedBlobs = allowLinkedBlobDirectory ? root.resolve("blobs") : null;
        for (Path link : Symlinks.findUnder(root, linkedBlobs)) {
            findings.add(new Finding(Finding.Kind.SYMLINK, link.toString(),
                    "a symbolic link the registry did not create; it never writes through it"));
        }
        return new VerifyReport(versions, sizes.size(), bytes, findings);
    }

    public GcReport gc(Duration grace, boolean force) {
        Instant cutoff = fileClock.instant().minus(grace);
        int temps = 0;
        long freed = 0;
        for (FileSystemModelStorage.TempFile t : leftoverTemps()) {
            if (!t.modified().isAfter(cutoff) && deleteUnlessInUse(t.path())) {
                temps++;
                freed += t.size();
            }
        }
        for (ExportJournal.Entry e : exports.entries()) {
            if (!e.started().isAfter(cutoff)) {
                freed += exports.cleanUp(e);
                temps++;
            }
        }
        // Uploads another store's writers began and never published (S3 staging objects, say).
        temps += ctx.storage().removeAbandoned(grace);
        List<StoredArtifact> stored = stored();
        List<StoredArtifact> candidates = unreferenced(stored, liveBlobs().references().keySet()).stream()
                .filter(a -> !a.storedAt().isAfter(cutoff)).toList();
        refuseMassDeletion(candidates, stored.size(), force);
        int blobs = 0;
        for (int from = 0; from < candidates.size(); from += DELETE_BATCH) {
            List<StoredArtifact> batch = candidates.subList(from, Math.min(candidates.size(), from + DELETE_BATCH));
            long[] removed = ctx.db().write(tx -> {
                long count = 0;
                long size = 0;
                for (StoredArtifact a : batch) {
                    // Decide and delete under the write lock: no registration can commit in between.
                    boolean referenced = Tables.isDigestLive(tx, a.info().digest().hex());
                    Optional<StoredArtifact> now = ctx.storage().stat(a.info().digest());
                    if (!referenced && now.isPresent() && !now.get().storedAt().isAfter(cutoff)
                            && ctx.storage().delete(a.info().digest())) {
                        count++;
                        size += now.get().info().size();
                    }
                }
                return new long[] {count, size};
            });
            blobs += (int) removed[0];
            freed += removed[1];
        }
        return new GcReport(temps, blobs, freed);
    }

    /** Refuses a run whose orphans (blobs no version row names) are most of the store. */
    private void refuseMassDeletion(List<StoredArtifact> candidates, int total, boolean force) {
        if (force || candidates.isEmpty()) {
            return;
        }
        Set<String> known = ctx.db().read(Tables::knownDigests);
        long orphans = candidates.stream().filter(a -> !known.contains(a.info().digest().hex())).count();
        if (orphans > MIN_ORPHANS_CHECKED && orphans > maxOrphanShare * total) {
            throw new RegistryStateException("refusing to gc: " + orphans + " of " + total + " blobs are named by no"
                    + " version in the database, live or deleted, which looks like a lost or replaced database,"
                    + " not garbage (the limit is " + Math.round(maxOrphanShare * 100) + " %). Nothing was deleted."
                    + " Check the database (verify()), then run gc with force if these blobs really are garbage");
        }
    }

    /** Temp files of blob writes ({@code tmp/}) and of automatic backups ({@code backups/}). */
    private List<FileSystemModelStorage.TempFile> leftoverTemps() {
        List<FileSystemModelStorage.TempFile> out = new ArrayList<>(
                FileSystemModelStorage.TempFile.listIn(tmp, FileSystemModelStorage.TEMP_SUFFIX));
        out.addAll(FileSystemModelStorage.TempFile.listIn(backupDir, FileSystemModelStorage.TEMP_SUFFIX));
        return out;
    }

    private static boolean deleteUnlessInUse(Path p) {
        try {
            return InFlightFiles.deleteUnlessInUse(p);
        } catch (IOException e) {
            throw StorageErrors.io("cannot remove temp file " + p, e);
        }
    }

    /** Every blob in the store, listed once per run. */
    private List<StoredArtifact> stored() {
        try (Stream<StoredArtifact> all = ctx.storage().list()) {
            return all.toList();
        }
    }

    private static List<StoredArtifact> unreferenced(List<StoredArtifact> stored, Set<String> live) {
        return stored.stream().filter(a -> !live.contains(a.info().digest().hex())).toList();
    }

    /** The live versions' blobs: digest to size, and digest to the versions that reference it. */
    private record LiveBlobs(Map<String, Long> sizes, Map<String, List<String>> references) {
    }

    private LiveBlobs liveBlobs() {
        return ctx.db().read(tx -> {
            Map<String, Long> sizes = new LinkedHashMap<>();
            Map<String, List<String>> refs = new LinkedHashMap<>();
            tx.query("SELECT v.digest, v.size, m.name || '/' || v.number" + VersionRows.FROM
                    + " WHERE v.state = 'LIVE' ORDER BY v.digest", rs -> {
                        sizes.put(rs.getString(1), rs.getLong(2));
                        refs.computeIfAbsent(rs.getString(1), d -> new ArrayList<>()).add(rs.getString(3));
                        return null;
                    });
            return new LiveBlobs(sizes, refs);
        });
    }
}
