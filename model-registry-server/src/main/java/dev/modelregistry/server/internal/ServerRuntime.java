package dev.modelregistry.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.Access;
import dev.modelregistry.server.ApiError;
import dev.modelregistry.server.ErrorFormat;
import dev.modelregistry.server.Principal;
import dev.modelregistry.server.RouteGroup;
import dev.modelregistry.server.ServerContext;
import dev.modelregistry.server.ServerOptions;
import dev.modelregistry.server.dashboard.DashboardApi;
import dev.modelregistry.server.dashboard.DashboardPages;
import dev.modelregistry.server.mlflow.MlflowRoutes;
import dev.modelregistry.server.security.Role;
import dev.modelregistry.server.security.TokenInfo;
import dev.modelregistry.server.security.TokenStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up Javalin for one registry: JSON, CORS, TLS, authentication and authorization in a before-handler,
 * each handler run under its caller's principal as audit actor, errors mapped in one place, then the
 * server's own routes and the options' route groups.
 */
public final class ServerRuntime implements ServerContext {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);
    private static final String PRINCIPAL = "modelregistry.principal";
    private static final String STARTED = "modelregistry.started";

    private final ModelRegistry registry;
    private final ServerOptions options;
    private final ServerJson json;
    private final Optional<TokenStore> tokens;
    private final Map<String, ErrorFormat> errorFormats =
            new ConcurrentSkipListMap<>(Collections.reverseOrder());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PrometheusMeterRegistry meters;
    private final TrainingRoutes training = new TrainingRoutes();
    private final DashboardApi dashboard = DashboardApi.create(java.time.Duration.ofSeconds(1));
    private Javalin app;

    private ServerRuntime(ModelRegistry registry, ServerOptions options) {
        this.registry = registry;
        this.options = options;
        this.json = new ServerJson(options.maxJsonDepth());
        this.meters = options.meters().orElseGet(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        this.tokens = options.tokensFile().map(path -> {
            if (!Files.isRegularFile(path)) {
                throw new StorageException("the token store " + path + " does not exist; create a token first");
            }
            return TokenStore.open(path);
        });
    }

    /**
     * Starts the server.
     *
     * @param registry the registry
     * @param options the options
     * @return the running server
     */
    public static ServerRuntime start(ModelRegistry registry, ServerOptions options) {
        refuseOpenBinding(options);
        ServerRuntime runtime = new ServerRuntime(registry, options);
        runtime.app = Javalin.create(runtime::configure);
        try {
            runtime.app.start();
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        LOG.info("serving registry {} on {} ({} tokens)", registry.root(), runtime.uri(),
                runtime.tokens.isPresent() ? "with" : "without");
        return runtime;
    }

    private static void refuseOpenBinding(ServerOptions options) {
        if (options.tokensFile().isPresent()) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(options.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new InvalidArgumentException("unknown host '" + options.host() + "'", e);
        }
        if (!loopback) {
            throw new InvalidArgumentException("refusing to bind " + options.host()
                    + " without tokens: anyone who can reach it could change the registry; give a tokens file"
                    + " or bind a loopback address");
        }
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jsonMapper(json);
        config.http.maxRequestSize = options.maxBodyBytes();
        // Artifacts are streamed with their exact length; compression would buffer and hide it.
        config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
        // Errors Jetty raises before routing (a NUL in the path, a malformed request) answer JSON too.
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json.mapper())));
        config.jetty.host = options.host();
        config.jetty.port = options.port();
        options.keyStore().ifPresent(keyStore -> config.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keyStore.toAbsolutePath().toString());
            ssl.setKeyStorePassword(options.keyStorePassword());
            // Requests over this connector are marked secure; no SNI host check, as clients may connect by IP.
            HttpConfiguration https = new HttpConfiguration(httpConfig);
            https.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
            connector.setHost(options.host());
            connector.setPort(options.port());
            return connector;
        }));
        if (!options.corsOrigins().isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                options.corsOrigins().forEach(origin -> rule.allowHost(origin));
                rule.exposeHeader("X-Content-SHA256");
                rule.exposeHeader("X-Request-Id");
                rule.exposeHeader("X-Model-Version");
            }));
        }
        config.router.handlerWrapper(endpoint -> ctx -> {
            Principal principal = ctx.attribute(PRINCIPAL);
            if (principal == null || tokens.isEmpty() || !endpoint.method.isHttpMethod()) {
                endpoint.handler.handle(ctx);
                return;
            }
            ActorScope.run(registry, principal.name(), () -> endpoint.handler.handle(ctx));
        });
        config.routes.beforeMatched(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        config.routes.beforeMatched(this::authorize);
        config.routes.afterMatched(this::timeRequest);
        config.routes.exception(Exception.class, (e, ctx) -> writeError(ctx, ErrorMapping.map(e)));
        config.routes.error(404, ctx -> {
            // Javalin's own "endpoint not found" is plain text; errors the handlers raised are JSON already.
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) {
                writeError(ctx, ApiError.of(404, "NOT_FOUND", "no route " + ctx.method() + " " + ctx.path()));
            }
        });
        for (RouteGroup group : builtInGroups()) {
            group.register(config.routes, this);
        }
        for (RouteGroup group : options.routeGroups()) {
            group.register(config.routes, this);
        }
        if (options.routeGroups().stream().noneMatch(MlflowRoutes.class::isInstance)) {
            // MLflow's clients work against every server unless the options brought their own MLflow group.
            MlflowRoutes.group().register(config.routes, this);
        }
    }

    private List<RouteGroup> builtInGroups() {
        List<RouteGroup> groups = new ArrayList<>(List.of(new HealthRoutes(), new ModelRoutes(), new ArtifactRoutes(),
                new DeploymentRoutes(), new MonitoringRoutes(meters), training, new AdminRoutes(dashboard::verified),
                new OpenApiRoutes(), dashboard));
        if (options.dashboard()) {
            groups.add(DashboardPages.create(tokens.isPresent()));
        }
        return groups;
    }

    /** Authentication, authorization and the body limit, before any matched handler runs. */
    private void authorize(Context ctx) {
        java.util.Set<RouteRole> roles = ctx.routeRoles();
        if (!roles.contains(Access.STREAMED_BODY)) {
            long length = ctx.req().getContentLengthLong();
            if (length > options.maxBodyBytes()) {
                throw HttpProblem.tooLarge(options.maxBodyBytes());
            }
        }
        if (tokens.isEmpty()) {
            ctx.attribute(PRINCIPAL, Principal.LOCAL);
            return;
        }
        if (roles.contains(Access.PUBLIC)) {
            return;
        }
        Role required = requiredRole(ctx.method(), roles);
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpProblem(401, "UNAUTHENTICATED", "a bearer token is required");
        }
        Optional<TokenInfo> token = tokens.get().authenticate(header.substring(7).trim());
        if (token.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new HttpProblem(401, "UNAUTHENTICATED", "the bearer token is not valid (unknown or revoked)");
        }
        Principal principal = new Principal(token.get().principal(), token.get().role());
        if (!principal.role().covers(required)) {
            throw new HttpProblem(403, "FORBIDDEN", "this call needs the " + required.name().toLowerCase(
                    java.util.Locale.ROOT) + " role; the token has " + principal.role().name().toLowerCase(
                    java.util.Locale.ROOT));
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    private void timeRequest(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null && ctx.endpoint() != null) {
            Timer.builder("modelregistry.http.requests").tag("method", ctx.method().name())
                    .tag("route", ctx.endpoint().path).tag("status", Integer.toString(ctx.statusCode()))
                    .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    static Role requiredRole(HandlerType method, java.util.Set<RouteRole> roles) {
        Role required = null;
        for (RouteRole r : roles) {
            if (r instanceof Role role && (required == null || role.compareTo(required) > 0)) {
                required = role;
            }
        }
        if (required != null) {
            return required;
        }
        return method == HandlerType.GET || method == HandlerType.HEAD ? Role.READER : Role.WRITER;
    }

    private void writeError(Context ctx, ApiError error) {
        if (error.status() >= 500) {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), error.message(), error.cause().orElse(null));
        }
        for (Map.Entry<String, ErrorFormat> e : errorFormats.entrySet()) {
            if (ctx.path().startsWith(e.getKey())) {
                e.getValue().write(ctx, error);
                return;
            }
        }
        ctx.status(error.status()).json(Map.of("error", Map.of("code", error.code(), "message",
                error.message())));
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public ObjectMapper json() {
        return json.mapper();
    }

    @Override
    public <T> T readJson(Context ctx, Class<T> type) {
        java.util.Objects.requireNonNull(type, "type");
        try (InputStream in = new LimitedInputStream(ctx.bodyInputStream(), options.maxBodyBytes())) {
            return json.mapper().readValue(in, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            if (e.getCause() instanceof HttpProblem p) {
                throw p;
            }
            throw HttpProblem.invalid("malformed JSON body: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw HttpProblem.invalid("JSON body exceeds a limit: " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HttpProblem.invalid("malformed JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            if (e.getCause() instanceof HttpProblem p) {
                throw p;
            }
            throw HttpProblem.invalid("cannot read the request body: " + e.getMessage());
        }
    }

    @Override
    public Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        return p == null ? Principal.LOCAL : p;
    }

    @Override
    public void errorFormat(String pathPrefix, ErrorFormat format) {
        java.util.Objects.requireNonNull(pathPrefix, "pathPrefix");
        java.util.Objects.requireNonNull(format, "format");
        errorFormats.put(pathPrefix, format);
    }

    /**
     * The port the server listens on (the one the OS chose when the options asked for port 0).
     *
     * @return the bound port
     */
    public int port() {
        return app.port();
    }

    /**
     * The server's base URI, {@code https} when it serves TLS.
     *
     * @return the base URI
     */
    public URI uri() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create((options.keyStore().isPresent() ? "https" : "http") + "://" + host + ":" + port() + "/");
    }

    /**
     * Every HTTP route registered, as {@code "METHOD /path"}, for the OpenAPI check and diagnostics.
     *
     * @return the registered routes
     */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        for (var parsed : app.unsafe.internalRouter.allHttpHandlers()) {
            if (parsed.endpoint.method.isHttpMethod()) {
                out.add(parsed.endpoint.method.name() + " " + parsed.endpoint.path);
            }
        }
        return List.copyOf(out);
    }

    /** Stops the server. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                // First: no live stream may tick into a stopping server.
                dashboard.close();
                app.stop();
            } finally {
                training.close();
            }
        }
    }

    /** Fails reading past {@code max} bytes, for bodies sent without a Content-Length. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long max;
        private long read;

        LimitedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException("body too large", HttpProblem.tooLarge(max));
            }
        }
    }
}
