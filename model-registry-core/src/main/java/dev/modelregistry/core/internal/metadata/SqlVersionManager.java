package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.core.internal.Json;

import dev.modelregistry.api.AliasNotFoundException;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.Names;
import dev.modelregistry.api.VersionNotFoundException;
import dev.modelregistry.api.storage.StagedArtifact;
import dev.modelregistry.api.storage.WriteResult;
import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.api.version.VersionDiff;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.api.version.VersionState;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link VersionManager} over the registry's SQLite database. Each mutating method validates its
 * input first, then runs one transaction that makes the change and writes its audit row.
 * Thread-safe.
 */
public final class SqlVersionManager implements VersionManager {
    private final RegistryContext ctx;
    private final AutoBackup autoBackup;
    /** Told the name of a model whose cached entries must go (deleted, renamed). */
    private final List<Consumer<String>> modelChanged = new CopyOnWriteArrayList<>();

    public SqlVersionManager(RegistryContext ctx, AutoBackup autoBackup) {
        this.ctx = ctx;
        this.autoBackup = autoBackup;
    }

    /**
     * Tells a listener, after each commit that deletes or renames a model or deletes a version, the
     * name of the model whose derived state (a cache of loaded models) must be dropped.
     */
    public void onModelChanged(Consumer<String> listener) {
        modelChanged.add(Objects.requireNonNull(listener, "listener"));
    }

    private void invalidate(String model) {
        modelChanged.forEach(l -> l.accept(model));
    }

    /** A model row. */
    public record ModelRow(long id, String name, Instant createdAt, int nextVersion, boolean deleted) {
    }

    // ---------------------------------------------------------------- register

