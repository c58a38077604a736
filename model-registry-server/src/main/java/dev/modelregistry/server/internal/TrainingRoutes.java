package dev.modelregistry.server.internal;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.TrainingJob;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.EvaluationReports;
import dev.modelregistry.core.evaluation.market.HtmlReport;
import dev.modelregistry.core.training.Datasets;
import dev.modelregistry.server.Access;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.security.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Training over HTTP: upload a CSV (streamed to a file the server owns), submit a job on it, follow its
 * progress as Server-Sent Events, cancel it; the trained model is registered under the submitter's principal.
 * Evaluation reports stored with a version are served as JSON or as a self-contained HTML page.
 *
 * <p>Jobs live in memory: a restarted server forgets them (the versions they registered stay).
 */
final class TrainingRoutes implements RouteGroup, AutoCloseable {
    /** A job submission. {@code features} empty means every column but the label. */
    record JobBody(String trainer, String dataset, String label, List<String> features,
            Map<String, String> parameters, String model) {
    }

    private final Path datasets;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    TrainingRoutes() {
        try {
            this.datasets = Files.createTempDirectory("model-registry-server-datasets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(RoutesConfig r, ServerContext server) {
        String base = ModelRoutes.BASE + "/training";
        r.post(base + "/datasets", ctx -> {
            String id = UUID.randomUUID().toString();
            Path file = datasets.resolve(id + ".csv");
            try (InputStream in = ctx.req().getInputStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            ctx.status(201).json(Map.of("id", id, "size", Files.size(file)));
        }, Role.WRITER, Access.STREAMED_BODY);
        r.post(base + "/jobs", ctx -> submit(server, ctx), Role.WRITER);
        r.get(base + "/jobs/{job}", ctx -> ctx.json(job(ctx).status()));
        r.post(base + "/jobs/{job}/cancel", ctx -> {
            Job job = job(ctx);
            job.handle.cancel();
            ctx.json(job.status());
        }, Role.WRITER);
        r.sse(base + "/jobs/{job}/events", client -> job(client.ctx()).subscribe(client), Role.READER);

        r.get(ModelRoutes.BASE + "/models/{model}/versions/{version}/evaluation", ctx -> {
            ModelRef ref = Params.ref(ctx);
            ModelVersion version = server.registry().versions().get(ref);
            EvaluationReport report = EvaluationReports.read(server.registry().versions(), ref).orElseThrow(
                    () -> new NotFoundException("version " + version.model() + "/" + version.version()
                            + " has no stored evaluation report"));
            String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
            if ("html".equals(ctx.queryParam("format")) || accept.contains("text/html")) {
                ctx.contentType("text/html; charset=utf-8").result(HtmlReport.render(
                        version.model() + " v" + version.version(), report, version));
            } else {
                ctx.contentType("application/json").result(EvaluationReports.toJson(report));
            }
        });
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("job");
        Job job = jobs.get(id);
        if (job == null) {
            throw new NotFoundException("no training job '" + id + "'");
        }
        return job;
    }

    private void submit(ServerContext server, Context ctx) {
        JobBody body = server.readJson(ctx, JobBody.class);
        String model = dev.modelregistry.api.Names.requireModelName(ModelRoutes.require(body.model(), "model"));
        String datasetId = ModelRoutes.require(body.dataset(), "dataset");
        if (!datasetId.matches("[0-9a-f-]{36}")) {
            throw new InvalidArgumentException("dataset must be an id from POST /api/v1/training/datasets");
        }
        Path file = datasets.resolve(datasetId + ".csv");
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no dataset '" + datasetId + "'");
        }
        String label = ModelRoutes.require(body.label(), "label");
        Dataset data = Datasets.fromCsv(file, label, Optional.empty(),
                body.features() == null ? List.of() : body.features());
        TrainingSpec spec = TrainingSpec.defaults();
        if (body.parameters() != null) {
            for (Map.Entry<String, String> p : body.parameters().entrySet()) {
                spec = spec.withParameter(p.getKey(), p.getValue());
            }
        }
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, model);
        TrainingRequest request = TrainingRequest.of(ModelRoutes.require(body.trainer(), "trainer"), data)
                .withSpec(spec).withTarget(label).withProgress((iteration, total, metric) ->
                        job.progress(iteration, total, metric));
        String actor = server.principal(ctx).name();
        ModelRegistry registry = server.registry();
        job.handle = registry.training().trainAsync(request);
        jobs.put(id, job);
        // Registering happens on the training thread: name the submitter as the actor explicitly there.
        job.handle.result().whenComplete((trained, failure) -> {
            if (failure != null) {
                job.finish(Optional.empty(), Optional.of(failure));
                return;
            }
            try (trained) {
                ModelVersion v = actor.equals(dev.modelregistry.server.Principal.LOCAL.name())
                        ? registry.training().register(model, trained)
                        : registry.callAs(actor, () -> registry.training().register(model, trained));
                job.finish(Optional.of(v), Optional.empty());
            } catch (RuntimeException e) {
                job.finish(Optional.empty(), Optional.of(e));
            }
        });
        ctx.status(202).json(job.status());
    }

    @Override
    public void close() {
        jobs.values().forEach(j -> j.handle.cancel());
        try (var files = Files.list(datasets)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(datasets);
        } catch (IOException e) {
            // A leftover temp file is harmless; the directory is named for what it is.
        }
    }

    /** One job's state and its SSE subscribers; guarded by its own monitor. */
    static final class Job {
        private final String id;
        private final String model;
        private final List<SseClient> subscribers = new ArrayList<>();
        private volatile TrainingJob handle;
        private int iteration;
        private int total;
        private OptionalDouble metric = OptionalDouble.empty();
        private String state = "RUNNING";
        private Optional<ModelVersion> version = Optional.empty();
        private Optional<String> error = Optional.empty();

        Job(String id, String model) {
            this.id = id;
            this.model = model;
        }

        synchronized void progress(int iteration, int total, OptionalDouble metric) {
            this.iteration = iteration;
            this.total = total;
            this.metric = metric;
            Map<String, Object> event = progressEvent();
            subscribers.removeIf(SseClient::terminated);
            subscribers.forEach(c -> c.sendEvent("progress", event));
        }

        synchronized void finish(Optional<ModelVersion> registered, Optional<Throwable> failure) {
            this.version = registered;
            Throwable cause = failure.map(f -> f instanceof java.util.concurrent.CompletionException
                    && f.getCause() != null ? f.getCause() : f).orElse(null);
            this.state = registered.isPresent() ? "SUCCEEDED"
                    : cause instanceof dev.modelregistry.api.TrainingCancelledException ? "CANCELLED" : "FAILED";
            this.error = Optional.ofNullable(cause).map(c -> String.valueOf(c.getMessage()));
            Map<String, Object> done = status();
            for (SseClient c : subscribers) {
                if (!c.terminated()) {
                    c.sendEvent("done", done);
                    c.close();
                }
            }
            subscribers.clear();
        }

        synchronized void subscribe(SseClient client) {
            client.sendEvent("progress", progressEvent());
            if (!state.equals("RUNNING")) {
                client.sendEvent("done", status());
                client.close();
                return;
            }
            subscribers.add(client);
            client.keepAlive();
        }

        private Map<String, Object> progressEvent() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("iteration", iteration);
            m.put("total", total);
            if (metric.isPresent()) {
                m.put("validationMetric", metric.getAsDouble());
            }
            return m;
        }

        synchronized Map<String, Object> status() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("model", model);
            m.put("state", state);
            m.putAll(progressEvent());
            version.ifPresent(v -> m.put("version", v.version()));
            error.ifPresent(e -> m.put("error", e));
            return m;
        }
    }
}
