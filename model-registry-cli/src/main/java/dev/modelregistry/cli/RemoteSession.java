package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.archive.Backups;
import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.DeploymentStrategy;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.version.Page;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.api.storage.ArtifactDigest;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.AuditTrail;
import dev.modelregistry.api.version.DeploymentStatus;
import dev.modelregistry.api.version.ModelInfo;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionDiff;
import dev.modelregistry.api.version.VersionManager;
import dev.modelregistry.api.version.VersionState;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A registry behind a model-registry server ({@code --url}), reached through its REST API {@code /api/v1}: the
 * commands run unchanged on the api records rebuilt from the server's JSON; {@code register} streams the file to the
 * upload route; {@code verify}, {@code gc}, {@code export} and {@code import} use the admin routes
 * ({@link RemoteBackups}). What the API has no route for (deleting, documents, search, canary analysis, the list
 * of automatic backups) fails with
 * {@link InvalidArgumentException}, exit code {@link ExitCodes#INVALID}, naming the command to run on the
 * server's machine instead. Stateless apart from its client; thread-safe.
 */
final class RemoteSession implements RegistrySession {
    private static final String API = "api/v1/";

    private final RemoteClient client;
    private final VersionManager versions = new RemoteVersions();
    private final Deployer deployer = new RemoteDeployer();
    private final Backups backups;

    private RemoteSession(RemoteClient client) {
        this.client = client;
        this.backups = new RemoteBackups(client);
    }

    /**
     * A session with the server at {@code url}. Nothing is sent until a command asks.
     *
     * @param url the server's address, such as {@code https://registry.example.com:8443/}
     * @param token the bearer token, if the server wants one
     */
    static RemoteSession connect(URI url, Optional<String> token) {
        return new RemoteSession(new RemoteClient(url, token));
    }

    /** The failure for what the server cannot do; the usage exit code, since the command line asked for it. */
    static InvalidArgumentException notRemote(String what) {
        return new InvalidArgumentException(what + " is not available with --url (the server's API has no route"
                + " for it); run it with --root on the machine that holds the registry");
    }

    @Override
    public VersionManager versions() {
        return versions;
    }

    @Override
    public Backups backups() {
        return backups;
    }

    @Override
    public Deployer deployer() {
        return deployer;
    }

    @Override
    public AuditTrail audit() {
        return (model, from, before, limit) -> {
            StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
            model.ifPresent(m -> query.add("model=" + RemoteClient.segment(m)));
            from.ifPresent(at -> query.add("from=" + RemoteClient.segment(at.toString())));
            before.ifPresent(at -> query.add("before=" + RemoteClient.segment(at.toString())));
            query.add("limit=" + limit);
            return list(client.get(API + "audit" + query), AuditEntry.class);
        };
    }

    @Override
    public VerifyReport verify() {
        return client.convert(client.postAndWait(RemoteBackups.ADMIN + "verify"), VerifyReport.class);
    }

    @Override
    public GcReport gc(Optional<Duration> grace, boolean force) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        grace.ifPresent(g -> query.add("grace=" + RemoteClient.segment(g.toString())));
        if (force) {
            query.add("force=true");
        }
        return client.convert(client.postAndWait(RemoteBackups.ADMIN + "gc" + query), GcReport.class);
    }

    @Override
    public void close() {
        // Nothing held: the JDK's HttpClient frees its connections when it is collected.
    }

    private <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> out = new ArrayList<>();
        array.forEach(node -> out.add(client.convert(node, type)));
        return List.copyOf(out);
    }

    private static String modelPath(String name) {
        return API + "models/" + RemoteClient.segment(name);
    }

    /** The path of a version: by number, alias, or {@code latest} (the server reads it as the newest live one). */
    private static String versionPath(ModelRef ref) {
        String selector;
        if (ref instanceof ModelRef.Numbered n) {
            selector = Integer.toString(n.version());
        } else if (ref instanceof ModelRef.Aliased a) {
            selector = a.alias();
        } else {
            selector = "latest";
        }
        return modelPath(ref.model()) + "/versions/" + RemoteClient.segment(selector);
    }

    /** The inverse of the server's version view (model-registry-server's internal Views.version). */
    private ModelVersion toVersion(JsonNode v) {
        return new ModelVersion(v.path("model").asText(), v.path("version").asInt(),
                VersionState.valueOf(v.path("state").asText()),
                new ArtifactInfo(new ArtifactDigest(v.path("sha256").asText()), v.path("size").asLong()),
                client.convert(v.path("metadata"), ModelMetadata.class), strings(v.path("tags")),
                list(v.path("aliases"), String.class), client.convert(v.path("deployment"), DeploymentStatus.class),
                Instant.parse(v.path("createdAt").asText()), v.path("createdBy").asText(),
                v.hasNonNull("deletedAt") ? Optional.of(Instant.parse(v.get("deletedAt").asText())) : Optional.empty());
    }

    /** The inverse of the server's model view. */
    private ModelInfo toModel(JsonNode m) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        m.path("aliases").properties().forEach(e -> aliases.put(e.getKey(), e.getValue().asInt()));
        return new ModelInfo(m.path("name").asText(), Instant.parse(m.path("createdAt").asText()),
                strings(m.path("tags")), aliases,
                m.hasNonNull("latestVersion") ? Optional.of(m.get("latestVersion").asInt()) : Optional.empty(),
                m.path("liveVersions").asInt());
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private List<ModelVersion> versionList(JsonNode array) {
        List<ModelVersion> out = new ArrayList<>();
        array.forEach(node -> out.add(toVersion(node)));
        return List.copyOf(out);
    }

    /** The catalogue over the models and aliases routes. */
    private final class RemoteVersions implements VersionManager {
        @Override
        public ModelVersion register(String model, InputStream artifact, ModelMetadata metadata) {
            Objects.requireNonNull(artifact, "artifact");
            // The upload route takes these five fields (X-Model-Metadata); anything more would be dropped silently.
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("formatId", metadata.formatId());
            fields.put("modelType", metadata.modelType());
            fields.put("description", metadata.description());
            fields.put("metrics", metadata.metrics());
            fields.put("properties", metadata.properties());
            ModelMetadata.Builder sent = ModelMetadata.builder(metadata.formatId()).modelType(metadata.modelType())
                    .description(metadata.description()).metrics(metadata.metrics());
            metadata.properties().forEach(sent::property);
            if (!sent.build().equals(metadata)) {
                throw notRemote("registering with training information, a feature schema or lineage");
            }
            return toVersion(client.upload(modelPath(model) + "/versions", artifact,
                    Map.of("X-Model-Metadata", client.asciiJson(fields))));
        }

        @Override
        public ModelVersion get(ModelRef ref) {
            return toVersion(client.get(versionPath(Objects.requireNonNull(ref, "ref"))));
        }

        @Override
        public Optional<ModelVersion> find(ModelRef ref) {
            try {
                return Optional.of(get(ref));
            } catch (dev.modelregistry.api.NotFoundException e) {
                return Optional.empty();
            }
        }

        @Override
        public List<ModelVersion> versions(String model) {
            return versionList(client.get(modelPath(model) + "/versions"));
        }

        @Override
        public List<ModelVersion> history(String model) {
            return versionList(client.get(modelPath(model) + "/versions?includeDeleted=true"));
        }

        @Override
        public ModelInfo model(String model) {
            return toModel(client.get(modelPath(model)));
        }

        @Override
        public List<ModelInfo> models() {
            List<ModelInfo> out = new ArrayList<>();
            client.get(API + "models").forEach(node -> out.add(toModel(node)));
            return List.copyOf(out);
        }

        @Override
        public ModelVersion deleteVersion(String model, int version) {
            throw notRemote("deleting a version");
        }

        @Override
        public void deleteModel(String model) {
            throw notRemote("deleting a model");
        }

        @Override
        public ModelInfo renameModel(String from, String to) {
            return toModel(client.post(modelPath(from) + "/rename", Map.of("to", to)));
        }

        @Override
        public ModelVersion setAlias(String model, String alias, int version) {
            return toVersion(client.put(modelPath(model) + "/aliases/" + RemoteClient.segment(alias),
                    Map.of("version", version)));
        }

        @Override
        public void removeAlias(String model, String alias) {
            client.delete(modelPath(model) + "/aliases/" + RemoteClient.segment(alias));
        }

        @Override
        public ModelVersion rollback(String model, String alias) {
            return toVersion(client.post(modelPath(model) + "/aliases/" + RemoteClient.segment(alias) + "/rollback",
                    Map.of()));
        }

        @Override
        public List<AliasChange> aliasHistory(String model, String alias) {
            return list(client.get(modelPath(model) + "/aliases/" + RemoteClient.segment(alias) + "/history"),
                    AliasChange.class);
        }

        @Override
        public ModelVersion setVersionTag(ModelRef ref, String key, String value) {
            return toVersion(client.put(versionPath(ref) + "/tags/" + RemoteClient.segment(key), Map.of("value", value)));
        }

        @Override
        public ModelVersion removeVersionTag(ModelRef ref, String key) {
            return toVersion(client.delete(versionPath(ref) + "/tags/" + RemoteClient.segment(key)));
        }

        @Override
        public ModelInfo setModelTag(String model, String key, String value) {
            return toModel(client.put(modelPath(model) + "/tags/" + RemoteClient.segment(key), Map.of("value", value)));
        }

        @Override
        public ModelInfo removeModelTag(String model, String key) {
            return toModel(client.delete(modelPath(model) + "/tags/" + RemoteClient.segment(key)));
        }

        @Override
        public ModelVersion putMetrics(ModelRef ref, Map<String, Double> metrics) {
            return toVersion(client.put(versionPath(ref) + "/metrics", Map.of("metrics", metrics)));
        }

        @Override
        public ModelVersion putDocument(ModelRef ref, String name, String json) {
            throw notRemote("attaching a document");
        }

        @Override
        public Map<String, String> documents(ModelRef ref) {
            throw notRemote("reading documents");
        }

        @Override
        public VersionDiff compare(ModelRef from, ModelRef to) {
            throw notRemote("compare");
        }

        @Override
        public Page<ModelVersion> search(SearchQuery query) {
            throw notRemote("search");
        }
    }

    /** Deployments over the deployments routes. */
    private final class RemoteDeployer implements Deployer {
        private String environment(String name) {
            return API + "deployments/" + RemoteClient.segment(name);
        }

        @Override
        public Deployment deploy(ModelRef version, String environment, DeploymentSpec spec) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", text(version));
            body.put("strategy", spec.strategy().name().toLowerCase(java.util.Locale.ROOT));
            if (spec.strategy() == DeploymentStrategy.CANARY) {
                body.put("steps", spec.stepsPercent());
            }
            body.put("routing", spec.routing().name());
            spec.evaluationOverride().ifPresent(reason -> body.put("evaluationOverride", reason));
            spec.policy().ifPresent(p -> {
                Map<String, Object> policy = new LinkedHashMap<>();
                policy.put("minRequests", p.minRequests());
                policy.put("maxErrorRateDelta", p.maxErrorRateDelta());
                policy.put("maxLatencyRatio", p.maxLatencyRatio());
                policy.put("maxPredictionPsi", p.maxPredictionPsi());
                policy.put("minOutcomes", p.minOutcomes());
                policy.put("liveAccuracyAlpha", p.liveAccuracyAlpha());
                body.put("policy", policy);
            });
            return client.convert(client.post(environment(environment), body), Deployment.class);
        }

        @Override
        public Deployment promote(String environment) {
            return client.convert(client.post(environment(environment) + "/promote", Map.of()), Deployment.class);
        }

        @Override
        public Deployment setCanaryWeight(String environment, int percent) {
            return client.convert(client.post(environment(environment) + "/ramp", Map.of("percent", percent)),
                    Deployment.class);
        }

        @Override
        public Deployment rollback(String environment, String reason) {
            return client.convert(client.post(environment(environment) + "/rollback", Map.of("reason", reason)),
                    Deployment.class);
        }

        @Override
        public void undeploy(String environment) {
            client.delete(environment(environment));
        }

        @Override
        public List<Deployment> deployments() {
            return list(client.get(API + "deployments"), Deployment.class);
        }

        @Override
        public List<Deployment> deployments(String environment) {
            return list(client.get(environment(environment)).path("deployments"), Deployment.class);
        }

        @Override
        public List<DeploymentEvent> history(String environment) {
            return list(client.get(environment(environment) + "/history"), DeploymentEvent.class);
        }

        @Override
        public CanaryVerdict analyze(String environment) {
            throw notRemote("canary analysis");
        }

        @Override
        public CanaryVerdict assess(String environment) {
            return client.convert(client.get(environment(environment) + "/canary"), CanaryVerdict.class);
        }

        @Override
        public void scheduleChecks(Duration every) {
            throw notRemote("scheduled canary checks");
        }

        @Override
        public Endpoint endpoint(String environment) {
            throw notRemote("an in-process endpoint");
        }

        private static String text(ModelRef ref) {
            if (ref instanceof ModelRef.Numbered n) {
                return n.model() + "/" + n.version();
            } else if (ref instanceof ModelRef.Aliased a) {
                return a.model() + "@" + a.alias();
            }
            return ref.model();
        }
    }
}
