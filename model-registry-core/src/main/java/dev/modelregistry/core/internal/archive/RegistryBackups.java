package dev.modelregistry.core.internal.archive;

import dev.modelregistry.api.archive.Backups;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArchiveException;
import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.UntrustedArchiveException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.VersionNotFoundException;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.StagedArtifact;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionState;
import dev.modelregistry.core.internal.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.core.internal.io.Symlinks;
import dev.modelregistry.core.internal.io.StorageErrors;
import dev.modelregistry.core.internal.io.Sha256;
import dev.modelregistry.core.internal.io.BoundedInputStream;
import dev.modelregistry.core.internal.io.InFlightFiles;
import dev.modelregistry.core.internal.metadata.Tables;
import dev.modelregistry.core.internal.metadata.Tx;
import dev.modelregistry.core.internal.metadata.SqlVersionManager;
import dev.modelregistry.core.internal.metadata.VersionRows;
import dev.modelregistry.core.internal.metadata.AuditLog;
import dev.modelregistry.core.internal.metadata.HistoryRows;
import dev.modelregistry.core.internal.metadata.MetadataLimits;
import dev.modelregistry.core.internal.metadata.AutoBackup;
import dev.modelregistry.core.internal.metadata.RegistryContext;
import dev.modelregistry.core.internal.blobs.FileSystemModelStorage;
import dev.modelregistry.api.archive.ArchiveLimits;
import dev.modelregistry.api.archive.ExportReport;
import dev.modelregistry.api.archive.ImportOptions;
import dev.modelregistry.api.archive.ImportReport;

/**
 * Backup and restore through single-file archives (zip: {@code manifest.json} plus
 * {@code blobs/sha256/<hex>}). Export streams each artifact from verified storage; import checks
 * every entry name before reading anything (an entry that would land outside the registry is
 * refused), verifies every digest, and then changes the registry in one transaction — so a bad
 * archive leaves the registry exactly as it was.
 *
 * <p>Destructive operations first keep an archive of what they remove under {@code <root>/backups},
 * pruned by count and age, and then remove exactly the versions that archive holds.
 *
 * <p>Thread-safe.
 */
public final class RegistryBackups implements Backups {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryBackups.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final RegistryContext ctx;
    private final Path backupDir;
    private final int keepCount;
    private final Duration keepAge;
    private final ExportJournal exports;
    private final ArchiveLimits limits;
    private final RegistryKeys keys;
    private final IsolatedLoadCheck loadCheck;
    /** Backup files are named and aged by the system clock, which is what stamps files. */
    private final Clock fileClock = Clock.systemUTC();

    public RegistryBackups(RegistryContext ctx, Path backupDir, int keepCount, Duration keepAge, ExportJournal exports,
            ArchiveLimits limits, RegistryKeys keys, IsolatedLoadCheck loadCheck) {
        this.keys = keys;
        this.loadCheck = loadCheck;
        this.ctx = ctx;
        this.backupDir = backupDir;
        this.keepCount = keepCount;
        this.keepAge = keepAge;
        this.exports = exports;
        this.limits = limits;
    }

    // ---------------------------------------------------------------- export

