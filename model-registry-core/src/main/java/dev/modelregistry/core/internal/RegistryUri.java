package dev.modelregistry.core.internal;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.storage.ModelStorageProvider;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A registry named by one string, for the CLI, a server's configuration or {@code ModelRegistry.open(URI)}:
 * <ul>
 *   <li>a directory path ({@code /var/lib/registry}, {@code ./registry}) or a {@code file:} URI: the embedded
 *   registry in that directory;</li>
 *   <li>{@code postgresql://host[:port]/database?dir=/var/lib/registry[&user=...][&passwordEnv=VAR]
 *   [&storage=s3://bucket/prefix][&endpoint=http://minio:9000][&region=...][&poolSize=10][&jdbc.NAME=VALUE]}:
 *   metadata in PostgreSQL, artifacts in {@code storage} (or the directory's {@code blobs/} without it), and
 *   the host's local files in {@code dir}, which is required. The password is never in the URI: it is read
 *   from the environment variable {@code passwordEnv} names, else from {@code PGPASSWORD} if set. Parameters
 *   {@code jdbc.NAME} pass on to the JDBC driver ({@code jdbc.sslmode=verify-full}); {@code endpoint} and
 *   {@code region} go to the storage provider, found by its scheme with {@link ServiceLoader}
 *   ({@code model-registry-s3} provides {@code s3}). An unknown parameter is refused, so that a typo does
 *   not pass unnoticed.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RegistryUri {
    private static final Set<String> STORAGE_OPTIONS = Set.of("endpoint", "region");
    private static final Set<String> POSTGRES_OPTIONS = Set.of("dir", "user", "passwordEnv", "storage",
            "poolSize");

    private RegistryUri() {
    }

    /**
     * What a registry URI names.
     *
     * @param dir the registry's directory
     * @param postgres the shared metadata, if any
     * @param storage the artifact store it opened, if any; whoever opens the registry owns (closes) it
     */
    public record Parsed(Path dir, Optional<Postgres> postgres, Optional<ModelStorage> storage) {
    }

    /**
     * PostgreSQL settings from a registry URI; the password is never printed.
     *
     * @param jdbcUrl the JDBC URL
     * @param user the user, or empty
     * @param password the password, or empty
     * @param poolSize the pool size if given
     */
    public record Postgres(String jdbcUrl, String user, String password, OptionalInt poolSize) {
        @Override
        public String toString() {
            return "Postgres[" + jdbcUrl + ", user " + user + "]";
        }
    }

    /**
     * Reads a registry URI; opens its artifact store, if it names one, last, once everything else is valid.
     *
     * @param uri the registry URI
     * @param env reads environment variables (the password)
     * @return what it names
     * @throws InvalidArgumentException if the URI is malformed or names something unknown
     */
    public static Parsed parse(URI uri, UnaryOperator<String> env) {
        String scheme = uri.getScheme();
        if (scheme == null || scheme.equals("file")) {
            if (uri.getQuery() != null) {
                throw new InvalidArgumentException("an embedded registry URI takes no parameters: " + uri);
            }
            String path = scheme == null ? uri.getPath() : Path.of(uri).toString();
            if (path == null || path.isEmpty()) {
                throw new InvalidArgumentException("not a registry directory: " + uri);
            }
            return new Parsed(Path.of(path), Optional.empty(), Optional.empty());
        }
        if (!scheme.equals("postgresql")) {
            throw new InvalidArgumentException("unknown registry URI scheme '" + scheme + "' in " + uri
                    + "; use a directory path, file:, or postgresql:");
        }
        Map<String, String> params = query(uri);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getRawAuthority())
                .append(uri.getRawPath() == null ? "" : uri.getRawPath());
        Map<String, String> storageOptions = new LinkedHashMap<>();
        String separator = "?";
        for (Map.Entry<String, String> p : params.entrySet()) {
            String key = p.getKey();
            if (key.startsWith("jdbc.")) {
                jdbc.append(separator).append(key.substring(5)).append('=')
                        .append(java.net.URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
                separator = "&";
            } else if (STORAGE_OPTIONS.contains(key)) {
                storageOptions.put(key, p.getValue());
            } else if (key.equals("password")) {
                throw new InvalidArgumentException("a registry URI does not carry a password: put it in an"
                        + " environment variable and name that with passwordEnv=NAME (or set PGPASSWORD)");
            } else if (!POSTGRES_OPTIONS.contains(key)) {
                throw new InvalidArgumentException("unknown parameter '" + key + "' in the registry URI; known: "
                        + POSTGRES_OPTIONS + ", " + STORAGE_OPTIONS + " and jdbc.NAME");
            }
        }
        String dir = params.get("dir");
        if (dir == null || dir.isEmpty()) {
            throw new InvalidArgumentException("a postgresql registry URI needs dir=PATH, the host's directory for"
                    + " its identity marker, temp files and automatic backups: " + uri);
        }
        String password;
        if (params.containsKey("passwordEnv")) {
            password = env.apply(params.get("passwordEnv"));
            if (password == null) {
                throw new InvalidArgumentException("the environment variable " + params.get("passwordEnv")
                        + " named by passwordEnv is not set");
            }
        } else {
            String pg = env.apply("PGPASSWORD");
            password = pg == null ? "" : pg;
        }
        OptionalInt poolSize = OptionalInt.empty();
        if (params.containsKey("poolSize")) {
            try {
                poolSize = OptionalInt.of(Integer.parseInt(params.get("poolSize")));
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("poolSize must be a number, got " + params.get("poolSize"));
            }
        }
        if (!params.containsKey("storage") && !storageOptions.isEmpty()) {
            throw new InvalidArgumentException(storageOptions.keySet() + " in the registry URI need storage=URI");
        }
        Postgres pg = new Postgres(jdbc.toString(), params.getOrDefault("user", ""), password, poolSize);
        Optional<ModelStorage> storage = params.containsKey("storage")
                ? Optional.of(openStorage(URI.create(params.get("storage")), storageOptions)) : Optional.empty();
        return new Parsed(Path.of(dir), Optional.of(pg), storage);
    }

    private static ModelStorage openStorage(URI location, Map<String, String> options) {
        String scheme = location.getScheme();
        for (ModelStorageProvider p : ServiceLoader.load(ModelStorageProvider.class,
                RegistryUri.class.getClassLoader())) {
            if (p.scheme().equalsIgnoreCase(scheme)) {
                return p.open(location, options);
            }
        }
        throw new InvalidArgumentException("no storage provider for '" + scheme + "' (" + location + ") on the"
                + " class path; for s3, add dev.modelregistry:model-registry-s3");
    }

    /** The query's parameters, decoded, in order; a repeated one is refused. */
    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(key, value) != null) {
                throw new InvalidArgumentException("parameter '" + key + "' appears twice in the registry URI");
            }
        }
        return out;
    }
}