    @Override
    public ModelVersion register(String model, InputStream artifact, ModelMetadata metadata) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(metadata, "metadata");
        Names.requireModelName(model);
        MetadataLimits.check(metadata);
        String json = Json.write(metadata);
        MetadataLimits.checkDocument(json);
        try (StagedArtifact staged = ctx.storage().stage(artifact)) {
            Instant now = ctx.now();
            return ctx.db().write(tx -> {
                Optional<ModelRow> existing = findModel(tx, model);
                long modelId;
                int number;
                if (existing.isEmpty()) {
                    modelId = Tables.insertModel(tx, model, now);
                    number = 1;
                } else {
                    modelId = existing.get().id();
                    number = existing.get().nextVersion();
                    requireNumberAvailable(model, number);
                    if (existing.get().deleted()) {
                        Tables.undeleteModel(tx, modelId);
                    }
                }
                // Published inside the transaction that references it: gc decides and deletes only inside
                // a write transaction of its own, so it can never delete these bytes between their
                // publication and this version's commit (see Housekeeping). If the commit fails, the blob
                // stays unreferenced and gc removes it after its grace period.
                WriteResult stored = staged.publish();
                long versionId = insertVersion(tx, modelId, number, VersionState.LIVE, stored.info().digest().hex(),
                        stored.info().size(), metadata, json, now, ctx.actor(), Optional.empty());
                tx.update("UPDATE model SET next_version = ? WHERE id = ?", number + 1, modelId);
                AuditLog.record(tx, now, ctx.actor(), "register", model, Integer.toString(number), "",
                        "artifact=" + stored.info().digest() + " size=" + stored.info().size()
                                + " format=" + metadata.formatId());
                return loadVersion(tx, versionId);
            });
        }
    }

    /** The highest version number a model can reach; far below the int limit so that nothing overflows. */
    public static final int MAX_VERSION_NUMBER = 2_000_000_000;

    static void requireNumberAvailable(String model, int number) {
        if (number < 1 || number > MAX_VERSION_NUMBER) {
            throw new ConflictException("model '" + model + "' has used up its version numbers (the next would be "
                    + Integer.toUnsignedString(number) + "; at most " + MAX_VERSION_NUMBER + " are allowed);"
                    + " register under a new model name");
        }
    }

    public static long insertVersion(Tx tx, long modelId, int number, VersionState state, String digest, long size,
            ModelMetadata metadata, String json, Instant createdAt, String createdBy, Optional<Instant> deletedAt)
            throws SQLException {
        long versionId = tx.insert("INSERT INTO version (model_id, number, state, digest, size, format_id, model_type,"
                        + " metadata, created_at, created_by, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                modelId, number, state.name(), digest, size, metadata.formatId(), metadata.modelType(), json,
                createdAt.toEpochMilli(), createdBy, deletedAt.map(Instant::toEpochMilli).orElse(null));
        writeMetrics(tx, versionId, metadata.metrics());
        return versionId;
    }

    private static void writeMetrics(Tx tx, long versionId, Map<String, Double> metrics) throws SQLException {
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            tx.update("INSERT INTO version_metric (version_id, name, value) VALUES (?, ?, ?)"
                    + " ON CONFLICT (version_id, name) DO UPDATE SET value = excluded.value",
                    versionId, m.getKey(), m.getValue());
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public ModelVersion get(ModelRef ref) {
        Objects.requireNonNull(ref, "ref");
        return ctx.db().read(tx -> resolve(tx, ref));
    }

    @Override
    public Optional<ModelVersion> find(ModelRef ref) {
        Objects.requireNonNull(ref, "ref");
        try {
            return Optional.of(get(ref));
        } catch (ModelNotFoundException | VersionNotFoundException | AliasNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ModelVersion> versions(String model) {
        Objects.requireNonNull(model, "model");
        Names.requireModelName(model);
        return ctx.db().read(tx -> {
            ModelRow m = requireLiveModel(tx, model);
            return VersionRows.complete(tx, tx.query(VersionRows.SELECT
                    + " WHERE v.model_id = ? AND v.state = 'LIVE' ORDER BY v.number", VersionRows::row, m.id()));
        });
    }

    @Override
    public List<ModelVersion> history(String model) {
        Objects.requireNonNull(model, "model");
        Names.requireModelName(model);
        return ctx.db().read(tx -> {
            ModelRow m = findModel(tx, model)
                    .orElseThrow(() -> new ModelNotFoundException("model '" + model + "' never existed"));
            return VersionRows.complete(tx, tx.query(VersionRows.SELECT + " WHERE v.model_id = ? ORDER BY v.number",
                    VersionRows::row, m.id()));
        });
    }

    @Override
    public ModelInfo model(String model) {
        Objects.requireNonNull(model, "model");
        Names.requireModelName(model);
        return ctx.db().read(tx -> modelInfo(tx, requireLiveModel(tx, model)));
    }

    @Override
    public List<ModelInfo> models() {
        return ctx.db().read(tx -> {
            List<ModelRow> rows = tx.query("SELECT id, name, created_at, next_version, deleted FROM model"
                    + " WHERE deleted = 0 ORDER BY name", SqlVersionManager::modelRow);
            List<ModelInfo> out = new java.util.ArrayList<>(rows.size());
            for (ModelRow r : rows) {
                out.add(modelInfo(tx, r));
            }
            return out;
        });
    }

    @Override
    public List<AliasChange> aliasHistory(String model, String alias) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Names.requireModelName(model);
        Names.requireAliasName(alias);
        return ctx.db().read(tx -> {
            Optional<ModelRow> m = findModel(tx, model);
            if (m.isEmpty()) {
                return List.of();
            }
            return tx.query("SELECT previous, target, at, actor, reason FROM alias_change"
                    + " WHERE model_id = ? AND alias = ? ORDER BY id", rs -> {
                        int prev = rs.getInt(1);
                        Optional<Integer> previous = rs.wasNull() ? Optional.empty() : Optional.of(prev);
                        int tgt = rs.getInt(2);
                        Optional<Integer> target = rs.wasNull() ? Optional.empty() : Optional.of(tgt);
                        return new AliasChange(model, alias, previous, target, Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getString(4), rs.getString(5));
                    }, m.get().id(), alias);
        });
    }

    @Override
    public VersionDiff compare(ModelRef from, ModelRef to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return ctx.db().read(tx -> VersionDiffer.diff(resolve(tx, from), resolve(tx, to)));
    }

    @Override
    public Page<ModelVersion> search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        SearchSql sql = SearchSql.of(query, ctx.db().dialect());
        return ctx.db().read(tx -> {
            List<VersionRows.Row> rows = tx.query(sql.sql(), VersionRows::row, sql.params().toArray());
            boolean more = rows.size() > query.pageSize();
            List<VersionRows.Row> page = more ? rows.subList(0, query.pageSize()) : rows;
            Optional<String> next = more ? Optional.of(sql.tokenAfter(page.get(page.size() - 1))) : Optional.empty();
            return new Page<>(VersionRows.complete(tx, page), next);
        });
    }

    // ---------------------------------------------------------------- delete and rename

    /**
     * {@inheritDoc}
     *
     * <p>The automatic backup holds the version before it is deleted. If another thread or process
     * deletes the same version first, this call throws {@link VersionNotFoundException}.
     */
    @Override
    public ModelVersion deleteVersion(String model, int version) {
        Objects.requireNonNull(model, "model");
        ModelVersion target = get(ModelRef.version(model, version));
        requireNotDeployed(target);
        autoBackup.backUpVersion(model, version);
        ModelVersion deleted = ctx.db().write(tx -> {
            VersionRows.Row row = requireLiveVersion(tx, model, version);
            requireNotDeployed(VersionRows.complete(tx, row));
            Instant now = ctx.now();
            removeAliasesOf(tx, row, now);
            tx.update("UPDATE version SET state = 'DELETED', deleted_at = ? WHERE id = ?", now.toEpochMilli(), row.id());
            AuditLog.record(tx, now, ctx.actor(), "delete-version", model, Integer.toString(version),
                    "LIVE artifact=" + row.artifact().digest(), "DELETED");
            return loadVersion(tx, row.id());
        });
        invalidate(model);
        return deleted;
    }

    private static void requireVersionNumber(int version) {
        if (version < 1) {
            throw new InvalidArgumentException("version numbers start at 1, got " + version);
        }
    }

    /** How often deleteModel backs up optimistically before it holds the write lock for the backup. */
    private static final int DELETE_MODEL_ATTEMPTS = 3;

    /**
     * {@inheritDoc}
     *
     * <p>Deletes exactly the versions its automatic backup holds, in one transaction. The backup is
     * first written without blocking other writers; if versions were registered meanwhile (so the
     * backup lacks them), it backs up again, and after {@value #DELETE_MODEL_ATTEMPTS} such races it
     * writes the backup inside the deleting transaction, which holds off every writer of this
     * registry until the model is deleted.
     */
    @Override
    public void deleteModel(String model) {
        Objects.requireNonNull(model, "model");
        Names.requireModelName(model);
        for (int attempt = 1; attempt <= DELETE_MODEL_ATTEMPTS + 1; attempt++) {
            boolean locked = attempt > DELETE_MODEL_ATTEMPTS;
            versions(model).forEach(SqlVersionManager::requireNotDeployed);
            java.util.Set<Integer> optimistic = locked ? java.util.Set.of() : autoBackup.backUpModel(model);
            boolean deleted = ctx.db().write(tx -> {
                ModelRow m = requireLiveModel(tx, model);
                java.util.Set<Integer> backedUp = locked ? autoBackup.backUpModel(tx, model) : optimistic;
                Instant now = ctx.now();
                List<VersionRows.Row> rows = tx.query(VersionRows.SELECT + " WHERE v.model_id = ? AND v.state = 'LIVE'",
                        VersionRows::row, m.id());
                if (rows.stream().anyMatch(r -> !backedUp.contains(r.number()))) {
                    return false; // registered after the backup: not in it
                }
                VersionRows.complete(tx, rows).forEach(SqlVersionManager::requireNotDeployed);
                for (VersionRows.Row row : rows) {
                    removeAliasesOf(tx, row, now);
                }
                int count = tx.update("UPDATE version SET state = 'DELETED', deleted_at = ? WHERE model_id = ?"
                        + " AND state = 'LIVE'", now.toEpochMilli(), m.id());
                tx.update("DELETE FROM model_tag WHERE model_id = ?", m.id());
                tx.update("UPDATE model SET deleted = 1 WHERE id = ?", m.id());
                AuditLog.record(tx, now, ctx.actor(), "delete-model", model, "", count + " live versions", "DELETED");
                return true;
            });
            if (deleted) {
                invalidate(model);
                return;
            }
        }
        // Unreachable: nothing else writes while the locked attempt holds the lock.
        throw new ConflictException("cannot delete model '" + model + "': versions kept being registered during it");
    }

    @Override
    public ModelInfo renameModel(String from, String to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Names.requireModelName(from);
        Names.requireModelName(to);
        ModelInfo renamed = ctx.db().write(tx -> {
            ModelRow m = requireLiveModel(tx, from);
            if (findModel(tx, to).isPresent()) {
                throw new AlreadyExistsException("cannot rename '" + from + "' to '" + to
                        + "': a model with that name exists (or existed: deleted names keep their version numbers)");
            }
            tx.update("UPDATE model SET name = ? WHERE id = ?", to, m.id());
            AuditLog.record(tx, ctx.now(), ctx.actor(), "rename-model", to, "", "name=" + from, "name=" + to);
            return modelInfo(tx, requireLiveModel(tx, to));
        });
        invalidate(from);
        return renamed;
    }

    // ---------------------------------------------------------------- aliases

    @Override
    public ModelVersion setAlias(String model, String alias, int version) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Names.requireModelName(model);
        Names.requireAliasName(alias);
        // Same rule as ModelRef.version and deleteVersion: 0 or below is a bad argument, not a missing version.
        requireVersionNumber(version);
        return ctx.db().write(tx -> {
            VersionRows.Row row = requireLiveVersion(tx, model, version);
            Optional<Integer> current = Tables.aliasTarget(tx, row.modelId(), alias);
            if (current.isPresent() && current.get() == version) {
                return loadVersion(tx, row.id());
            }
            Instant now = ctx.now();
            Tables.putAlias(tx, row.modelId(), alias, row.id());
            recordAliasChange(tx, row.modelId(), alias, current, Optional.of(version), now, "set");
            AuditLog.record(tx, now, ctx.actor(), "set-alias", model, "@" + alias,
                    current.map(v -> "version=" + v).orElse(""), "version=" + version);
            return loadVersion(tx, row.id());
        });
    }

    @Override
    public void removeAlias(String model, String alias) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Names.requireModelName(model);
        Names.requireAliasName(alias);
        ctx.db().write(tx -> {
            ModelRow m = requireLiveModel(tx, model);
            int current = Tables.aliasTarget(tx, m.id(), alias).orElseThrow(() -> noAlias(model, alias));
            Instant now = ctx.now();
            tx.update("DELETE FROM alias WHERE model_id = ? AND name = ?", m.id(), alias);
            recordAliasChange(tx, m.id(), alias, Optional.of(current), Optional.empty(), now, "removed");
            AuditLog.record(tx, now, ctx.actor(), "remove-alias", model, "@" + alias, "version=" + current, "");
            return null;
        });
    }

    @Override
    public ModelVersion rollback(String model, String alias) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Names.requireModelName(model);
        Names.requireAliasName(alias);
        return ctx.db().write(tx -> {
            ModelRow m = requireLiveModel(tx, model);
            int current = Tables.aliasTarget(tx, m.id(), alias).orElseThrow(() -> noAlias(model, alias));
            // The newest move onto the current target that has not been undone tells where it came from.
            record Move(long id, Integer previous) {
            }
            Optional<Move> move = tx.queryOne("SELECT id, previous FROM alias_change WHERE model_id = ? AND alias = ?"
                    + " AND reason = 'set' AND undone = 0 AND target = ? ORDER BY id DESC LIMIT 1", rs -> {
                        long id = rs.getLong(1);
                        int p = rs.getInt(2);
                        return new Move(id, rs.wasNull() ? null : p);
                    }, m.id(), alias, current);
            if (move.isEmpty() || move.get().previous() == null) {
                throw new AliasNotFoundException("alias '" + alias + "' of model '" + model
                        + "' has no earlier target to roll back to");
            }
            int previous = move.get().previous();
            VersionRows.Row target = tx.queryOne(VersionRows.SELECT + " WHERE v.model_id = ? AND v.number = ?",
                    VersionRows::row, m.id(), previous).orElseThrow();
            if (target.state() != VersionState.LIVE) {
                throw new ConflictException("cannot roll back " + model + "@" + alias + " to version " + previous
                        + ": that version was deleted");
            }
            Instant now = ctx.now();
            tx.update("UPDATE alias_change SET undone = 1 WHERE id = ?", move.get().id());
            tx.update("UPDATE alias SET version_id = ? WHERE model_id = ? AND name = ?", target.id(), m.id(), alias);
            recordAliasChange(tx, m.id(), alias, Optional.of(current), Optional.of(previous), now, "rollback");
            AuditLog.record(tx, now, ctx.actor(), "rollback-alias", model, "@" + alias, "version=" + current,
                    "version=" + previous);
            return loadVersion(tx, target.id());
        });
    }

    // ---------------------------------------------------------------- tags and metrics

    @Override
    public ModelVersion setVersionTag(ModelRef ref, String key, String value) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Names.requireTagKey(key);
        Names.requireTagValue(value);
        return ctx.db().write(tx -> {
            ModelVersion v = resolve(tx, ref);
            long id = versionId(tx, v);
            Tables.putVersionTag(tx, id, key, value);
            AuditLog.record(tx, ctx.now(), ctx.actor(), "set-version-tag", v.model(), v.version() + "#" + key,
                    v.tags().getOrDefault(key, ""), value);
            return loadVersion(tx, id);
        });
    }

    @Override
    public ModelVersion removeVersionTag(ModelRef ref, String key) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(key, "key");
        Names.requireTagKey(key);
        return ctx.db().write(tx -> {
            ModelVersion v = resolve(tx, ref);
            long id = versionId(tx, v);
            if (tx.update("DELETE FROM version_tag WHERE version_id = ? AND key = ?", id, key) > 0) {
                AuditLog.record(tx, ctx.now(), ctx.actor(), "remove-version-tag", v.model(),
                        v.version() + "#" + key, v.tags().get(key), "");
            }
            return loadVersion(tx, id);
        });
    }

    @Override
    public ModelInfo setModelTag(String model, String key, String value) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Names.requireModelName(model);
        Names.requireTagKey(key);
        Names.requireTagValue(value);
        return ctx.db().write(tx -> {
            ModelRow m = requireLiveModel(tx, model);
            Optional<String> before = modelTag(tx, m.id(), key);
            tx.update("INSERT INTO model_tag (model_id, key, value) VALUES (?, ?, ?)"
                    + " ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value", m.id(), key, value);
            AuditLog.record(tx, ctx.now(), ctx.actor(), "set-model-tag", model, "#" + key, before.orElse(""), value);
            return modelInfo(tx, m);
        });
    }

    @Override
    public ModelInfo removeModelTag(String model, String key) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(key, "key");
        Names.requireModelName(model);
        Names.requireTagKey(key);
        return ctx.db().write(tx -> {
            ModelRow m = requireLiveModel(tx, model);
            Optional<String> before = modelTag(tx, m.id(), key);
            if (before.isPresent()) {
                tx.update("DELETE FROM model_tag WHERE model_id = ? AND key = ?", m.id(), key);
                AuditLog.record(tx, ctx.now(), ctx.actor(), "remove-model-tag", model, "#" + key, before.get(), "");
            }
            return modelInfo(tx, m);
        });
    }

    @Override
    public ModelVersion putMetrics(ModelRef ref, Map<String, Double> metrics) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(metrics, "metrics");
        if (metrics.isEmpty()) {
            throw new InvalidArgumentException("putMetrics needs at least one metric");
        }
        return ctx.db().write(tx -> {
            ModelVersion v = resolve(tx, ref);
            ModelMetadata updated = v.metadata().withMetrics(metrics);
            MetadataLimits.check(updated);
            long id = versionId(tx, v);
            tx.update("UPDATE version SET metadata = ? WHERE id = ?", Json.write(updated), id);
            writeMetrics(tx, id, metrics);
            AuditLog.record(tx, ctx.now(), ctx.actor(), "put-metrics", v.model(), Integer.toString(v.version()), "",
                    new java.util.TreeMap<>(metrics).toString());
            return loadVersion(tx, id);
        });
    }

    /** Documents larger than this belong in an artifact, not in the metadata database. */
    static final int MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

    @Override
    public ModelVersion putDocument(ModelRef ref, String name, String json) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
        Names.requireTagKey(name);
        requireJson(name, json);
        return ctx.db().write(tx -> {
            ModelVersion v = resolve(tx, ref);
            long id = versionId(tx, v);
            Instant now = ctx.now();
            writeDocument(tx, id, name, json, now);
            AuditLog.record(tx, now, ctx.actor(), "put-document", v.model(), v.version() + "#" + name, "",
                    json.length() + " chars");
            return loadVersion(tx, id);
        });
    }

    @Override
    public Map<String, String> documents(ModelRef ref) {
        Objects.requireNonNull(ref, "ref");
        return ctx.db().read(tx -> documents(tx, versionId(tx, resolve(tx, ref))));
    }

    public static Map<String, String> documents(Tx tx, long versionId) throws SQLException {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String[] d : tx.query("SELECT name, body FROM version_document WHERE version_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, versionId)) {
            out.put(d[0], d[1]);
        }
        return out;
    }

    public static void writeDocument(Tx tx, long versionId, String name, String json, Instant at) throws SQLException {
        tx.update("INSERT INTO version_document (version_id, name, body, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (version_id, name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                versionId, name, json, at.toEpochMilli());
    }

    public static void requireJson(String name, String json) {
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidArgumentException("document '" + name + "' has " + json.length()
                    + " characters; at most " + MAX_DOCUMENT_CHARS + " are allowed");
        }
        try {
            Json.reader().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidArgumentException("document '" + name + "' is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A version that serves traffic must leave it first: deleting it would pull a model out of production. */
    private static void requireNotDeployed(ModelVersion v) {
        if (!v.deployment().stateByEnvironment().isEmpty()) {
            throw new ConflictException(v.ref() + " is deployed " + v.deployment().stateByEnvironment()
                    + "; undeploy it or roll it back before deleting it");
        }
    }

    // ---------------------------------------------------------------- helpers shared with backup and loading

    public static Optional<ModelRow> findModel(Tx tx, String name) throws SQLException {
        return tx.queryOne("SELECT id, name, created_at, next_version, deleted FROM model WHERE name = ?",
                SqlVersionManager::modelRow, name);
    }

    public static ModelRow requireLiveModel(Tx tx, String name) throws SQLException {
        ModelRow m = findModel(tx, name).orElseThrow(() -> new ModelNotFoundException("model '" + name
                + "' does not exist"));
        if (m.deleted()) {
            throw new ModelNotFoundException("model '" + name + "' was deleted");
        }
        return m;
    }

    public static ModelVersion resolve(Tx tx, ModelRef ref) throws SQLException {
        ModelRow m = requireLiveModel(tx, ref.model());
        if (ref instanceof ModelRef.Numbered n) {
            VersionRows.Row row = tx.queryOne(VersionRows.SELECT + " WHERE v.model_id = ? AND v.number = ?",
                    VersionRows::row, m.id(), n.version())
                    .orElseThrow(() -> new VersionNotFoundException("model '" + m.name() + "' has no version "
                            + n.version()));
            if (row.state() != VersionState.LIVE) {
                throw new VersionNotFoundException("version " + n.version() + " of model '" + m.name()
                        + "' was deleted");
            }
            return VersionRows.complete(tx, row);
        }
        if (ref instanceof ModelRef.Aliased a) {
            VersionRows.Row row = tx.queryOne(VersionRows.SELECT + " JOIN alias a ON a.version_id = v.id"
                    + " WHERE a.model_id = ? AND a.name = ?", VersionRows::row, m.id(), a.alias())
                    .orElseThrow(() -> noAlias(m.name(), a.alias()));
            return VersionRows.complete(tx, row);
        }
        VersionRows.Row row = tx.queryOne(VersionRows.SELECT
                        + " WHERE v.model_id = ? AND v.state = 'LIVE' ORDER BY v.number DESC LIMIT 1",
                VersionRows::row, m.id())
                .orElseThrow(() -> new VersionNotFoundException("model '" + m.name() + "' has no live version"));
        return VersionRows.complete(tx, row);
    }

    private static ModelVersion loadVersion(Tx tx, long versionId) throws SQLException {
        return VersionRows.complete(tx, tx.queryOne(VersionRows.SELECT + " WHERE v.id = ?", VersionRows::row,
                versionId).orElseThrow());
    }

    public static long versionId(Tx tx, ModelVersion v) throws SQLException {
        return tx.queryOne("SELECT v.id" + VersionRows.FROM + " WHERE m.name = ? AND v.number = ?",
                rs -> rs.getLong(1), v.model(), v.version()).orElseThrow();
    }

    private static VersionRows.Row requireLiveVersion(Tx tx, String model, int number) throws SQLException {
        ModelRow m = requireLiveModel(tx, model);
        VersionRows.Row row = tx.queryOne(VersionRows.SELECT + " WHERE v.model_id = ? AND v.number = ?",
                VersionRows::row, m.id(), number)
                .orElseThrow(() -> new VersionNotFoundException("model '" + model + "' has no version " + number));
        if (row.state() != VersionState.LIVE) {
            throw new VersionNotFoundException("version " + number + " of model '" + model + "' was deleted");
        }
        return row;
    }

    private static Optional<String> modelTag(Tx tx, long modelId, String key) throws SQLException {
        return tx.queryOne("SELECT value FROM model_tag WHERE model_id = ? AND key = ?", rs -> rs.getString(1),
                modelId, key);
    }


    private void removeAliasesOf(Tx tx, VersionRows.Row row, Instant now) throws SQLException {
        for (String alias : tx.query("SELECT name FROM alias WHERE version_id = ?", rs -> rs.getString(1), row.id())) {
            tx.update("DELETE FROM alias WHERE model_id = ? AND name = ?", row.modelId(), alias);
            recordAliasChange(tx, row.modelId(), alias, Optional.of(row.number()), Optional.empty(), now,
                    "version deleted");
            AuditLog.record(tx, now, ctx.actor(), "remove-alias", row.model(), "@" + alias,
                    "version=" + row.number(), "");
        }
    }

    public static void recordAliasChange(Tx tx, long modelId, String alias, Optional<Integer> previous,
            Optional<Integer> target, Instant at, String actor, String reason) throws SQLException {
        tx.insert("INSERT INTO alias_change (model_id, alias, previous, target, at, actor, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", modelId, alias, previous.orElse(null), target.orElse(null),
                at.toEpochMilli(), actor, reason);
    }

    private void recordAliasChange(Tx tx, long modelId, String alias, Optional<Integer> previous,
            Optional<Integer> target, Instant at, String reason) throws SQLException {
        recordAliasChange(tx, modelId, alias, previous, target, at, ctx.actor(), reason);
    }

    private static AliasNotFoundException noAlias(String model, String alias) {
        return new AliasNotFoundException("model '" + model + "' has no alias '" + alias + "'");
    }

    static ModelRow modelRow(java.sql.ResultSet rs) throws SQLException {
        return new ModelRow(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4),
                rs.getInt(5) != 0);
    }

    public static ModelInfo modelInfo(Tx tx, ModelRow m) throws SQLException {
        Map<String, String> tags = new HashMap<>();
        for (String[] t : tx.query("SELECT key, value FROM model_tag WHERE model_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, m.id())) {
            tags.put(t[0], t[1]);
        }
        Map<String, Integer> aliases = new HashMap<>();
        for (Object[] a : tx.query("SELECT a.name, v.number FROM alias a JOIN version v ON v.id = a.version_id"
                + " WHERE a.model_id = ?", rs -> new Object[] {rs.getString(1), rs.getInt(2)}, m.id())) {
            aliases.put((String) a[0], (Integer) a[1]);
        }
        Optional<Integer> latest = tx.queryOne("SELECT number FROM version WHERE model_id = ? AND state = 'LIVE'"
                + " ORDER BY number DESC LIMIT 1", rs -> rs.getInt(1), m.id());
        int live = tx.queryOne("SELECT count(*) FROM version WHERE model_id = ? AND state = 'LIVE'",
                rs -> rs.getInt(1), m.id()).orElse(0);
        return new ModelInfo(m.name(), m.createdAt(), tags, aliases, latest, live);
    }
}
