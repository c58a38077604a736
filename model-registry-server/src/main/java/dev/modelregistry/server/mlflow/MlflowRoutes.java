package dev.modelregistry.server.mlflow;

import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.security.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * MLflow's Model Registry REST API under {@value #PREFIX}, so that MLflow's own clients work against this
 * server unchanged: registered models, model versions, their tags, aliases, searches, latest versions and
 * download URIs, with MLflow's field names and error codes ({@code RESOURCE_ALREADY_EXISTS} 400,
 * {@code RESOURCE_DOES_NOT_EXIST} 404, {@code INVALID_PARAMETER_VALUE} 400). Every server serves
 * {@link #group()} by default; {@code ServerOptions.builder().routeGroup(MlflowRoutes.group(dir))} replaces it
 * with a group that also takes files below {@code dir} as version sources.
 *
 * <p>Reads need the reader role, writes the writer role, as on {@code /api/v1}; every write is audited with the
 * token's principal. How MLflow's model maps onto this registry's (models created without a version, stages,
 * version sources) is documented in {@code docs/mlflow-compatibility.md}.
 *
 * <p>Thread-safe. A group keeps the models created through MLflow that have no version yet in memory, so use
 * one group per server.
 */
public final class MlflowRoutes implements RouteGroup {
    /** Where the MLflow routes live. */
    public static final String PREFIX = "/api/2.0/mlflow/";

    private final VersionSources sources;

    private MlflowRoutes(Optional<Path> fileRoot) {
        this.sources = new VersionSources(fileRoot);
    }

    /**
     * The MLflow routes, taking version sources from this registry only ({@code models:/name/version},
     * {@code sha256:digest}).
     *
     * @return a new route group, for one server
     */
    public static MlflowRoutes group() {
        return new MlflowRoutes(Optional.empty());
    }

    /**
     * The MLflow routes, also taking version sources that are files below a directory of the server's host
     * ({@code file:} URIs or absolute paths). Name a directory meant for it: any writer can register any file
     * below it.
     *
     * @param fileSourceRoot the directory files may be registered from
     * @return a new route group, for one server
     */
    public static MlflowRoutes group(Path fileSourceRoot) {
        return new MlflowRoutes(Optional.of(Objects.requireNonNull(fileSourceRoot, "fileSourceRoot")));
    }

    @Override
    public void register(RoutesConfig routes, ServerContext server) {
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(server, "server");
        server.errorFormat(PREFIX, new MlflowErrors());
        PendingModels pending = new PendingModels();
        RegisteredModelEndpoints models = new RegisteredModelEndpoints(server, pending);
        ModelVersionEndpoints versions = new ModelVersionEndpoints(server, pending, sources);

        String m = PREFIX + "registered-models/";
        routes.post(m + "create", models::create);
        routes.get(m + "get", models::get);
        routes.post(m + "rename", models::rename);
        routes.patch(m + "update", models::update);
        routes.delete(m + "delete", models::delete);
        routes.get(m + "search", models::search);
        // GET from the Java client, POST from the Python client: a read either way.
        routes.get(m + "get-latest-versions", models::latestVersions);
        routes.post(m + "get-latest-versions", models::latestVersions, Role.READER);
        routes.post(m + "set-tag", models::setTag);
        routes.delete(m + "delete-tag", models::deleteTag);
        routes.post(m + "alias", models::setAlias);
        routes.delete(m + "alias", models::deleteAlias);
        routes.get(m + "alias", models::getByAlias);

        String v = PREFIX + "model-versions/";
        routes.post(v + "create", versions::create);
        routes.get(v + "get", versions::get);
        routes.patch(v + "update", versions::update);
        routes.delete(v + "delete", versions::delete);
        routes.get(v + "search", versions::search);
        routes.get(v + "get-download-uri", versions::downloadUri);
        routes.post(v + "set-tag", versions::setTag);
        routes.delete(v + "delete-tag", versions::deleteTag);
        routes.post(v + "transition-stage", versions::transitionStage);

        // Registered last, so they match only what nothing above did: MLflow's JSON 404, not a text page.
        // Written here, not thrown: Javalin answers its own HttpResponseExceptions as text.
        Handler unknown = ctx -> ctx.status(404).json(Map.of("error_code", "ENDPOINT_NOT_FOUND", "message",
                "no MLflow call " + ctx.method() + " " + ctx.path()));
        routes.get(PREFIX + "*", unknown);
        routes.post(PREFIX + "*", unknown);
        routes.patch(PREFIX + "*", unknown);
        routes.delete(PREFIX + "*", unknown);
    }

    @Override
    public String toString() {
        return "MlflowRoutes" + PREFIX;
    }
}
