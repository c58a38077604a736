package dev.modelregistry.server;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.CanaryPolicy;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.deployment.LinearTestCodec;
import dev.modelregistry.server.security.NewToken;
import dev.modelregistry.server.security.Role;
import dev.modelregistry.server.security.TokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A registry in a temporary directory, a token store with one token per role, and a server on a random
 * loopback port. Closes the server, then the registry.
 */
final class Fixture implements AutoCloseable {
    final Path root;
    final TokenStore tokens;
    final Map<Role, NewToken> tokenFor = new java.util.EnumMap<>(Role.class);
    final ModelRegistry registry;
    final RegistryServer server;

    Fixture(Path dir, ServerOptions.Builder options) {
        this.root = dir.resolve("registry");
        this.tokens = TokenStore.open(dir.resolve("tokens.json"));
        for (Role role : Role.values()) {
            tokenFor.put(role, tokens.create(role.name().toLowerCase(java.util.Locale.ROOT) + "-user", role));
        }
        this.registry = ModelRegistry.open(root);
        this.server = RegistryServer.start(registry, options.tokensFile(tokens.file()).build());
    }

    Fixture(Path dir) {
        this(dir, ServerOptions.builder());
    }

    /**
     * Deploys model {@code risk} to an environment: version 1 stable, version 2 a canary on steps 25 % then 50 %
     * under a policy that judges after 50 requests a side and allows 5 points more errors (latency not checked).
     * Version 2 fails every fourth call (core's LinearTestCodec), so once traffic arrived analysis says ROLLBACK.
     * Registers the two versions on first use.
     */
    void deployFailingCanary(String environment) {
        var versions = registry.versions();
        if (versions.models().stream().noneMatch(m -> m.name().equals("risk"))) {
            versions.register("risk", LinearTestCodec.artifact(1, 1, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
            versions.register("risk", LinearTestCodec.artifact(1, 1, 4, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
        }
        registry.deployer().deploy(ModelRef.parse("risk/1"), environment, DeploymentSpec.replace());
        registry.deployer().deploy(ModelRef.parse("risk/2"), environment, DeploymentSpec.canarySteps(List.of(25, 50))
                .withPolicy(CanaryPolicy.defaults().withMinRequests(50).withMaxErrorRateDelta(0.05)
                        .withMaxLatencyRatio(Double.POSITIVE_INFINITY)));
    }

    /** Serves {@code requests} predictions in an environment with distinct routing keys; failures are the model's. */
    void serveIgnoringFailures(String environment, int requests) {
        Endpoint endpoint = registry.deployer().endpoint(environment);
        for (int i = 0; i < requests; i++) {
            try {
                endpoint.serve(new double[] {i % 20, i % 13}, "user-" + i);
            } catch (RuntimeException expected) {
                // a failing canary's own error, counted by its monitor
            }
        }
    }

    Http as(Role role) {
        return new Http(server.uri(), tokenFor.get(role).secret());
    }

    Http anonymous() {
        return new Http(server.uri());
    }

    /**
     * SHA-256 of every file under the registry's directory, by relative path. The SQLite shared-memory
     * index ({@code -shm}) is left out: readers update it in place (it is a lock table, not data, and
     * SQLite rebuilds it from the WAL).
     */
    Map<String, String> fileHashes() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (p.getFileName().toString().endsWith("-shm")) {
                    continue;
                }
                out.put(root.relativize(p).toString(), sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            registry.close();
        }
    }
}
