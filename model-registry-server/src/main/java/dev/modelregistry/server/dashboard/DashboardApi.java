package dev.modelregistry.server.dashboard;

import dev.modelregistry.api.Names;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.monitoring.Alert;
import dev.modelregistry.api.monitoring.Monitoring;
import dev.modelregistry.api.storage.StoredArtifact;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.Principal;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.security.Role;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The JSON the dashboard reads besides the rest of {@code /api/v1}, served whether or not the pages are:
 * <ul>
 *   <li>{@code GET /api/v1/whoami}: the caller's principal and role, so a page shows only what the token may do;
 *   <li>{@code GET /api/v1/monitoring/{environment}/stream}: Server-Sent Events, one {@code snapshot} event at
 *       once and then every interval, with the environment's deployments, serving metrics, drift, live accuracy,
 *       the live canary verdict ({@code Deployer.assess}, see {@link CanaryVerdictView}) and recent deployment history (canary steps, promotions and rollbacks with their reasons);
 *   <li>{@code GET /api/v1/alerts}: the alerts raised while the server runs, open (raised within the rules'
 *       cooldown) and past;
 *   <li>{@code GET /api/v1/registry/health}: the latest {@code verify} run through this server, the storage used
 *       and the automatic backups.
 * </ul>
 * All need the reader role. Reading a snapshot has no side effect: the stream judges a canary only through the read-only
 * {@code assess}, never {@code analyze}, and never checks alert rules (both act on what they find).
 *
 * <p>Thread-safe.
 */
public final class DashboardApi implements RouteGroup, AutoCloseable {
    private static final int HISTORY = 20;
    private static final int ALERTS_KEPT = 500;

    private final Duration interval;
    private final AlertLog alerts = new AlertLog(ALERTS_KEPT);
    private final AtomicReference<Map<String, Object>> lastVerify = new AtomicReference<>();
    private final LiveSnapshots live;
    private final AtomicReference<Monitoring> listenedTo = new AtomicReference<>();

    private DashboardApi(Duration interval) {
        this.interval = interval;
        this.live = new LiveSnapshots(interval);
    }

    /**
     * The endpoints, streaming a snapshot every {@code interval}.
     *
     * @param interval time between two snapshots of one stream, positive
     * @return a new route group, for one server
     */
    public static DashboardApi create(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new dev.modelregistry.api.InvalidArgumentException("interval must be positive, not " + interval);
        }
        return new DashboardApi(interval);
    }

    /**
     * Remembers a {@code verify} run through the server, for the Registry health page.
     *
     * @param report what it found
     */
    public void verified(VerifyReport report) {
        Objects.requireNonNull(report, "report");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", Instant.now().toString());
        m.put("healthy", report.healthy());
        m.put("versionsChecked", report.versionsChecked());
        m.put("blobsChecked", report.blobsChecked());
        m.put("bytesChecked", report.bytesChecked());
        m.put("findings", report.findings());
        lastVerify.set(m);
    }

    @Override
    public void register(RoutesConfig r, ServerContext server) {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(server, "server");
        ModelRegistry registry = server.registry();
        Monitoring monitoring = registry.monitoring();
        monitoring.addListener(alerts);
        listenedTo.set(monitoring);
        r.get("/api/v1/whoami", ctx -> {
            Principal p = server.principal(ctx);
            ctx.json(Map.of("principal", p.name(), "role", p.role().name().toLowerCase(Locale.ROOT),
                    "roles", roles(p.role())));
        }, Role.READER);
        r.sse("/api/v1/monitoring/{environment}/stream", client -> {
            String environment = Names.requireEnvironmentName(client.ctx().pathParam("environment"));
            live.stream(client, () -> server.json().valueToTree(snapshot(registry, environment)).toString());
        }, Role.READER);
        r.get("/api/v1/alerts", ctx -> ctx.json(alerts(monitoring)), Role.READER);
        r.get("/api/v1/registry/health", ctx -> ctx.json(health(registry)), Role.READER);
    }

    private static List<String> roles(Role role) {
        List<String> out = new ArrayList<>();
        for (Role r : Role.values()) {
            if (role.covers(r)) {
                out.add(r.name().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Map<String, Object> snapshot(ModelRegistry registry, String environment) {
        Deployer deployer = registry.deployer();
        Monitoring monitoring = registry.monitoring();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", Instant.now().toString());
        m.put("environment", environment);
        List<Deployment> deployments = deployer.deployments(environment);
        m.put("deployments", deployments);
        m.put("metrics", monitoring.snapshot(environment));
        m.put("drift", deployments.isEmpty() ? List.of() : monitoring.drift(environment));
        m.put("accuracy", deployments.isEmpty() ? List.of() : monitoring.liveAccuracy(environment));
        // assess, not analyze: the verdict analysis would reach now, without acting on it.
        m.put("canary", CanaryVerdictView.of(deployer.assess(environment), deployments));
        var history = deployer.history(environment);
        m.put("history", history.subList(Math.max(0, history.size() - HISTORY), history.size()));
        return m;
    }

    private Map<String, Object> alerts(Monitoring monitoring) {
        Instant openSince = Instant.now().minus(monitoring.rules().cooldown());
        List<Alert> open = new ArrayList<>();
        List<Alert> past = new ArrayList<>();
        for (Alert a : alerts.recent()) {
            (a.at().isAfter(openSince) ? open : past).add(a);
        }
        return Map.of("open", open, "past", past);
    }

    private Map<String, Object> health(ModelRegistry registry) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> verify = lastVerify.get();
        if (verify != null) {
            m.put("lastVerify", verify);
        }
        long blobs = 0;
        long bytes = 0;
        try (Stream<StoredArtifact> stored = registry.storage().list()) {
            for (StoredArtifact a : (Iterable<StoredArtifact>) stored::iterator) {
                blobs++;
                bytes += a.info().size();
            }
        }
        m.put("storage", Map.of("blobs", blobs, "bytes", bytes));
        m.put("models", registry.versions().models().size());
        List<Map<String, Object>> backups = new ArrayList<>();
        for (Path p : registry.backups().automaticBackups()) {
            try {
                backups.add(Map.of("name", p.getFileName().toString(), "bytes", Files.size(p), "modifiedAt",
                        Files.getLastModifiedTime(p).toInstant().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read backup " + p, e);
            }
        }
        m.put("backups", backups);
        return m;
    }

    /**
     * Ends the live streams' schedules and stops recording alerts (the registry may outlive the server); call it
     * before the server stops. Idempotent.
     */
    @Override
    public void close() {
        live.close();
        Monitoring m = listenedTo.getAndSet(null);
        if (m != null) {
            m.removeListener(alerts);
        }
    }

    @Override
    public String toString() {
        return "DashboardApi[every " + interval + "]";
    }
}
