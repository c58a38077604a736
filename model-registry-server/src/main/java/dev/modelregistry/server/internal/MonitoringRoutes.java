package dev.modelregistry.server.internal;

import dev.modelregistry.api.monitoring.AlertListener;
import dev.modelregistry.api.monitoring.Monitoring;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.security.Role;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Monitoring snapshots, drift, live accuracy and alerts under /api/v1, alerts also as a Server-Sent Events
 * stream (event {@code alert}, data the alert as JSON), and the Prometheus scrape endpoint {@code /metrics}.
 */
final class MonitoringRoutes implements RouteGroup {
    private final PrometheusMeterRegistry meters;

    MonitoringRoutes(PrometheusMeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void register(RoutesConfig r, ServerContext server) {
        Monitoring monitoring = server.registry().monitoring();
        String env = ModelRoutes.BASE + "/monitoring/{environment}";
        r.get(env, ctx -> ctx.json(monitoring.snapshot(Params.environment(ctx))));
        r.get(env + "/drift", ctx -> ctx.json(monitoring.drift(Params.environment(ctx))));
        r.get(env + "/accuracy", ctx -> ctx.json(monitoring.liveAccuracy(Params.environment(ctx))));
        r.get(env + "/aggregate", ctx -> ctx.json(monitoring.aggregate(Params.environment(ctx))));
        r.get(env + "/alerts", ctx -> ctx.json(monitoring.check(Params.environment(ctx))));
        r.sse(ModelRoutes.BASE + "/alerts/stream", client -> {
            // The listener runs on whatever thread checks; sending to a closed client just fails quietly.
            AlertListener listener = alert -> {
                if (!client.terminated()) {
                    client.sendEvent("alert", server.json().valueToTree(alert).toString());
                }
            };
            monitoring.addListener(listener);
            client.onClose(() -> monitoring.removeListener(listener));
            client.sendComment("listening for alerts");
            client.keepAlive();
        }, Role.READER);
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(meters.scrape()), Role.READER);
    }
}
