package dev.modelregistry.core;

import dev.modelregistry.core.internal.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArchiveException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.VersionNotFoundException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.WriteResult;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.api.version.VersionState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup and restore through single-file archives (zip: {@code manifest.json} plus
 * {@code blobs/sha256/<hex>}). Export streams each artifact from verified storage; import checks
 * every entry name before reading anything (an entry that would land outside the registry is
 * refused), verifies every digest, and then changes the registry in one transaction — so a bad
 * archive leaves the registry exactly as it was.
 *
 * <p>Destructive operations call {@link #automatic} first, which keeps an archive of what they
 * remove under {@code <root>/backups}, pruned by count and age.
 *
 * <p>Thread-safe.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final RegistryContext ctx;
    private final VersionManager versions;
    private final Path backupDir;
    private final int keepCount;
    private final Duration keepAge;

    Backups(RegistryContext ctx, VersionManager versions, Path backupDir, int keepCount, Duration keepAge) {
        this.ctx = ctx;
        this.versions = versions;
        this.backupDir = backupDir;
        this.keepCount = keepCount;
        this.keepAge = keepAge;
    }

    // ---------------------------------------------------------------- export

    /**
     * Exports every live version of one model.
     *
     * @param model the model's name
     * @param archive the file to create; must not exist
     * @return what was written
     * @throws AlreadyExistsException if the file exists
     */
    public ExportReport exportModel(String model, Path archive) {
        return export(List.of(versions.model(model)), Map.of(model, versions.versions(model)), archive);
    }

    /**
     * Exports chosen live versions of one model.
     *
     * @param model the model's name
     * @param numbers the version numbers
     * @param archive the file to create; must not exist
     * @return what was written
     * @throws VersionNotFoundException if a version is not live
     */
    public ExportReport exportModel(String model, Collection<Integer> numbers, Path archive) {
        if (numbers.isEmpty()) {
            throw new InvalidArgumentException("choose at least one version to export");
        }
        List<ModelVersion> chosen = new ArrayList<>();
        for (int n : new TreeSet<>(numbers)) {
            chosen.add(versions.get(ModelRef.version(model, n)));
        }
        return export(List.of(versions.model(model)), Map.of(model, chosen), archive);
    }

    /**
     * Exports every live version of every live model.
     *
     * @param archive the file to create; must not exist
     * @return what was written
     */
    public ExportReport exportAll(Path archive) {
        List<ModelInfo> models = versions.models();
        Map<String, List<ModelVersion>> byModel = new LinkedHashMap<>();
        for (ModelInfo m : models) {
            byModel.put(m.name(), versions.versions(m.name()));
        }
        return export(models, byModel, archive);
    }

    private ExportReport export(List<ModelInfo> models, Map<String, List<ModelVersion>> byModel, Path archive) {
        Path target = archive.toAbsolutePath();
        if (Files.exists(target)) {
            throw new AlreadyExistsException("archive " + target + " exists already; choose a new file");
        }
        List<ArchiveManifest.Model> entries = new ArrayList<>();
        Map<ArtifactDigest, ArtifactInfo> blobs = new LinkedHashMap<>();
        int versionCount = 0;
        for (ModelInfo m : models) {
            List<ModelVersion> vs = byModel.get(m.name());
            List<ArchiveManifest.Version> archived = new ArrayList<>();
            for (ModelVersion v : vs) {
                archived.add(new ArchiveManifest.Version(v.version(), v.artifact().digest().hex(), v.artifact().size(),
                        v.metadata(), v.tags(), v.createdAt(), v.createdBy(), versions.documents(v.ref())));
                blobs.putIfAbsent(v.artifact().digest(), v.artifact());
            }
            Map<String, Integer> aliases = new HashMap<>(m.aliases());
            aliases.values().removeIf(target2 -> vs.stream().noneMatch(v -> v.version() == target2));
            entries.add(new ArchiveManifest.Model(m.name(), m.createdAt(), m.tags(), aliases, archived));
            versionCount += vs.size();
        }
        ArchiveManifest manifest = new ArchiveManifest(ArchiveManifest.FORMAT_VERSION, ctx.now(), ctx.actor(), entries);
        Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        long bytes = 0;
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
                    ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.putNextEntry(new ZipEntry(ArchiveManifest.MANIFEST_ENTRY));
                zip.write(Json.writer().withDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
                for (ArtifactInfo info : blobs.values()) {
                    zip.putNextEntry(new ZipEntry(ArchiveManifest.BLOB_PREFIX + info.digest().hex()));
                    try (InputStream in = ctx.storage().read(info)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                    bytes += info.size();
                }
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            FileSystemModelStorage.fsyncDirectory(target.getParent());
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StorageException("cannot write archive " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        LOG.info("exported {} versions of {} models ({} artifacts, {} bytes) to {}", versionCount, models.size(),
                blobs.size(), bytes, target);
        return new ExportReport(target, models.size(), versionCount, blobs.size(), bytes);
    }

    // ---------------------------------------------------------------- import

    /**
     * Imports an archive. Versions keep their numbers. A version already present with the same bytes
     * is left alone (or restored, if it was deleted); one present with different bytes is a conflict.
     * All or nothing: on any exception the registry is exactly as it was.
     *
     * @param archive the archive file
     * @return what was imported
     * @throws InvalidArchiveException if the file is truncated, malformed or has an unsafe entry
     * @throws IntegrityException if an artifact does not match its digest
     * @throws ConflictException if a version number holds different bytes here
     */
    public ImportReport importArchive(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new InvalidArgumentException("archive " + archive + " is not a file");
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Map<String, ZipEntry> blobEntries = checkEntries(zip);
            ArchiveManifest manifest = readManifest(zip);
            List<ArchiveManifest.Version> needed = new ArrayList<>();
            for (ArchiveManifest.Model m : manifest.models()) {
                needed.addAll(m.versions());
            }
            for (ArchiveManifest.Version v : needed) {
                if (!blobEntries.containsKey(v.digest())) {
                    throw new InvalidArchiveException("archive lacks the artifact " + v.artifactDigest()
                            + " that its manifest lists");
                }
            }
            // Refuse conflicts before writing a single blob.
            ctx.db().read(tx -> plan(tx, manifest));
            List<ArtifactDigest> created = new ArrayList<>();
            boolean committed = false;
            try {
                storeBlobs(zip, blobEntries, needed, created);
                ImportReport report = ctx.db().write(tx -> apply(tx, manifest));
                committed = true;
                LOG.info("imported {} from {}", report, archive);
                return report;
            } finally {
                if (!committed) {
                    // All or nothing: blobs this import added go again.
                    created.forEach(d -> ctx.storage().delete(d));
                }
            }
        } catch (ZipException e) {
            throw new InvalidArchiveException("archive " + archive + " is truncated or not a zip archive: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidArchiveException("cannot read archive " + archive + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, ZipEntry> checkEntries(ZipFile zip) {
        Map<String, ZipEntry> blobs = new HashMap<>();
        boolean manifest = false;
        List<? extends ZipEntry> all = zip.stream().toList();
        for (ZipEntry e : all) {
            String name = e.getName();
            ArchivePaths.requireSafe(name);
            if (name.equals(ArchiveManifest.MANIFEST_ENTRY)) {
                manifest = true;
            } else if (name.startsWith(ArchiveManifest.BLOB_PREFIX)) {
                String hex = name.substring(ArchiveManifest.BLOB_PREFIX.length());
                if (!hex.matches("[0-9a-f]{64}")) {
                    throw new InvalidArchiveException("archive entry '" + name + "' is not named by a SHA-256 digest");
                }
                blobs.put(hex, e);
            } else if (!e.isDirectory()) {
                throw new InvalidArchiveException("archive entry '" + name + "' is not part of the archive format");
            }
        }
        if (!manifest) {
            throw new InvalidArchiveException("archive has no " + ArchiveManifest.MANIFEST_ENTRY);
        }
        return blobs;
    }

    private static ArchiveManifest readManifest(ZipFile zip) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(ArchiveManifest.MANIFEST_ENTRY))) {
            return Json.readerFor(ArchiveManifest.class).readValue(in);
        } catch (JsonProcessingException e) {
            throw new InvalidArchiveException("archive manifest is invalid: " + e.getOriginalMessage(), e);
        }
    }

    private void storeBlobs(ZipFile zip, Map<String, ZipEntry> entries, List<ArchiveManifest.Version> needed,
            List<ArtifactDigest> created) throws IOException {
        Map<String, ArchiveManifest.Version> distinct = new LinkedHashMap<>();
        for (ArchiveManifest.Version v : needed) {
            ArchiveManifest.Version other = distinct.putIfAbsent(v.digest(), v);
            if (other != null && other.size() != v.size()) {
                throw new InvalidArchiveException("manifest gives two sizes for " + v.artifactDigest());
            }
        }
        for (ArchiveManifest.Version v : distinct.values()) {
            WriteResult r;
            try (InputStream in = zip.getInputStream(entries.get(v.digest()))) {
                r = ctx.storage().write(in);
            }
            if (r.created()) {
                created.add(r.info().digest());
            }
            if (!r.info().equals(new ArtifactInfo(v.artifactDigest(), v.size()))) {
                throw new IntegrityException("archive entry for " + v.artifactDigest() + " holds " + r.info().size()
                        + " bytes hashing to " + r.info().digest() + ", not " + v.size() + " bytes as the manifest says");
            }
        }
    }

    /** Checks the archive against the registry; throws on the first conflict. */
    private Void plan(Tx tx, ArchiveManifest manifest) throws SQLException {
        for (ArchiveManifest.Model m : manifest.models()) {
            Optional<SqliteVersionManager.ModelRow> row = SqliteVersionManager.findModel(tx, m.name());
            if (row.isEmpty()) {
                continue;
            }
            for (ArchiveManifest.Version v : m.versions()) {
                Optional<String> digest = tx.queryOne("SELECT digest FROM version WHERE model_id = ? AND number = ?",
                        rs -> rs.getString(1), row.get().id(), v.number());
                if (digest.isPresent() && !digest.get().equals(v.digest())) {
                    throw new ConflictException("cannot import " + m.name() + "/" + v.number()
                            + ": that version exists here with different bytes (" + ArtifactDigest.parse(digest.get())
                            + " vs " + v.artifactDigest() + ")");
                }
            }
        }
        return null;
    }

    private ImportReport apply(Tx tx, ArchiveManifest manifest) throws SQLException {
        plan(tx, manifest);
        int modelsCreated = 0;
        int imported = 0;
        int restored = 0;
        int unchanged = 0;
        int aliasesSet = 0;
        List<String> notes = new ArrayList<>();
        Instant now = ctx.now();
        for (ArchiveManifest.Model m : manifest.models()) {
            Optional<SqliteVersionManager.ModelRow> existing = SqliteVersionManager.findModel(tx, m.name());
            long modelId;
            if (existing.isEmpty()) {
                modelId = tx.insert("INSERT INTO model (name, created_at, next_version) VALUES (?, ?, 1)", m.name(),
                        m.createdAt().toEpochMilli());
                modelsCreated++;
            } else {
                modelId = existing.get().id();
                tx.update("UPDATE model SET deleted = 0 WHERE id = ?", modelId);
            }
            int maxNumber = 0;
            for (ArchiveManifest.Version v : m.versions()) {
                maxNumber = Math.max(maxNumber, v.number());
                Optional<String> state = tx.queryOne("SELECT state FROM version WHERE model_id = ? AND number = ?",
                        rs -> rs.getString(1), modelId, v.number());
                if (state.isEmpty()) {
                    long id = SqliteVersionManager.insertVersion(tx, modelId, v.number(), VersionState.LIVE,
                            v.digest(), v.size(), v.metadata(), Json.write(v.metadata()), v.createdAt(),
                            v.createdBy(), Optional.empty());
                    for (Map.Entry<String, String> t : v.tags().entrySet()) {
                        tx.update("INSERT INTO version_tag (version_id, key, value) VALUES (?, ?, ?)", id, t.getKey(),
                                t.getValue());
                    }
                    for (Map.Entry<String, String> d : v.documents().entrySet()) {
                        SqliteVersionManager.writeDocument(tx, id, d.getKey(), d.getValue(), now);
                    }
                    imported++;
                    AuditLog.record(tx, now, ctx.actor(), "import-version", m.name(), Integer.toString(v.number()), "",
                            "artifact=" + v.artifactDigest());
                } else if (state.get().equals(VersionState.DELETED.name())) {
                    tx.update("UPDATE version SET state = 'LIVE', deleted_at = NULL WHERE model_id = ? AND number = ?",
                            modelId, v.number());
                    restored++;
                    AuditLog.record(tx, now, ctx.actor(), "restore-version", m.name(), Integer.toString(v.number()),
                            "DELETED", "LIVE");
                } else {
                    unchanged++;
                }
            }
            tx.update("UPDATE model SET next_version = max(next_version, ?) WHERE id = ?", maxNumber + 1, modelId);
            for (Map.Entry<String, String> t : m.tags().entrySet()) {
                tx.update("INSERT OR IGNORE INTO model_tag (model_id, key, value) VALUES (?, ?, ?)", modelId,
                        t.getKey(), t.getValue());
            }
            for (Map.Entry<String, Integer> a : m.aliases().entrySet()) {
                Optional<Integer> current = tx.queryOne("SELECT v.number FROM alias a JOIN version v"
                        + " ON v.id = a.version_id WHERE a.model_id = ? AND a.name = ?", rs -> rs.getInt(1), modelId,
                        a.getKey());
                if (current.isPresent()) {
                    if (!current.get().equals(a.getValue())) {
                        notes.add(m.name() + "@" + a.getKey() + " left at version " + current.get()
                                + " (archive says " + a.getValue() + ")");
                    }
                    continue;
                }
                long versionId = tx.queryOne("SELECT id FROM version WHERE model_id = ? AND number = ?",
                        rs -> rs.getLong(1), modelId, a.getValue()).orElseThrow();
                tx.update("INSERT INTO alias (model_id, name, version_id) VALUES (?, ?, ?)", modelId, a.getKey(),
                        versionId);
                SqliteVersionManager.recordAliasChange(tx, modelId, a.getKey(), Optional.empty(),
                        Optional.of(a.getValue()), now, ctx.actor(), "set");
                AuditLog.record(tx, now, ctx.actor(), "set-alias", m.name(), "@" + a.getKey(), "",
                        "version=" + a.getValue() + " (import)");
                aliasesSet++;
            }
        }
        return new ImportReport(modelsCreated, imported, restored, unchanged, aliasesSet, notes);
    }

    // ---------------------------------------------------------------- automatic backups

    /**
     * The automatic backups kept under {@code <root>/backups}, newest first.
     *
     * @return the archive files
     */
    public List<Path> automaticBackups() {
        if (!Files.isDirectory(backupDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backupDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            throw new StorageException("cannot list backups in " + backupDir + ": " + e.getMessage(), e);
        }
    }

    /** Keeps an archive of versions a destructive operation is about to remove, then prunes old ones. */
    void automatic(String operation, String model, List<Integer> numbers) {
        Names.requireModelName(model);
        if (numbers.isEmpty()) {
            return;
        }
        Path file = backupDir.resolve(STAMP.format(ctx.clock().instant()) + "-" + operation + "-" + model + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".zip");
        try {
            exportModel(model, numbers, file);
        } catch (ModelRegistryException e) {
            throw new StorageException("refusing to " + operation + " " + model + ": the automatic backup failed: "
                    + e.getMessage(), e);
        }
        prune();
    }

    private void prune() {
        List<Path> all = automaticBackups();
        Instant cutoff = ctx.clock().instant().minus(keepAge);
        for (int i = 0; i < all.size(); i++) {
            Path p = all.get(i);
            try {
                boolean tooMany = i >= keepCount;
                boolean tooOld = Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
                if (tooMany || tooOld) {
                    Files.deleteIfExists(p);
                    LOG.info("pruned automatic backup {}", p);
                }
            } catch (IOException e) {
                LOG.warn("could not prune backup {}", p, e);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not delete {}", p, e);
        }
    }
}
