package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.core.internal.Json;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.VersionNotFoundException;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.IllegalTransitionException;
import dev.modelregistry.core.internal.metadata.DeploymentStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link DeploymentStore} over the {@code deployment} and {@code deployment_event} tables. A deployment
 * refers to its version by row id, so renaming the model carries the deployment along. Each change
 * writes its event and its audit row (operation {@code deployment-<action>}, target
 * {@code <environment>/<version>}) in the transaction of the change. Thread-safe.
 */
public final class SqlDeploymentStore implements DeploymentStore {
    private static final String SELECT = "SELECT d.id, d.environment, m.name, v.number, d.spec, d.state, d.weight,"
            + " d.since FROM deployment d JOIN version v ON v.id = d.version_id JOIN model m ON m.id = v.model_id";

    private static final String LIVE_OF_ENVIRONMENT = " WHERE d.environment = ? AND d.state NOT IN ('RETIRED',"
            + " 'ROLLED_BACK') ORDER BY CASE WHEN d.state IN ('ACTIVE', 'PROMOTED') THEN 0 ELSE 1 END, d.id";

    private final RegistryContext ctx;

    public SqlDeploymentStore(RegistryContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public List<Deployment> live() {
        return ctx.db().read(tx -> tx.query(SELECT + " WHERE d.state NOT IN ('RETIRED', 'ROLLED_BACK')"
                + " ORDER BY d.environment, d.id", SqlDeploymentStore::deployment));
    }

    @Override
    public List<Deployment> live(String environment) {
        return ctx.db().read(tx -> tx.query(SELECT + LIVE_OF_ENVIRONMENT, SqlDeploymentStore::deployment, environment));
    }

    /** Pushes the news of a committed change to the listeners of other hosts where the database can. */
    @Override
    public AutoCloseable listen(Runnable wake) {
        return ctx.db() instanceof PostgresDatabase pg ? pg.listen(PostgresDatabase.DEPLOYMENT_CHANNEL, wake)
                : () -> { };
    }

    @Override
    public long lastEventId() {
        return ctx.db().read(tx -> tx.queryOne("SELECT COALESCE(MAX(id), 0) FROM deployment_event",
                rs -> rs.getLong(1)).orElse(0L));
    }

    @Override
    public List<DeploymentEvent> history(String environment) {
        return ctx.db().read(tx -> tx.query("SELECT e.id, e.environment, e.deployment_id, m.name, v.number, e.action,"
                + " e.from_state, e.to_state, e.weight, e.at, e.actor, e.reason FROM deployment_event e"
                + " JOIN deployment d ON d.id = e.deployment_id JOIN version v ON v.id = d.version_id"
                + " JOIN model m ON m.id = v.model_id WHERE e.environment = ? ORDER BY e.id", rs -> {
                    String from = rs.getString(7);
                    return new DeploymentEvent(rs.getLong(1), rs.getString(2), rs.getLong(3),
                            new ModelRef.Numbered(rs.getString(4), rs.getInt(5)), rs.getString(6),
                            from == null ? Optional.empty() : Optional.of(DeploymentState.valueOf(from)),
                            DeploymentState.valueOf(rs.getString(8)), rs.getInt(9),
                            Instant.ofEpochMilli(rs.getLong(10)), rs.getString(11), rs.getString(12));
                }, environment));
    }

    @Override
    public <T> T update(String environment, Update<T> update) {
        return ctx.db().write(tx -> {
            TxChanges changes = new TxChanges(tx, environment, ctx.now());
            try {
                T result = update.apply(changes);
                if (ctx.db().dialect() == Dialect.POSTGRESQL) {
                    // Delivered to every listener when this transaction commits, and not at all if it rolls back.
                    tx.query("SELECT pg_notify(?, ?)", rs -> null, PostgresDatabase.DEPLOYMENT_CHANNEL,
                            environment);
                }
                return result;
            } catch (SqlFailure e) {
                throw e.getCause();
            }
        });
    }

    private static Deployment deployment(ResultSet rs) throws SQLException {
        return new Deployment(rs.getLong(1), rs.getString(2), new ModelRef.Numbered(rs.getString(3), rs.getInt(4)),
                Json.read(rs.getString(5), DeploymentSpec.class), DeploymentState.valueOf(rs.getString(6)),
                rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)));
    }

    /** Carries an SQLException through the update's functional interface. */
    private static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private final class TxChanges implements Changes {
        private final Tx tx;
        private final String environment;
        private final Instant now;

        TxChanges(Tx tx, String environment, Instant now) {
            this.tx = tx;
            this.environment = environment;
            this.now = now;
        }

        @Override
        public List<Deployment> live() {
            return sql(() -> tx.query(SELECT + LIVE_OF_ENVIRONMENT, SqlDeploymentStore::deployment, environment));
        }

        @Override
        public Optional<Deployment> previousStable(Deployment stable) {
            return sql(() -> tx.query(SELECT + " WHERE d.id = (SELECT previous_id FROM deployment WHERE id = ?)",
                    SqlDeploymentStore::deployment, stable.id())).stream().findFirst();
        }

        @Override
        public Deployment create(ModelRef.Numbered version, DeploymentSpec spec, DeploymentState state,
                int weightPercent, Optional<Deployment> previousStable, String action, String reason) {
            return sql(() -> {
                long versionId = tx.queryOne("SELECT v.id FROM version v JOIN model m ON m.id = v.model_id"
                                + " WHERE m.name = ? AND v.number = ? AND v.state = 'LIVE' AND m.deleted = 0",
                        rs -> rs.getLong(1), version.model(), version.version())
                        .orElseThrow(() -> new VersionNotFoundException("version " + version + " is not live"));
                long id = tx.insert("INSERT INTO deployment (environment, version_id, spec, state, weight, since,"
                                + " created_at, previous_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        environment, versionId, Json.write(spec), state.name(), weightPercent, now.toEpochMilli(),
                        now.toEpochMilli(), previousStable.map(Deployment::id).orElse(null));
                Deployment created = new Deployment(id, environment, version, spec, state, weightPercent, now);
                event(created, action, Optional.empty(), reason);
                return created;
            });
        }

        @Override
        public Deployment move(Deployment deployment, DeploymentState to, int weightPercent,
                Optional<Deployment> previousStable, String action, String reason) {
            if (!deployment.state().canMoveTo(to)) {
                throw new IllegalTransitionException("deployment " + deployment.id() + " (" + deployment.version()
                        + ") in '" + environment + "' cannot move from " + deployment.state() + " to " + to);
            }
            return sql(() -> {
                int changed = tx.update("UPDATE deployment SET state = ?, weight = ?, since = ?,"
                                + " previous_id = COALESCE(?, previous_id) WHERE id = ? AND state = ?",
                        to.name(), weightPercent, now.toEpochMilli(), previousStable.map(Deployment::id).orElse(null),
                        deployment.id(), deployment.state().name());
                if (changed != 1) {
                    throw new dev.modelregistry.api.ConflictException("deployment " + deployment.id() + " in "
                            + environment + " changed meanwhile; retry");
                }
                Deployment moved = new Deployment(deployment.id(), environment, deployment.version(), deployment.spec(),
                        to, weightPercent, now);
                event(moved, action, Optional.of(deployment.state()), reason);
                return moved;
            });
        }

        @Override
        public void audit(String operation, ModelRef.Numbered version, String before, String after) {
            sql(() -> {
                AuditLog.record(tx, now, ctx.actor(), operation, version.model(),
                        environment + "/" + version.version(), before, after);
                return null;
            });
        }

        private void event(Deployment d, String action, Optional<DeploymentState> from, String reason)
                throws SQLException {
            tx.insert("INSERT INTO deployment_event (deployment_id, environment, action, from_state, to_state, weight,"
                            + " at, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    d.id(), environment, action, from.map(Enum::name).orElse(null), d.state().name(),
                    d.weightPercent(), now.toEpochMilli(), ctx.actor(), reason);
            AuditLog.record(tx, now, ctx.actor(), "deployment-" + action, d.version().model(),
                    environment + "/" + d.version().version(),
                    from.map(Enum::name).orElse(""), d.state().name() + " weight=" + d.weightPercent()
                            + (reason.isEmpty() ? "" : " reason=" + reason));
        }
    }
}
