package dev.modelregistry.server.internal;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Prediction;
import dev.modelregistry.api.deployment.Routing;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.dashboard.CanaryVerdictView;
import dev.modelregistry.server.security.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments (deploy, ramp, promote, rollback, undeploy, status, the live canary verdict), predictions and outcomes
 * under /api/v1. The canary verdict is {@code Deployer.assess}: what analysis would decide now, changing nothing.
 * A prediction answers with the version that served it and a request id, both also as headers
 * ({@value #VERSION_HEADER}, {@value #REQUEST_ID_HEADER}); the request id is what an outcome names later.
 */
final class DeploymentRoutes implements RouteGroup {
    static final String ROUTING_KEY_HEADER = "X-Routing-Key";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String VERSION_HEADER = "X-Model-Version";

    /**
     * A deploy request. {@code version} is a reference such as {@code churn/3} or {@code churn@champion};
     * {@code strategy} replace (default), canary, shadow or blue_green; {@code percent} or {@code steps} the
     * canary's weights; {@code policy} the canary's automatic analysis, absent to leave it to people.
     */
    record DeployBody(String version, String strategy, Integer percent, List<Integer> steps, String routing,
            String evaluationOverride, PolicyBody policy) {
    }

    /**
     * A canary policy: each field given replaces {@link CanaryPolicy#defaults()}'s, so {@code {}} asks for the
     * defaults. {@code minOutcomes} above 0 turns the live-accuracy comparison on, at {@code liveAccuracyAlpha}
     * (default {@value CanaryPolicy#DEFAULT_LIVE_ACCURACY_ALPHA}).
     */
    record PolicyBody(Optional<Long> minRequests, Optional<Double> maxErrorRateDelta,
            Optional<Double> maxLatencyRatio, Optional<Double> maxPredictionPsi, Optional<Integer> minOutcomes,
            Optional<Double> liveAccuracyAlpha) {
        CanaryPolicy toPolicy() {
            return CanaryPolicy.defaultsWith(minRequests, maxErrorRateDelta, maxLatencyRatio, maxPredictionPsi,
                    minOutcomes, liveAccuracyAlpha);
        }
    }

    record PercentBody(int percent) {
    }

    record ReasonBody(String reason) {
    }

    record PredictBody(double[] features) {
    }

    record BatchBody(double[][] rows, List<String> routingKeys) {
    }

    record OutcomeBody(String requestId, double actual) {
    }

    @Override
    public void register(RoutesConfig r, ServerContext server) {
        Deployer deployer = server.registry().deployer();
        String base = ModelRoutes.BASE + "/deployments";
        String env = base + "/{environment}";

        r.get(base, ctx -> ctx.json(deployer.deployments()));
        r.get(env, ctx -> {
            String environment = Params.environment(ctx);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("environment", environment);
            out.put("deployments", deployer.deployments(environment));
            ctx.json(out);
        });
        r.get(env + "/history", ctx -> ctx.json(deployer.history(Params.environment(ctx))));
        r.get(env + "/canary", ctx -> {
            String environment = Params.environment(ctx);
            ctx.json(CanaryVerdictView.of(deployer.assess(environment), deployer.deployments(environment)));
        });
        r.post(env, ctx -> {
            String environment = Params.environment(ctx);
            DeployBody body = server.readJson(ctx, DeployBody.class);
            ModelRef ref = ModelRef.parse(ModelRoutes.require(body.version(), "version"));
            ctx.status(201).json(deployer.deploy(ref, environment, spec(body)));
        }, Role.DEPLOYER);
        r.post(env + "/ramp", ctx -> {
            String environment = Params.environment(ctx);
            ctx.json(deployer.setCanaryWeight(environment, server.readJson(ctx, PercentBody.class).percent()));
        }, Role.DEPLOYER);
        r.post(env + "/promote", ctx -> ctx.json(deployer.promote(Params.environment(ctx))), Role.DEPLOYER);
        r.post(env + "/rollback", ctx -> {
            String environment = Params.environment(ctx);
            String reason = ctx.req().getContentLengthLong() > 0
                    ? server.readJson(ctx, ReasonBody.class).reason() : null;
            ctx.json(reason == null ? deployer.rollback(environment) : deployer.rollback(environment, reason));
        }, Role.DEPLOYER);
        r.delete(env, ctx -> {
            deployer.undeploy(Params.environment(ctx));
            ctx.json(Map.of());
        }, Role.DEPLOYER);

        r.post(ModelRoutes.BASE + "/predict/{environment}", ctx -> {
            String environment = Params.environment(ctx);
            PredictBody body = server.readJson(ctx, PredictBody.class);
            Prediction p = deployer.endpoint(environment).serve(ModelRoutes.require(body.features(), "features"),
                    ctx.header(ROUTING_KEY_HEADER));
            ctx.header(REQUEST_ID_HEADER, p.requestId()).header(VERSION_HEADER, label(p.version()));
            ctx.json(prediction(p));
        }, Role.READER);
        r.post(ModelRoutes.BASE + "/predict/{environment}/batch", ctx -> {
            String environment = Params.environment(ctx);
            BatchBody body = server.readJson(ctx, BatchBody.class);
            double[][] rows = ModelRoutes.require(body.rows(), "rows");
            String[] keys = new String[rows.length];
            if (body.routingKeys() != null) {
                if (body.routingKeys().size() != rows.length) {
                    throw new InvalidArgumentException("routingKeys must have one key per row");
                }
                body.routingKeys().toArray(keys);
            } else if (ctx.header(ROUTING_KEY_HEADER) != null) {
                java.util.Arrays.fill(keys, ctx.header(ROUTING_KEY_HEADER));
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Prediction p : deployer.endpoint(environment).serveBatch(rows, keys)) {
                out.add(prediction(p));
            }
            ctx.json(Map.of("predictions", out));
        }, Role.READER);
        r.post(ModelRoutes.BASE + "/outcomes", ctx -> {
            OutcomeBody body = server.readJson(ctx, OutcomeBody.class);
            boolean recorded = server.registry().monitoring().recordOutcome(
                    ModelRoutes.require(body.requestId(), "requestId"), body.actual());
            ctx.json(Map.of("recorded", recorded));
        }, Role.WRITER);
    }

    private static Map<String, Object> prediction(Prediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", p.requestId());
        m.put("value", p.value());
        m.put("version", Views.ref(p.version()));
        m.put("canary", p.canary());
        return m;
    }

    private static String label(ModelRef.Numbered v) {
        return v.model() + "/" + v.version();
    }

    private static DeploymentSpec spec(DeployBody body) {
        String strategy = body.strategy() == null ? "replace" : body.strategy().toLowerCase(java.util.Locale.ROOT);
        DeploymentSpec spec = switch (strategy) {
            case "replace" -> DeploymentSpec.replace();
            case "shadow" -> DeploymentSpec.shadow();
            case "blue_green", "blue-green" -> DeploymentSpec.blueGreen();
            case "canary" -> body.steps() != null ? DeploymentSpec.canarySteps(body.steps())
                    : DeploymentSpec.canary(ModelRoutes.require(body.percent(), "percent"));
            default -> throw new InvalidArgumentException("unknown strategy '" + body.strategy()
                    + "': expected replace, canary, shadow or blue_green");
        };
        if (body.routing() != null) {
            spec = spec.withRouting(ModelRoutes.enumValue(Routing.class, body.routing(), "routing"));
        }
        if (body.evaluationOverride() != null) {
            spec = spec.withEvaluationOverride(body.evaluationOverride());
        }
        if (body.policy() != null) {
            spec = spec.withPolicy(body.policy().toPolicy());
        }
        return spec;
    }

}
