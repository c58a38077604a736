package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.StorageException;
import java.sql.SQLException;
import java.util.List;

/**
 * The versioned schema of {@code registry.db}. Each migration runs once, in order, inside the
 * opening transaction; {@code PRAGMA user_version} records how far a database has come. A database
 * written by a newer library (a higher version than we know) is refused rather than misread.
 */
public final class Migrations {
    /** Each entry is one schema version; append, never edit a released one. */
    private static final List<String> STEPS = List.of(
            """
            CREATE TABLE model (
              id           INTEGER PRIMARY KEY,
              name         TEXT    NOT NULL UNIQUE,
              created_at   INTEGER NOT NULL,
              next_version INTEGER NOT NULL,
              deleted      INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE version (
              id         INTEGER PRIMARY KEY,
              model_id   INTEGER NOT NULL REFERENCES model(id),
              number     INTEGER NOT NULL,
              state      TEXT    NOT NULL,
              digest     TEXT    NOT NULL,
              size       INTEGER NOT NULL,
              format_id  TEXT    NOT NULL,
              model_type TEXT    NOT NULL,
              metadata   TEXT    NOT NULL,
              created_at INTEGER NOT NULL,
              created_by TEXT    NOT NULL,
              deleted_at INTEGER,
              UNIQUE (model_id, number)
            );
            CREATE INDEX version_created ON version (created_at, id);
            CREATE INDEX version_type ON version (model_type, created_at, id);
            CREATE INDEX version_digest ON version (digest);
            CREATE TABLE version_tag (
              version_id INTEGER NOT NULL REFERENCES version(id),
              key        TEXT    NOT NULL,
              value      TEXT    NOT NULL,
              PRIMARY KEY (version_id, key)
            ) WITHOUT ROWID;
            CREATE INDEX version_tag_lookup ON version_tag (key, value, version_id);
            CREATE TABLE version_metric (
              version_id INTEGER NOT NULL REFERENCES version(id),
              name       TEXT    NOT NULL,
              value      REAL    NOT NULL,
              PRIMARY KEY (version_id, name)
            ) WITHOUT ROWID;
            CREATE INDEX version_metric_lookup ON version_metric (name, value, version_id);
            CREATE TABLE model_tag (
              model_id INTEGER NOT NULL REFERENCES model(id),
              key      TEXT    NOT NULL,
              value    TEXT    NOT NULL,
              PRIMARY KEY (model_id, key)
            ) WITHOUT ROWID;
            CREATE TABLE alias (
              model_id   INTEGER NOT NULL REFERENCES model(id),
              name       TEXT    NOT NULL,
              version_id INTEGER NOT NULL REFERENCES version(id),
              PRIMARY KEY (model_id, name)
            ) WITHOUT ROWID;
            CREATE INDEX alias_version ON alias (version_id);
            CREATE TABLE alias_change (
              id       INTEGER PRIMARY KEY,
              model_id INTEGER NOT NULL REFERENCES model(id),
              alias    TEXT    NOT NULL,
              previous INTEGER,
              target   INTEGER,
              at       INTEGER NOT NULL,
              actor    TEXT    NOT NULL,
              reason   TEXT    NOT NULL,
              undone   INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX alias_change_lookup ON alias_change (model_id, alias, id);
            CREATE TABLE audit (
              id        INTEGER PRIMARY KEY,
              at        INTEGER NOT NULL,
              actor     TEXT    NOT NULL,
              operation TEXT    NOT NULL,
              model     TEXT    NOT NULL,
              target    TEXT    NOT NULL,
              before    TEXT    NOT NULL,
              after     TEXT    NOT NULL
            );
            CREATE INDEX audit_model ON audit (model, at, id);
            CREATE INDEX audit_at ON audit (at, id);
            """,
            """
            CREATE TABLE version_document (
              version_id INTEGER NOT NULL REFERENCES version(id),
              name       TEXT    NOT NULL,
              body       TEXT    NOT NULL,
              updated_at INTEGER NOT NULL,
              PRIMARY KEY (version_id, name)
            ) WITHOUT ROWID;
            """,
            // 3: deployments (one row per version bound to an environment) and their history.
            """
            CREATE TABLE deployment (
              id          INTEGER PRIMARY KEY,
              environment TEXT    NOT NULL,
              version_id  INTEGER NOT NULL REFERENCES version(id),
              spec        TEXT    NOT NULL,
              state       TEXT    NOT NULL,
              weight      INTEGER NOT NULL,
              since       INTEGER NOT NULL,
              created_at  INTEGER NOT NULL,
              previous_id INTEGER REFERENCES deployment(id)
            );
            CREATE INDEX deployment_environment ON deployment (environment, state, id);
            CREATE INDEX deployment_version ON deployment (version_id, state);
            CREATE TABLE deployment_event (
              id            INTEGER PRIMARY KEY,
              deployment_id INTEGER NOT NULL REFERENCES deployment(id),
              environment   TEXT    NOT NULL,
              action        TEXT    NOT NULL,
              from_state    TEXT,
              to_state      TEXT    NOT NULL,
              weight        INTEGER NOT NULL,
              at            INTEGER NOT NULL,
              actor         TEXT    NOT NULL,
              reason        TEXT    NOT NULL
            );
            CREATE INDEX deployment_event_environment ON deployment_event (environment, id);
            """,
            // 4: the registry's identity, also written beside the blobs, so that a lost or foreign
            // database is never mistaken for an empty registry (see RegistryIdentity).
            """
            CREATE TABLE registry_identity (
              id         TEXT    NOT NULL,
              created_at INTEGER NOT NULL
            );
            """,
            // 5: audit rows belong to a model's identity, not to its name text, so that renameModel keeps a
            // model's history and a new model that reuses an old name does not inherit it. Rows written before
            // this step are matched by the name they were written under; a row whose model has since been
            // renamed keeps model_id NULL and is still found by that old name (AuditLog.query).
            """
            ALTER TABLE audit ADD COLUMN model_id INTEGER REFERENCES model(id);
            UPDATE audit SET model_id = (SELECT m.id FROM model m WHERE m.name = audit.model);
            CREATE INDEX audit_model_id ON audit (model_id, id);
            """,
            // 6: predictions an endpoint served with a request id, kept until their outcome is recorded and
            // read back for live accuracy (see SqlOutcomeStore); one row per deployment that answered the
            // request (the stable or canary answer, and a shadow's). Bounded by the outcome retention, which
            // deletes by served_at. predicted is NULL when the model's answer was not finite.
            """
            CREATE TABLE served_prediction (
              request_id    TEXT    NOT NULL,
              deployment_id INTEGER NOT NULL REFERENCES deployment(id),
              version_id    INTEGER NOT NULL REFERENCES version(id),
              environment   TEXT    NOT NULL,
              role          TEXT    NOT NULL,
              routing_key   TEXT,
              predicted     REAL,
              served_at     INTEGER NOT NULL,
              actual        REAL,
              outcome_at    INTEGER,
              PRIMARY KEY (request_id, deployment_id)
            ) WITHOUT ROWID;
            CREATE INDEX served_prediction_served ON served_prediction (served_at);
            CREATE INDEX served_prediction_version_outcomes ON served_prediction (environment, version_id, served_at)
              WHERE actual IS NOT NULL;
            CREATE INDEX served_prediction_deployment_outcomes ON served_prediction (deployment_id, served_at)
              WHERE actual IS NOT NULL;
            """,
            // 7: each registry process's last copy of its in-memory monitoring counters, so that every process
            // sharing the database can add them up (Monitoring.aggregate, see SqlHostMetricsStore). A host row
            // per registry process (id drawn when it opens), replaced about every second while it serves; its
            // count rows are replaced with it. Hosts not heard of for the retention are deleted.
            """
            CREATE TABLE monitoring_host (
              host_id   TEXT    NOT NULL PRIMARY KEY,
              taken_at  INTEGER NOT NULL,
              closed_at INTEGER
            ) WITHOUT ROWID;
            CREATE INDEX monitoring_host_taken ON monitoring_host (taken_at);
            CREATE TABLE monitoring_count (
              host_id         TEXT    NOT NULL REFERENCES monitoring_host(host_id),
              deployment_id   INTEGER NOT NULL REFERENCES deployment(id),
              environment     TEXT    NOT NULL,
              version_id      INTEGER NOT NULL REFERENCES version(id),
              requests        INTEGER NOT NULL,
              errors          INTEGER NOT NULL,
              latency_buckets TEXT    NOT NULL,
              PRIMARY KEY (host_id, deployment_id)
            ) WITHOUT ROWID;
            CREATE INDEX monitoring_count_environment ON monitoring_count (environment, host_id);
            """);

    private Migrations() {
    }

    static Void migrate(Tx tx) throws SQLException {
        int current = tx.queryOne("PRAGMA user_version", rs -> rs.getInt(1)).orElse(0);
        if (current > STEPS.size()) {
            throw new StorageException("the registry database has schema version " + current
                    + " but this library knows only up to " + STEPS.size() + ": upgrade model-registry");
        }
        for (int v = current; v < STEPS.size(); v++) {
            for (String statement : STEPS.get(v).split(";")) {
                if (!statement.isBlank()) {
                    tx.execute(statement);
                }
            }
            tx.execute("PRAGMA user_version = " + (v + 1));
        }
        return null;
    }
}