    @Override
    public ExportReport exportModel(String model, Path archive) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(archive, "archive");
        Names.requireModelName(model);
        return write(snapshot(List.of(model), Optional.empty()), archive, true);
    }

    @Override
    public ExportReport exportModel(String model, Collection<Integer> numbers, Path archive) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(archive, "archive");
        Names.requireModelName(model);
        if (numbers.isEmpty()) {
            throw new InvalidArgumentException("choose at least one version to export");
        }
        for (Integer n : numbers) {
            if (Objects.requireNonNull(n, "numbers[i]") < 1) {
                throw new InvalidArgumentException("version numbers start at 1, got " + n);
            }
        }
        return write(snapshot(List.of(model), Optional.of(new TreeSet<>(numbers))), archive, true);
    }

    @Override
    public ExportReport exportAll(Path archive) {
        Objects.requireNonNull(archive, "archive");
        return write(snapshot(List.of(), Optional.empty()), archive, true);
    }

    /** What an archive will hold, read in one database snapshot. */
    private record Snapshot(List<ArchiveManifest.Model> models, Map<ArtifactDigest, ArtifactInfo> blobs,
            int versionCount, List<ArchiveManifest.AuditRow> audit, List<ArchiveManifest.Environment> environments) {
    }

    /**
     * Reads the models (all live ones when {@code names} is empty) and their versions (all live ones,
     * or {@code numbers}) in one read transaction, so that an archive is one consistent moment.
     */
    private Snapshot snapshot(List<String> names, Optional<Set<Integer>> numbers) {
        return ctx.db().read(tx -> snapshot(tx, names, numbers));
    }

    /**
     * As {@link #snapshot(List, Optional)}, inside a transaction the caller holds. A whole model carries
     * its history (alias moves, deleted version numbers, audit rows); an export of chosen versions does
     * not, since its history may name versions it leaves out. A whole-registry export also carries the
     * deployments of every environment whose deployments all name versions it holds.
     */
    private Snapshot snapshot(Tx tx, List<String> names, Optional<Set<Integer>> numbers) throws SQLException {
        boolean everything = names.isEmpty();
        List<String> modelNames = everything
                ? Tables.liveModelNames(tx)
                : names;
        List<ArchiveManifest.Model> entries = new ArrayList<>();
        Map<ArtifactDigest, ArtifactInfo> blobs = new LinkedHashMap<>();
        List<HistoryRows.Audit> audit = new ArrayList<>();
        Map<Long, String> auditModel = new HashMap<>();
        int count = 0;
        for (String name : modelNames) {
            SqlVersionManager.ModelRow row = SqlVersionManager.requireLiveModel(tx, name);
            ModelInfo m = SqlVersionManager.modelInfo(tx, row);
            List<ModelVersion> vs = new ArrayList<>();
            if (numbers.isPresent()) {
                for (int n : numbers.get()) {
                    vs.add(SqlVersionManager.resolve(tx, ModelRef.version(name, n)));
                }
            } else {
                vs.addAll(VersionRows.complete(tx, tx.query(VersionRows.SELECT
                        + " WHERE v.model_id = ? AND v.state = 'LIVE' ORDER BY v.number", VersionRows::row, row.id())));
            }
            List<ArchiveManifest.Version> archived = new ArrayList<>();
            for (ModelVersion v : vs) {
                archived.add(new ArchiveManifest.Version(v.version(), v.artifact().digest().hex(),
                        v.artifact().size(), v.metadata(), v.tags(), v.createdAt(), v.createdBy(),
                        SqlVersionManager.documents(tx, SqlVersionManager.versionId(tx, v))));
                blobs.putIfAbsent(v.artifact().digest(), v.artifact());
            }
            Map<String, Integer> aliases = new HashMap<>(m.aliases());
            aliases.values().removeIf(target -> vs.stream().noneMatch(v -> v.version() == target));
            if (numbers.isPresent()) {
                entries.add(ArchiveManifest.Model.of(m.name(), m.createdAt(), m.tags(), aliases, archived));
            } else {
                List<ArchiveManifest.AliasMove> moves = HistoryRows.aliasMoves(tx, row.id()).stream()
                        .map(a -> new ArchiveManifest.AliasMove(a.alias(), a.previous().orElse(null),
                                a.target().orElse(null), a.at(), a.actor(), a.reason(), a.undone()))
                        .toList();
                // Numbers that do not travel: deleted versions here, and numbers an imported history names
                // whose versions were deleted before that import.
                Set<Integer> gone = new TreeSet<>(HistoryRows.deletedNumbers(tx, row.id()));
                moves.forEach(a -> {
                    Optional.ofNullable(a.previous()).ifPresent(gone::add);
                    Optional.ofNullable(a.target()).ifPresent(gone::add);
                });
                archived.forEach(v -> gone.remove(v.number()));
                entries.add(new ArchiveManifest.Model(m.name(), m.createdAt(), m.tags(), aliases, archived, moves,
                        List.copyOf(gone)));
                for (HistoryRows.Audit a : HistoryRows.audit(tx, row.id(), m.name())) {
                    audit.add(a);
                    auditModel.put(a.id(), m.name());
                }
            }
            count += vs.size();
        }
        // One trail, in the order it was written across models.
        audit.sort(Comparator.comparingLong(HistoryRows.Audit::id));
        List<ArchiveManifest.AuditRow> auditRows = audit.stream().map(a -> new ArchiveManifest.AuditRow(a.at(),
                a.actor(), a.operation(), a.model(), auditModel.get(a.id()), a.target(), a.before(), a.after()))
                .toList();
        List<ArchiveManifest.Environment> environments = everything ? environments(tx, entries) : List.of();
        return new Snapshot(entries, blobs, count, auditRows, environments);
    }

    /**
     * Every environment's deployments and events, except an environment whose deployments name a version
     * the archive does not hold (a deleted one): its history could not be written without it, so it stays
     * behind, with a warning.
     */
    private static List<ArchiveManifest.Environment> environments(Tx tx, List<ArchiveManifest.Model> models)
            throws SQLException {
        Set<String> held = new HashSet<>();
        models.forEach(m -> m.versions().forEach(v -> held.add(m.name() + "/" + v.number())));
        Map<String, List<ArchiveManifest.DeploymentEntry>> deployments = new LinkedHashMap<>();
        Set<String> skipped = new TreeSet<>();
        for (HistoryRows.DeploymentRow d : HistoryRows.deployments(tx)) {
            if (!held.contains(d.model() + "/" + d.version())) {
                skipped.add(d.environment());
            }
            deployments.computeIfAbsent(d.environment(), e -> new ArrayList<>()).add(
                    new ArchiveManifest.DeploymentEntry(d.id(), d.model(), d.version(), d.spec(), d.state(),
                            d.weight(), d.since(), d.createdAt(), d.previousId().orElse(null)));
        }
        Map<String, List<ArchiveManifest.Event>> events = new HashMap<>();
        for (HistoryRows.EventRow e : HistoryRows.events(tx)) {
            events.computeIfAbsent(e.environment(), x -> new ArrayList<>()).add(new ArchiveManifest.Event(
                    e.deploymentId(), e.action(), e.fromState().orElse(null), e.toState(), e.weight(), e.at(),
                    e.actor(), e.reason()));
        }
        if (!skipped.isEmpty()) {
            LOG.warn("the deployments of environments {} stay out of the archive: they name deleted versions,"
                    + " whose rows do not travel", skipped);
        }
        List<ArchiveManifest.Environment> out = new ArrayList<>();
        deployments.forEach((env, ds) -> {
            if (!skipped.contains(env)) {
                out.add(new ArchiveManifest.Environment(env, ds, events.getOrDefault(env, List.of())));
            }
        });
        return out;
    }

    /**
     * Writes an archive through a temp file next to the target (same file system, so the final move
     * is atomic). When the target is outside the registry, the temp file is recorded in the export
     * journal first, so that gc removes it if this process dies before the move.
     */
    private ExportReport write(Snapshot snapshot, Path archive, boolean journaled) {
        Path target = archive.toAbsolutePath();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new AlreadyExistsException("archive " + target + " exists already; choose a new file");
        }
        ArchiveManifest manifest = new ArchiveManifest(ArchiveManifest.FORMAT_VERSION, ctx.now(), ctx.actor(),
                snapshot.models(), snapshot.audit(), snapshot.environments());
        ExportJournal.Started journal = null;
        Path temp = null;
        long bytes = 0;
        try {
            Files.createDirectories(target.getParent());
            if (journaled) {
                journal = exports.begin(target);
            }
            ExportJournal.Started started = journal;
            // Locked while written, so that gc never takes a backup or export in progress for a leftover.
            InFlightFiles.Locked locked = InFlightFiles.create(() -> started != null ? started.temp()
                    : target.resolveSibling(target.getFileName() + "." + UUID.randomUUID()
                            + FileSystemModelStorage.TEMP_SUFFIX));
            temp = locked.path();
            FileChannel channel = locked.channel();
            try {
              try (ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(unclosable(channel),
                      64 * 1024))) {
                byte[] manifestBytes = Json.writer().withDefaultPrettyPrinter().writeValueAsBytes(manifest);
                zip.putNextEntry(new ZipEntry(ArchiveManifest.MANIFEST_ENTRY));
                zip.write(manifestBytes);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(ArchiveSignature.ENTRY));
                zip.write(Json.writer().writeValueAsBytes(ArchiveSignature.sign(keys.own(), manifestBytes)));
                zip.closeEntry();
                for (ArtifactInfo info : snapshot.blobs().values()) {
                    zip.putNextEntry(new ZipEntry(ArchiveManifest.BLOB_PREFIX + info.digest().hex()));
                    try (InputStream in = ctx.storage().read(info)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                    bytes += info.size();
                }
              }
              channel.force(true);
              publishWithoutReplacing(temp, target);
            } finally {
                InFlightFiles.release(temp, channel);
            }
            FileSystemModelStorage.fsyncDirectory(target.getParent());
        } catch (IOException e) {
            deleteQuietly(temp);
            throw StorageErrors.io("cannot write archive " + target, e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        } finally {
            if (journal != null) {
                exports.end(journal);
            }
        }
        LOG.info("exported {} versions of {} models ({} artifacts, {} bytes) to {}", snapshot.versionCount(),
                snapshot.models().size(), snapshot.blobs().size(), bytes, target);
        return new ExportReport(target, snapshot.models().size(), snapshot.versionCount(), snapshot.blobs().size(),
                bytes);
    }

    // ---------------------------------------------------------------- import

    @Override
    public ImportReport importArchive(Path archive) {
        Objects.requireNonNull(archive, "archive");
        return importArchive(archive, ImportOptions.defaults());
    }

    @Override
    public ImportReport importArchive(Path archive, ImportOptions options) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(options, "options");
        if (!Files.isRegularFile(archive)) {
            throw new InvalidArgumentException("archive " + archive + " is not a file");
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> central = checkCentralDirectory(zip);
            byte[] manifestBytes;
            try (InputStream in = zip.getInputStream(zip.getEntry(ArchiveManifest.MANIFEST_ENTRY))) {
                manifestBytes = readBounded(in, limits.maxManifestBytes(), ArchiveManifest.MANIFEST_ENTRY);
            }
            byte[] signatureBytes = new byte[0];
            ZipEntry sigEntry = zip.getEntry(ArchiveSignature.ENTRY);
            if (sigEntry != null) {
                try (InputStream in = zip.getInputStream(sigEntry)) {
                    signatureBytes = readBounded(in, 64 * 1024, ArchiveSignature.ENTRY);
                }
            }
            Optional<String> untrusted = trust(archive, manifestBytes, signatureBytes, options);
            ArchiveManifest manifest = parseManifest(manifestBytes);
            Map<String, ArchiveManifest.Version> byDigest = checkManifest(manifest, central);
            // Refuse conflicts before reading a single artifact.
            ctx.db().read(tx -> plan(tx, manifest));
            List<StagedArtifact> staged = new ArrayList<>();
            try {
                stageFromLocalEntries(archive, central, manifestBytes, signatureBytes, byDigest, staged);
                if (untrusted.isPresent() && options.isolatedLoadCheck()) {
                    checkInChildJvm(manifest, staged);
                }
                ImportReport report = ctx.db().write(tx -> {
                    plan(tx, manifest);
                    if (untrusted.isPresent()) {
                        for (ArchiveManifest.Model m : manifest.models()) {
                            AuditLog.record(tx, ctx.now(), ctx.actor(), "import-untrusted", m.name(), archive.toString(),
                                    untrusted.get(), "reason=" + options.untrustedReason().orElseThrow());
                        }
                    }
                    // Published inside the transaction, like a registration, so gc cannot race it.
                    for (StagedArtifact a : staged) {
                        a.publish();
                    }
                    return apply(tx, manifest);
                });
                LOG.info("imported {} from {}", report, archive);
                return report;
            } finally {
                staged.forEach(StagedArtifact::close);
            }
        } catch (ZipException e) {
            throw new InvalidArchiveException("archive " + archive + " is truncated or not a zip archive: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidArchiveException("cannot read archive " + archive + ": " + StorageErrors.describe(e), e);
        }
    }

    /** Names in the central directory, in order: each safe, known to the format, and present once. */
    private List<String> checkCentralDirectory(ZipFile zip) {
        if (zip.size() > limits.maxEntries()) {
            throw new InvalidArchiveException("archive holds " + zip.size() + " entries; at most "
                    + limits.maxEntries() + " are allowed");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ZipEntry e : zip.stream().toList()) {
            String name = e.getName();
            ArchivePaths.requireSafe(name);
            if (!seen.add(name)) {
                throw new InvalidArchiveException("archive has two entries named '" + name
                        + "'; zip readers disagree on which one counts, so the archive is refused");
            }
            if (e.isDirectory()) {
                if (!name.equals("blobs/") && !name.equals(ArchiveManifest.BLOB_PREFIX)) {
                    throw new InvalidArchiveException("archive entry '" + name + "' is not part of the archive format");
                }
            } else if (name.startsWith(ArchiveManifest.BLOB_PREFIX)) {
                String hex = name.substring(ArchiveManifest.BLOB_PREFIX.length());
                if (!hex.matches("[0-9a-f]{64}")) {
                    throw new InvalidArchiveException("archive entry '" + name + "' is not named by a SHA-256 digest");
                }
            } else if (!name.equals(ArchiveManifest.MANIFEST_ENTRY) && !name.equals(ArchiveSignature.ENTRY)) {
                throw new InvalidArchiveException("archive entry '" + name + "' is not part of the archive format");
            }
            names.add(name);
        }
        if (!seen.contains(ArchiveManifest.MANIFEST_ENTRY)) {
            throw new InvalidArchiveException("archive has no " + ArchiveManifest.MANIFEST_ENTRY);
        }
        return names;
    }

    /**
     * Decides whether the archive is trusted: signed, with a valid signature, by a key this registry
     * trusts. A signature that does not match its manifest is refused whatever the options: the
     * archive was changed after it was signed.
     *
     * @return empty if trusted, else who signed it ("unsigned" or the unknown key's id)
     */
    private Optional<String> trust(Path archive, byte[] manifest, byte[] signatureBytes, ImportOptions options)
            throws IOException {
        String signer;
        if (signatureBytes.length == 0) {
            signer = "unsigned";
        } else {
            ArchiveSignature signature;
            try {
                signature = Json.readerFor(ArchiveSignature.class).readValue(signatureBytes);
            } catch (JsonProcessingException e) {
                throw new InvalidArchiveException("archive signature is malformed: " + e.getOriginalMessage(), e);
            }
            java.security.PublicKey key = signature.verify(manifest);
            if (keys.trusted(signature.keyId()).filter(key::equals).isPresent()) {
                return Optional.empty();
            }
            signer = "signed by unknown key " + signature.keyId();
        }
        if (options.untrustedReason().isEmpty()) {
            throw new UntrustedArchiveException("refusing to import " + archive + ": it is " + signer + ", and this"
                    + " registry trusts only archives signed by its own key or a key given to"
                    + " ModelRegistry.Builder.trustKey(...). Trust the signer's public key (its keys/ed25519.pub),"
                    + " or import it on purpose with ImportOptions.allowUntrusted(reason), which is audited");
        }
        LOG.warn("importing untrusted archive {} ({}): {}", archive, signer, options.untrustedReason().get());
        return Optional.of(signer);
    }

    /** Loads every staged model of an untrusted archive in a child JVM before it is accepted. */
    private void checkInChildJvm(ArchiveManifest manifest, List<StagedArtifact> staged) {
        Map<ArtifactDigest, StagedArtifact> byDigest = new HashMap<>();
        staged.forEach(a -> byDigest.put(a.info().digest(), a));
        List<IsolatedLoadCheck.Candidate> candidates = new ArrayList<>();
        for (ArchiveManifest.Model m : manifest.models()) {
            for (ArchiveManifest.Version v : m.versions()) {
                if (loadCheck.applies(v.metadata())) {
                    candidates.add(new IsolatedLoadCheck.Candidate(m.name() + "/" + v.number(),
                            byDigest.get(v.artifactDigest()), v.metadata()));
                }
            }
        }
        loadCheck.check(candidates);
    }

    private static ArchiveManifest parseManifest(byte[] bytes) throws IOException {
        try {
            return Json.readerFor(ArchiveManifest.class).readValue(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidArchiveException("archive manifest is invalid: " + e.getOriginalMessage(), e);
        } catch (ModelRegistryException e) {
            throw new InvalidArchiveException("archive manifest is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * The manifest must list each model and each version once, give one size per artifact within the
     * limits, and name exactly the artifacts the archive holds.
     *
     * @return the artifact each digest must hold
     */
    private Map<String, ArchiveManifest.Version> checkManifest(ArchiveManifest manifest, List<String> central) {
        Map<String, ArchiveManifest.Version> byDigest = new LinkedHashMap<>();
        Set<String> models = new HashSet<>();
        for (ArchiveManifest.Model m : manifest.models()) {
            if (!models.add(m.name())) {
                throw new InvalidArchiveException("archive manifest lists model '" + m.name() + "' twice");
            }
            Set<Integer> numbers = new HashSet<>();
            for (ArchiveManifest.Version v : m.versions()) {
                if (!numbers.add(v.number())) {
                    throw new InvalidArchiveException("archive manifest lists " + m.name() + "/" + v.number()
                            + " twice; an archive must say once what each version holds");
                }
                if (v.number() > SqlVersionManager.MAX_VERSION_NUMBER) {
                    throw new InvalidArchiveException("archive manifest lists " + m.name() + "/" + v.number()
                            + "; version numbers above " + SqlVersionManager.MAX_VERSION_NUMBER + " are refused");
                }
                try {
                    MetadataLimits.check(v.metadata());
                } catch (InvalidArgumentException e) {
                    throw new InvalidArchiveException("archive manifest: " + m.name() + "/" + v.number() + ": "
                            + e.getMessage());
                }
                if (v.size() > limits.maxArtifactBytes()) {
                    throw new InvalidArchiveException("archive manifest declares " + v.size() + " bytes for "
                            + v.artifactDigest() + "; at most " + limits.maxArtifactBytes() + " are allowed");
                }
                ArchiveManifest.Version other = byDigest.putIfAbsent(v.digest(), v);
                if (other != null && other.size() != v.size()) {
                    throw new InvalidArchiveException("archive manifest gives two sizes for " + v.artifactDigest());
                }
            }
        }
        checkHistory(manifest);
        Set<String> entries = new HashSet<>();
        for (String name : central) {
            if (name.startsWith(ArchiveManifest.BLOB_PREFIX) && !name.endsWith("/")) {
                String hex = name.substring(ArchiveManifest.BLOB_PREFIX.length());
                if (!byDigest.containsKey(hex)) {
                    throw new InvalidArchiveException("archive entry '" + name + "' is listed by no version in the"
                            + " manifest");
                }
                entries.add(hex);
            }
        }
        for (ArchiveManifest.Version v : byDigest.values()) {
            if (!entries.contains(v.digest())) {
                throw new InvalidArchiveException("archive lacks the artifact " + v.artifactDigest()
                        + " that its manifest lists");
            }
        }
        return byDigest;
    }

    /**
     * The history of a format 2 manifest must be bounded (no list longer than {@link ArchiveLimits#maxEntries()},
     * nor all history rows together) and consistent: audit rows belong to archived models with history,
     * and every deployment names a version the archive holds, earlier deployments of its own environment
     * and events of its own deployments, with at most one serving stable deployment per environment.
     */
    private void checkHistory(ArchiveManifest manifest) {
        long rows = 0;
        Map<String, Set<Integer>> held = new HashMap<>();
        Set<String> withHistory = new HashSet<>();
        for (ArchiveManifest.Model m : manifest.models()) {
            Set<Integer> numbers = new HashSet<>();
            m.versions().forEach(v -> numbers.add(v.number()));
            held.put(m.name(), numbers);
            requireBounded(m.versions().size(), "versions of model '" + m.name() + "'");
            if (m.hasHistory()) {
                withHistory.add(m.name());
                requireBounded(m.aliasHistory().size(), "alias moves of model '" + m.name() + "'");
                requireBounded(m.deletedVersions().size(), "deleted versions of model '" + m.name() + "'");
                rows += m.aliasHistory().size() + m.deletedVersions().size();
            }
        }
        requireBounded(manifest.audit().size(), "audit rows");
        rows += manifest.audit().size();
        for (ArchiveManifest.AuditRow a : manifest.audit()) {
            if (!withHistory.contains(a.linkedModel())) {
                throw new InvalidArchiveException("archive manifest has an audit row of model '" + a.linkedModel()
                        + "', whose history the archive does not hold");
            }
        }
        requireBounded(manifest.environments().size(), "environments");
        Set<String> environments = new HashSet<>();
        for (ArchiveManifest.Environment env : manifest.environments()) {
            String where = "environment '" + env.name() + "'";
            if (!environments.add(env.name())) {
                throw new InvalidArchiveException("archive manifest lists " + where + " twice");
            }
            requireBounded(env.deployments().size(), "deployments of " + where);
            requireBounded(env.events().size(), "events of " + where);
            rows += env.deployments().size() + env.events().size();
            Set<Long> ids = new HashSet<>();
            int stable = 0;
            for (ArchiveManifest.DeploymentEntry d : env.deployments()) {
                if (!held.getOrDefault(d.model(), Set.of()).contains(d.version())) {
                    throw new InvalidArchiveException("archive manifest: a deployment in " + where + " names "
                            + d.model() + "/" + d.version() + ", which the archive does not hold");
                }
                if (d.previous() != null && !ids.contains(d.previous())) {
                    throw new InvalidArchiveException("archive manifest: deployment " + d.id() + " in " + where
                            + " follows deployment " + d.previous() + ", which is not listed before it");
                }
                if (!ids.add(d.id())) {
                    throw new InvalidArchiveException("archive manifest lists deployment " + d.id() + " in " + where
                            + " twice");
                }
                if (d.state().equals("ACTIVE") || d.state().equals("PROMOTED")) {
                    stable++;
                }
                try {
                    Json.read(d.spec(), dev.modelregistry.api.deployment.DeploymentSpec.class);
                } catch (RuntimeException e) {
                    throw new InvalidArchiveException("archive manifest: deployment " + d.id() + " in " + where
                            + " has an invalid spec: " + e.getMessage(), e);
                }
            }
            if (stable > 1) {
                throw new InvalidArchiveException("archive manifest: " + where + " has " + stable
                        + " stable deployments serving at once; at most one can");
            }
            for (ArchiveManifest.Event e : env.events()) {
                if (!ids.contains(e.deployment())) {
                    throw new InvalidArchiveException("archive manifest: an event in " + where + " belongs to"
                            + " deployment " + e.deployment() + ", which the environment does not list");
                }
            }
        }
        if (rows > limits.maxEntries()) {
            throw new InvalidArchiveException("archive manifest holds " + rows + " history rows; at most "
                    + limits.maxEntries() + " are allowed");
        }
    }

    private void requireBounded(int size, String what) {
        if (size > limits.maxEntries()) {
            throw new InvalidArchiveException("archive manifest lists " + size + " " + what + "; at most "
                    + limits.maxEntries() + " are allowed");
        }
    }

    /**
     * Reads the archive front to back, as a streaming zip reader would, and requires it to agree with
     * the central directory entry for entry; stages every artifact, capped at its declared size and
     * checked against its digest.
     */
    private void stageFromLocalEntries(Path archive, List<String> central, byte[] manifestBytes, byte[] signatureBytes,
            Map<String, ArchiveManifest.Version> byDigest, List<StagedArtifact> staged) throws IOException {
        try (ZipInputStream zin = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive), 64 * 1024))) {
            int index = 0;
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                String name = e.getName();
                if (index >= central.size() || !central.get(index).equals(name)) {
                    throw new InvalidArchiveException("archive entry " + (index + 1) + " is '" + name
                            + "' when read front to back but " + (index < central.size() ? "'" + central.get(index)
                            + "'" : "absent") + " in its central directory; readers would see different archives");
                }
                index++;
                if (name.equals(ArchiveManifest.MANIFEST_ENTRY)) {
                    byte[] local = readBounded(zin, limits.maxManifestBytes(), name);
                    if (!Arrays.equals(local, manifestBytes)) {
                        throw new InvalidArchiveException("archive holds two different manifests (local entry and"
                                + " central directory disagree)");
                    }
                } else if (name.equals(ArchiveSignature.ENTRY)) {
                    if (!Arrays.equals(readBounded(zin, 64 * 1024, name), signatureBytes)) {
                        throw new InvalidArchiveException("archive holds two different signatures (local entry and"
                                + " central directory disagree)");
                    }
                } else if (!e.isDirectory()) {
                    ArchiveManifest.Version v = byDigest.get(name.substring(ArchiveManifest.BLOB_PREFIX.length()));
                    StagedArtifact a = ctx.storage().stage(new BoundedInputStream(zin, v.size(),
                            "archive entry '" + name + "'"));
                    staged.add(a);
                    if (!a.info().equals(new ArtifactInfo(v.artifactDigest(), v.size()))) {
                        throw new IntegrityException("archive entry for " + v.artifactDigest() + " holds "
                                + a.info().size() + " bytes hashing to " + a.info().digest() + ", not " + v.size()
                                + " bytes as the manifest says");
                    }
                }
            }
            if (index != central.size()) {
                throw new InvalidArchiveException("archive holds " + central.size() + " entries in its central"
                        + " directory but " + index + " when read front to back; readers would see different archives");
            }
        }
    }

    private static byte[] readBounded(InputStream in, long limit, String what) throws IOException {
        return new BoundedInputStream(in, limit, "archive entry '" + what + "'").readAllBytes();
    }

    /** Checks the archive against the registry; throws on the first conflict. */
    private Void plan(Tx tx, ArchiveManifest manifest) throws SQLException {
        for (ArchiveManifest.Model m : manifest.models()) {
            Optional<SqlVersionManager.ModelRow> row = SqlVersionManager.findModel(tx, m.name());
            if (row.isEmpty()) {
                continue;
            }
            for (ArchiveManifest.Version v : m.versions()) {
                Optional<String> digest = Tables.versionDigest(tx, row.get().id(), v.number());
                if (digest.isPresent() && !digest.get().equals(v.digest())) {
                    throw new ConflictException("cannot import " + m.name() + "/" + v.number()
                            + ": that version exists here with different bytes (" + ArtifactDigest.parse(digest.get())
                            + " vs " + v.artifactDigest() + ")");
                }
            }
        }
        return null;
    }

    /**
     * Writes the archive into the registry. A model this import creates takes its history along when the
     * archive holds it: its alias moves and audit rows as they were recorded (times, actors, reasons),
     * followed by one {@code import-model} audit row, instead of a row per version and alias. A model that
     * exists here keeps its own history: its versions, tags and aliases merge as in format 1 (re-importing
     * a registry's own export changes nothing). Deployments go only into environments that never had a
     * deployment here; another environment is left as it is, with a note unless it went through exactly the
     * archived events (its own history, imported again).
     */
    private ImportReport apply(Tx tx, ArchiveManifest manifest) throws SQLException {
        plan(tx, manifest);
        int modelsCreated = 0;
        int imported = 0;
        int restored = 0;
        int unchanged = 0;
        int aliasesSet = 0;
        List<String> notes = new ArrayList<>();
        Instant now = ctx.now();
        Map<String, Long> modelIds = new HashMap<>();
        Set<String> historyImported = new HashSet<>();
        for (ArchiveManifest.Model m : manifest.models()) {
            Optional<SqlVersionManager.ModelRow> existing = SqlVersionManager.findModel(tx, m.name());
            long modelId;
            if (existing.isEmpty()) {
                modelId = Tables.insertModel(tx, m.name(), m.createdAt());
                modelsCreated++;
                if (m.hasHistory()) {
                    historyImported.add(m.name());
                }
            } else {
                modelId = existing.get().id();
                Tables.undeleteModel(tx, modelId);
            }
            modelIds.put(m.name(), modelId);
            boolean withHistory = historyImported.contains(m.name());
            int maxNumber = 0;
            for (ArchiveManifest.Version v : m.versions()) {
                maxNumber = Math.max(maxNumber, v.number());
                Optional<String> state = Tables.versionState(tx, modelId, v.number());
                if (state.isEmpty()) {
                    long id = SqlVersionManager.insertVersion(tx, modelId, v.number(), VersionState.LIVE,
                            v.digest(), v.size(), v.metadata(), Json.write(v.metadata()), v.createdAt(),
                            v.createdBy(), Optional.empty());
                    for (Map.Entry<String, String> t : v.tags().entrySet()) {
                        Tables.putVersionTag(tx, id, t.getKey(), t.getValue());
                    }
                    for (Map.Entry<String, String> d : v.documents().entrySet()) {
                        SqlVersionManager.writeDocument(tx, id, d.getKey(), d.getValue(), now);
                    }
                    imported++;
                    if (!withHistory) {
                        AuditLog.record(tx, now, ctx.actor(), "import-version", m.name(),
                                Integer.toString(v.number()), "", "artifact=" + v.artifactDigest());
                    }
                } else if (state.get().equals(VersionState.DELETED.name())) {
                    Tables.restoreVersion(tx, modelId, v.number());
                    restored++;
                    AuditLog.record(tx, now, ctx.actor(), "restore-version", m.name(), Integer.toString(v.number()),
                            "DELETED", "LIVE");
                } else {
                    unchanged++;
                }
            }
            if (m.hasHistory()) {
                for (int n : m.deletedVersions()) {
                    // Numbers the history names are never handed out again.
                    maxNumber = Math.max(maxNumber, n);
                }
            }
            Tables.raiseNextVersion(tx, modelId, maxNumber + 1);
            for (Map.Entry<String, String> t : m.tags().entrySet()) {
                Tables.addModelTagIfAbsent(tx, modelId, t.getKey(), t.getValue());
            }
            if (withHistory) {
                for (ArchiveManifest.AliasMove a : m.aliasHistory()) {
                    HistoryRows.insertAliasMove(tx, modelId, new HistoryRows.AliasMove(a.alias(),
                            Optional.ofNullable(a.previous()), Optional.ofNullable(a.target()), a.at(), a.actor(),
                            a.reason(), a.undone()));
                }
            }
            for (Map.Entry<String, Integer> a : new java.util.TreeMap<>(m.aliases()).entrySet()) {
                Optional<Integer> current = Tables.aliasTarget(tx, modelId, a.getKey());
                if (current.isPresent()) {
                    if (!current.get().equals(a.getValue())) {
                        notes.add(m.name() + "@" + a.getKey() + " left at version " + current.get()
                                + " (archive says " + a.getValue() + ")");
                    }
                    continue;
                }
                long versionId = Tables.versionId(tx, modelId, a.getValue()).orElseThrow();
                Tables.putAlias(tx, modelId, a.getKey(), versionId);
                if (!withHistory) {
                    SqlVersionManager.recordAliasChange(tx, modelId, a.getKey(), Optional.empty(),
                            Optional.of(a.getValue()), now, ctx.actor(), "set");
                    AuditLog.record(tx, now, ctx.actor(), "set-alias", m.name(), "@" + a.getKey(), "",
                            "version=" + a.getValue() + " (import)");
                }
                aliasesSet++;
            }
        }
        for (ArchiveManifest.AuditRow a : manifest.audit()) {
            if (historyImported.contains(a.linkedModel())) {
                HistoryRows.insertAudit(tx, modelIds.get(a.linkedModel()), new HistoryRows.Audit(0, a.at(),
                        a.actor(), a.operation(), a.model(), a.target(), a.before(), a.after()));
            }
        }
        for (ArchiveManifest.Model m : manifest.models()) {
            if (historyImported.contains(m.name())) {
                AuditLog.record(tx, now, ctx.actor(), "import-model", m.name(), "", "",
                        "versions=" + m.versions().size() + " aliases=" + m.aliases().size() + " history="
                                + m.aliasHistory().size() + " archive=" + manifest.createdBy() + "@"
                                + manifest.createdAt());
            }
        }
        for (ArchiveManifest.Environment env : manifest.environments()) {
            if (HistoryRows.environmentUsed(tx, env.name())) {
                if (sameEvents(HistoryRows.events(tx, env.name()), env.events())) {
                    continue; // this registry's own history of it, imported again
                }
                notes.add("environment '" + env.name() + "' has deployments here, so its " + env.deployments().size()
                        + " deployments from the archive were not imported");
                continue;
            }
            Map<Long, Long> ids = new HashMap<>();
            for (ArchiveManifest.DeploymentEntry d : env.deployments()) {
                long versionId = Tables.versionId(tx, modelIds.get(d.model()), d.version()).orElseThrow();
                ids.put(d.id(), HistoryRows.insertDeployment(tx, env.name(), versionId, d.spec(), d.state(),
                        d.weight(), d.since(), d.createdAt(), Optional.ofNullable(d.previous()).map(ids::get)));
            }
            for (ArchiveManifest.Event e : env.events()) {
                HistoryRows.insertEvent(tx, ids.get(e.deployment()), new HistoryRows.EventRow(0, env.name(),
                        e.action(), Optional.ofNullable(e.from()), e.to(), e.weight(), e.at(), e.actor(), e.reason()));
            }
            AuditLog.record(tx, now, ctx.actor(), "import-deployments", env.deployments().isEmpty() ? ""
                    : env.deployments().get(0).model(), env.name(), "", "deployments=" + env.deployments().size()
                    + " events=" + env.events().size());
        }
        return new ImportReport(modelsCreated, imported, restored, unchanged, aliasesSet, notes);
    }

    /** Whether an environment here went through exactly the archived events (same times, actions, states). */
    private static boolean sameEvents(List<HistoryRows.EventRow> here, List<ArchiveManifest.Event> archived) {
        if (here.size() != archived.size()) {
            return false;
        }
        for (int i = 0; i < here.size(); i++) {
            HistoryRows.EventRow h = here.get(i);
            ArchiveManifest.Event a = archived.get(i);
            if (!h.at().equals(a.at()) || !h.action().equals(a.action()) || !h.toState().equals(a.to())
                    || h.weight() != a.weight() || !h.actor().equals(a.actor())) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- automatic backups

    @Override
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

    /**
     * The automatic backups that deletes call first. Each backup reads what it keeps in one snapshot
     * and returns it, so the delete that follows removes only what the backup holds.
     */
    public AutoBackup automatic() {
        return new AutoBackup() {
            @Override
            public void backUpVersion(String model, int version) {
                Objects.requireNonNull(model, "model");
                Snapshot snapshot = snapshot(List.of(model), Optional.of(Set.of(version)));
                keep("delete-version", model, snapshot);
            }

            @Override
            public Set<Integer> backUpModel(String model) {
                return keepModel(snapshot(List.of(model), Optional.empty()), model);
            }

            @Override
            public Set<Integer> backUpModel(Tx tx, String model) throws SQLException {
                return keepModel(snapshot(tx, List.of(model), Optional.empty()), model);
            }

            private Set<Integer> keepModel(Snapshot snapshot, String model) {
                Set<Integer> numbers = new HashSet<>();
                snapshot.models().forEach(m -> m.versions().forEach(v -> numbers.add(v.number())));
                if (!numbers.isEmpty()) {
                    keep("delete-model", model, snapshot);
                }
                return numbers;
            }
        };
    }

    private void keep(String operation, String model, Snapshot snapshot) {
        Symlinks.requireNone(backupDir, false);
        Path file = backupDir.resolve(STAMP.format(fileClock.instant()) + "-" + operation + "-" + fileNamePart(model)
                + "-" + UUID.randomUUID().toString().substring(0, 8) + ".zip");
        try {
            // Inside the registry: its temp file lands in backups/, where gc finds leftovers.
            write(snapshot, file, false);
        } catch (StorageException e) {
            throw new StorageException("refusing to " + operation + " " + model + ": the automatic backup failed: "
                    + e.getMessage(), e);
        }
        prune();
    }

    /**
     * A model name as part of a file name: names may be 255 characters, longer than a file name can
     * be once a time stamp is added, so long ones are cut and made unique by a hash of the whole.
     */
    static String fileNamePart(String model) {
        if (model.length() <= 100) {
            return model;
        }
        return model.substring(0, 80) + "~" + Sha256.hex(model.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    /** Keeps at most {@code keepCount} backups, none older than {@code keepAge} by the system clock. */
    private void prune() {
        List<Path> all = automaticBackups();
        Instant cutoff = fileClock.instant().minus(keepAge);
        for (int i = 0; i < all.size(); i++) {
            Path p = all.get(i);
            try {
                boolean tooMany = i >= keepCount;
                boolean tooOld = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
                if (tooMany || tooOld) {
                    Files.deleteIfExists(p);
                    LOG.info("pruned automatic backup {}", p);
                }
            } catch (NoSuchFileException e) {
                // pruned by another thread or process
            } catch (IOException e) {
                LOG.warn("could not prune backup {}", p, e);
            }
        }
    }

    /** The channel as a stream whose close leaves the channel (and its lock) open for the final force. */
    private static OutputStream unclosable(FileChannel channel) {
        return new java.io.FilterOutputStream(java.nio.channels.Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.requireNonNull(b, "b");
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /**
     * Moves a finished archive into place without ever replacing a file that appeared there meanwhile:
     * a hard link fails if the target exists, where a rename would silently replace it.
     */
    private static void publishWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            Files.delete(temp);
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyExistsException("archive " + target + " appeared while it was being written; choose a new"
                    + " file");
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof FileSystemException fse && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw fse;
            }
            // No hard links here (some network and FAT file systems): the checked rename is the best left.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not delete {}", p, e);
        }
    }
}
