package dev.modelregistry.cli;

import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: runs the HTTP server (model-registry-server) on a registry (a directory, or a registry URI such as
 * PostgreSQL + S3 with {@code --registry}) until the process is told to stop (SIGTERM, Ctrl-C), then closes the server and the registry and exits 0. The address goes to standard
 * output once the server listens, so a script that started it with {@code --port 0} can read the chosen port.
 * One instance per invocation; not thread-safe.
 */
@Command(name = "serve", description = "Serve the registry over HTTP (REST API under /api/v1) until stopped.")
final class ServeCommand implements Callable<Integer>, JsonAnswers {
    /** Where the key store's password comes from when no --tls-password-file is given. */
    static final String TLS_PASSWORD_ENV = "MODEL_REGISTRY_TLS_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "${env:MODEL_REGISTRY_ROOT}",
            description = "The registry directory (default: $MODEL_REGISTRY_ROOT).")
    private Path root;

    @Option(names = "--registry", paramLabel = "URI", description = "A registry URI instead of a directory, e.g."
            + " postgresql://HOST:PORT/DB?dir=DIR&storage=s3://BUCKET/PREFIX (default: $MODEL_REGISTRY unless --root"
            + " is given).")
    private URI registry;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to bind (default: ${DEFAULT-VALUE}); any other than a loopback address"
                + " needs --tokens.")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The port (default: ${DEFAULT-VALUE}); 0 picks a free one, printed once listening.")
    private int port;

    @Option(names = "--tokens", paramLabel = "FILE", defaultValue = "${env:MODEL_REGISTRY_TOKENS}",
            description = "Require bearer tokens from this token store (`model-registry token create`; default:"
                + " $MODEL_REGISTRY_TOKENS). Changes to it apply without a restart.")
    private Path tokens;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the certificate and key"
            + " in this PKCS#12 or JKS key store.")
    private Path keyStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "A file whose first line is the key"
            + " store's password (default: $" + TLS_PASSWORD_ENV + ", else empty).")
    private Path keyStorePasswordFile;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "The largest JSON request body (default:"
            + " 1048576); artifact uploads stream and have no limit.")
    private Long maxBody;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "Allow browser calls from this origin,"
            + " e.g. https://app.example.com (repeatable; default: CORS off).")
    private List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--no-dashboard", description = "Do not serve the browser dashboard at / (docs/dashboard.md); the"
            + " REST API stays.")
    private boolean noDashboard;

    @Option(names = "--json", description = "Print the address as one JSON line ({\"url\":...,\"port\":...}).")
    private boolean json;

    @Option(names = "--check-every", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How often canaries with a policy are analysed (stepped up, promoted or rolled back) and"
            + " monitoring rules checked, in this process, which serves the traffic they are judged on (default:"
            + " ${DEFAULT-VALUE}; 0 turns it off).")
    private Duration checkEvery;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = options();
        ModelRegistry registry = openRegistry();
        RegistryServer server;
        try {
            if (!checkEvery.isZero()) {
                registry.deployer().scheduleChecks(checkEvery);
            }
            server = RegistryServer.start(registry, options);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM runs hooks on SIGTERM and SIGINT; halting with 0 after a clean close makes a requested stop a
        // success for whoever supervises the process (the JVM's own status after a signal would be 143 or 130).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = ExitCodes.OK;
            try {
                server.close();
                registry.close();
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("model-registry: stopping the server failed: " + e.getMessage());
                spec.commandLine().getErr().flush();
                status = ExitCodes.of(e);
            }
            stopped.countDown();
            Runtime.getRuntime().halt(status);
        }, "model-registry-serve-stop"));
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("url", server.uri().toString());
            answer.put("port", server.port());
            answer.put("root", served());
            answer.put("tokens", tokens != null);
            out.println(Output.toJson(answer));
        } else {
            out.println("serving " + served() + " at " + server.uri()
                    + (tokens == null ? " (no tokens: loopback only)" : "") + "; Ctrl-C or SIGTERM stops it");
        }
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /**
     * The registry {@code --registry} or {@code --root} names; on the command line only one of them, else
     * {@code $MODEL_REGISTRY}, else {@code $MODEL_REGISTRY_ROOT}.
     */
    private ModelRegistry openRegistry() {
        boolean rootGiven = spec.commandLine().getParseResult().hasMatchedOption("--root");
        if (registry != null && rootGiven) {
            throw new ParameterException(spec.commandLine(), "Give --registry or --root, not both");
        }
        if (registry == null && !rootGiven) {
            registry = RegistryCommand.fromEnvironment(LocalSession.REGISTRY_ENV).orElse(null);
        }
        if (registry != null) {
            return LocalSession.openRegistry(registry, Optional.empty(), false);
        }
        if (root == null) {
            throw new ParameterException(spec.commandLine(), "Missing --root DIR or --registry URI (or set"
                    + " MODEL_REGISTRY_ROOT or MODEL_REGISTRY)");
        }
        return LocalSession.openRegistry(root, Optional.empty(), false);
    }

    /** What is served, for the first line: the directory, or the registry URI (which holds no password). */
    private String served() {
        return registry != null ? registry.toString() : root.toAbsolutePath().normalize().toString();
    }

    private ServerOptions options() {
        ServerOptions.Builder b = ServerOptions.builder().host(host).port(port);
        if (tokens != null) {
            if (!Files.isRegularFile(tokens)) {
                throw new NotFoundException("no token store at " + tokens + "; create it with `model-registry"
                        + " token create --tokens " + tokens + " --principal NAME --role ROLE`");
            }
            b.tokensFile(tokens);
        }
        if (keyStore != null) {
            b.tls(keyStore, keyStorePassword());
        } else if (keyStorePasswordFile != null) {
            throw new ParameterException(spec.commandLine(), "--tls-password-file needs --tls-keystore");
        }
        if (maxBody != null) {
            b.maxBodyBytes(maxBody);
        }
        corsOrigins.forEach(b::corsOrigin);
        b.dashboard(!noDashboard);
        return b.build();
    }

    private String keyStorePassword() {
        if (keyStorePasswordFile == null) {
            return Optional.ofNullable(System.getenv(TLS_PASSWORD_ENV)).orElse("");
        }
        try {
            return Files.readString(keyStorePasswordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new StorageException("cannot read the key store password file " + keyStorePasswordFile, e);
        }
    }
}
