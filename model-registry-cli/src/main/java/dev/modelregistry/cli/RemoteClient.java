package dev.modelregistry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.IntegrityException;
import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.UntrustedArchiveException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * JSON calls to a model-registry server's {@code /api/v1}, with its error documents
 * ({@code {"error":{"code":...,"message":...}}}) turned back into the api's exceptions, so {@link ExitCodes}
 * maps a remote failure exactly as it maps the same local one. Thread-safe (the JDK's HttpClient is).
 */
final class RemoteClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;
    private final ObjectMapper json;

    /**
     * A client.
     *
     * @param server the server's address, such as {@code http://127.0.0.1:8080/}; a path after it is kept
     * @param token the bearer token, if the server wants one
     */
    RemoteClient(URI server, Optional<String> token) {
        Objects.requireNonNull(server, "server");
        this.token = Objects.requireNonNull(token, "token");
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme())) {
            throw new InvalidArgumentException("--url must be an http:// or https:// address, not '" + server + "'");
        }
        String text = server.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.json = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer server may add fields
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule());
    }

    ObjectMapper mapper() {
        return json;
    }

    /** One path segment, percent-encoded (a space as %20, not +). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), Map.of(), true);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), Map.of(), true);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, json(body), Map.of("Content-Type", "application/json"), true);
    }

    /**
     * POSTs an empty JSON body and waits as long as the server works (verify re-hashes every artifact), so no
     * request timeout; connecting has one.
     */
    JsonNode postAndWait(String path) {
        return send("POST", path, json(Map.of()), Map.of("Content-Type", "application/json"), false);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, json(body), Map.of("Content-Type", "application/json"), true);
    }

    /**
     * POSTs a stream as the body (chunked, never held in memory), with extra headers.
     *
     * @param body read once, on the client's thread; the caller closes it
     * @param headers header values, ASCII (the JDK client refuses anything else)
     */
    JsonNode upload(String path, InputStream body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/octet-stream");
        return send("POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> body), all, false);
    }

    /**
     * GETs a binary answer straight into {@code target} (streamed, never held in memory) and returns the
     * answer's headers; an error answer is read as JSON and thrown, with {@code target} left unwritten.
     *
     * @param target a file that must not exist yet
     */
    HttpHeaders download(String path, Path target) {
        HttpResponse.BodyHandler<byte[]> handler = info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(target,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), written -> new byte[0])
                : HttpResponse.BodySubscribers.ofByteArray();
        return exchange("GET", path, HttpRequest.BodyPublishers.noBody(), Map.of(), false, handler).headers();
    }

    /** A value as JSON text with every non-ASCII character escaped, so it fits an HTTP header. */
    String asciiJson(Object value) {
        try {
            return json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("cannot write " + value + " as JSON: " + e.getOriginalMessage());
        }
    }

    private HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("cannot write the request as JSON: " + e.getOriginalMessage());
        }
    }

    <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ModelRegistryException("the server's answer is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sends one request and returns its JSON answer.
     *
     * @param path relative to the server's address, e.g. {@code api/v1/models}
     */
    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers,
            boolean timed) {
        try {
            return json.readTree(exchange(method, path, body, headers, timed, HttpResponse.BodyHandlers.ofByteArray())
                    .body());
        } catch (JsonProcessingException e) {
            throw new ModelRegistryException(method + " " + base.resolve(path) + " did not answer JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelRegistryException("cannot read the answer of " + method + " " + path, e);
        }
    }

    /** Sends one request; an answer outside 2xx, whose body the handler must keep as bytes, is thrown. */
    private HttpResponse<byte[]> exchange(String method, String path, HttpRequest.BodyPublisher body,
            Map<String, String> headers, boolean timed, HttpResponse.BodyHandler<byte[]> handler) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .method(method, body);
        if (timed) {
            request.timeout(TIMEOUT); // an upload of a large artifact takes as long as it takes; connecting has one
        }
        headers.forEach(request::header);
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), handler);
            if (response.statusCode() / 100 != 2) {
                throw failure(method, uri, response.statusCode(), response.body());
            }
            return response;
        } catch (IOException e) {
            throw new StorageException("cannot reach the server at " + base + " (" + method + " " + uri.getPath()
                    + "): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while calling " + uri, e);
        }
    }

    /** The api exception for a server's error answer: by its error code, else by the HTTP status. */
    private ModelRegistryException failure(String method, URI uri, int status, byte[] body) {
        String code = "";
        String message = method + " " + uri.getPath() + " answered HTTP " + status;
        try {
            JsonNode error = json.readTree(body).path("error");
            code = error.path("code").asText("");
            message = error.path("message").asText(message);
        } catch (IOException e) {
            // Not the server's JSON (a proxy's page, say): the status alone decides below.
        }
        return switch (code) {
            case "NOT_FOUND" -> new NotFoundException(message);
            case "ALREADY_EXISTS" -> new AlreadyExistsException(message);
            case "CONFLICT" -> new ConflictException(message);
            case "UNTRUSTED" -> new UntrustedArchiveException(message);
            case "STORAGE" -> new StorageException(message);
            case "INVALID", "TOO_LARGE", "METHOD_NOT_ALLOWED", "DIGEST_MISMATCH" -> new InvalidArgumentException(message);
            case "INTEGRITY" -> new IntegrityException(message);
            case "UNAVAILABLE" -> new StorageException(message);
            case "UNAUTHENTICATED", "FORBIDDEN" -> new RemoteAccessException(message);
            default -> switch (status) {
                case 401, 403 -> new RemoteAccessException(message);
                case 404 -> new NotFoundException(message);
                case 409 -> new ConflictException(message);
                case 400, 405, 413 -> new InvalidArgumentException(message);
                case 503 -> new StorageException(message);
                default -> new ModelRegistryException(message);
            };
        };
    }

    @Override
    public String toString() {
        return "RemoteClient[" + base + "]"; // never the token
    }
}
