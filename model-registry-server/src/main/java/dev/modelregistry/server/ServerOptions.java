package dev.modelregistry.server;

import dev.modelregistry.api.InvalidArgumentException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RegistryServer} listens and whom it lets in. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: host {@code 127.0.0.1}, a random free port, no tokens (every caller may do everything, which
 * is allowed on a loopback address only), no TLS, request bodies up to 1 MiB on JSON routes (artifact
 * uploads stream and have no such limit), JSON nested at most 64 deep, no CORS, the dashboard on.
 *
 * @param host the address to bind
 * @param port the port, 0 for a random free one
 * @param tokensFile the token store ({@link dev.modelregistry.server.security.TokenStore}); empty for none
 * @param keyStore a PKCS#12 or JKS key store with the server's certificate and key; empty for plain HTTP
 * @param keyStorePassword the key store's password (empty without a key store)
 * @param maxBodyBytes the largest request body a JSON route reads
 * @param maxJsonDepth the deepest nesting a JSON body may have
 * @param corsOrigins origins allowed to call from a browser; empty turns CORS off
 * @param routeGroups extra routes, registered after the server's own
 * @param meters the meter registry {@code /metrics} scrapes; empty for a new one the server owns
 * @param dashboard whether to serve the browser dashboard at {@code /} (docs/dashboard.md)
 */
public record ServerOptions(String host, int port, Optional<Path> tokensFile, Optional<Path> keyStore,
        String keyStorePassword, long maxBodyBytes, int maxJsonDepth, List<String> corsOrigins,
        List<RouteGroup> routeGroups, Optional<PrometheusMeterRegistry> meters, boolean dashboard) {
    /**
     * Options; see {@link Builder} for the checks.
     *
     * @param host non-blank
     * @param port 0 to 65535
     * @param tokensFile non-null
     * @param keyStore non-null
     * @param keyStorePassword non-null
     * @param maxBodyBytes at least 1
     * @param maxJsonDepth at least 1
     * @param corsOrigins non-null
     * @param routeGroups non-null
     * @param meters non-null
     * @param dashboard whether to serve the dashboard
     */
    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokensFile, "tokensFile");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(corsOrigins, "corsOrigins");
        Objects.requireNonNull(routeGroups, "routeGroups");
        Objects.requireNonNull(meters, "meters");
        if (host.isBlank() || port < 0 || port > 65_535 || maxBodyBytes < 1 || maxJsonDepth < 1) {
            throw new InvalidArgumentException("invalid server options: host='" + host + "' port=" + port
                    + " maxBodyBytes=" + maxBodyBytes + " maxJsonDepth=" + maxJsonDepth);
        }
        corsOrigins = List.copyOf(corsOrigins);
        routeGroups = List.copyOf(routeGroups);
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServerOptions}. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path tokensFile;
        private Path keyStore;
        private String keyStorePassword = "";
        private long maxBodyBytes = 1L << 20;
        private int maxJsonDepth = 64;
        private final List<String> corsOrigins = new ArrayList<>();
        private final List<RouteGroup> routeGroups = new ArrayList<>();
        private PrometheusMeterRegistry meters;
        private boolean dashboard = true;

        private Builder() {
        }

        /**
         * The address to bind. A non-loopback address needs {@link #tokensFile(Path) tokens}.
         *
         * @param value a host name or IP address
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * The port; 0 (the default) picks a free one, which {@link RegistryServer#port()} then reports.
         *
         * @param value 0 to 65535
         * @return this builder
         */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * Requires bearer tokens from this token store; the server re-reads it when it changes, so tokens
         * created or revoked from the CLI take effect without a restart.
         *
         * @param value the store's file, which must exist
         * @return this builder
         */
        public Builder tokensFile(Path value) {
            this.tokensFile = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Serves HTTPS with the certificate and key in this key store (PKCS#12 or JKS).
         *
         * @param path the key store
         * @param password its password
         * @return this builder
         */
        public Builder tls(Path path, String password) {
            this.keyStore = Objects.requireNonNull(path, "path");
            this.keyStorePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The largest body a JSON route reads; larger ones get 413.
         *
         * @param value bytes, at least 1
         * @return this builder
         */
        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
            return this;
        }

        /**
         * The deepest nesting a JSON body may have; deeper ones get 400.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxJsonDepth(int value) {
            this.maxJsonDepth = value;
            return this;
        }

        /**
         * Allows browser calls from this origin (CORS); without any, CORS stays off.
         *
         * @param origin such as {@code https://app.example.com}
         * @return this builder
         */
        public Builder corsOrigin(String origin) {
            this.corsOrigins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        /**
         * Adds a group of routes (such as the MLflow dialect).
         *
         * @param group the group
         * @return this builder
         */
        public Builder routeGroup(RouteGroup group) {
            this.routeGroups.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /**
         * Scrapes this meter registry at {@code /metrics}; give the same registry to
         * {@code MicrometerServingMetrics} when opening the model registry to see serving metrics there
         * beside the server's HTTP request timers.
         *
         * @param value the meter registry
         * @return this builder
         */
        public Builder meters(PrometheusMeterRegistry value) {
            this.meters = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Serves the browser dashboard at {@code /} and its assets under {@code /dashboard/} (on by default).
         * Off, those paths answer 404; the JSON API the dashboard reads stays.
         *
         * @param value false to turn the dashboard off
         * @return this builder
         */
        public Builder dashboard(boolean value) {
            this.dashboard = value;
            return this;
        }

        /**
         * The options.
         *
         * @return immutable options
         */
        public ServerOptions build() {
            return new ServerOptions(host, port, Optional.ofNullable(tokensFile), Optional.ofNullable(keyStore),
                    keyStorePassword, maxBodyBytes, maxJsonDepth, corsOrigins, routeGroups,
                    Optional.ofNullable(meters), dashboard);
        }
    }
}
