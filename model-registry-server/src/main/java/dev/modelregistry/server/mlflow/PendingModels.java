package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.AlreadyExistsException;
import dev.modelregistry.api.ConflictException;
import dev.modelregistry.api.ModelNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Models created through MLflow's {@code registered-models/create} that have no version yet. This registry
 * creates a model with its first version and cannot store an empty one, yet MLflow clients create first and
 * register second (Python's {@code register_model} does exactly that), and expect to read the model in
 * between. So an empty model lives here, in this server's memory, with its description and tags, until its
 * first version moves them into the registry. It is lost on restart and not seen by other servers on the same
 * registry; {@code docs/mlflow-compatibility.md} says so.
 *
 * <p>Thread-safe: a concurrent map; each operation is atomic per name.
 */
final class PendingModels {
    /** An empty model: its name, when it was created, and its tags (the description among them). */
    record Pending(String name, Instant createdAt, Map<String, String> tags) {
        Pending {
            tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        }
    }

    /** At most this many empty models at once, so that a writer cannot fill the server's heap with them. */
    static final int MAX_PENDING = 10_000;

    private final ConcurrentHashMap<String, Pending> models = new ConcurrentHashMap<>();

    Pending create(String name, Map<String, String> tags) {
        if (models.size() >= MAX_PENDING) {
            throw new ConflictException(MAX_PENDING + " models created through MLflow have no version yet; "
                    + "register versions of them or delete some before creating more");
        }
        Pending p = new Pending(name, Instant.now(), tags);
        if (models.putIfAbsent(name, p) != null) {
            throw new AlreadyExistsException("Registered Model (name=" + name + ") already exists.");
        }
        return p;
    }

    Optional<Pending> get(String name) {
        return Optional.ofNullable(models.get(name));
    }

    Pending update(String name, UnaryOperator<Map<String, String>> tags) {
        Pending p = models.computeIfPresent(name, (k, old) -> new Pending(k, old.createdAt(),
                tags.apply(new TreeMap<>(old.tags()))));
        if (p == null) {
            throw missing(name);
        }
        return p;
    }

    Pending rename(String from, String to) {
        Pending old = models.get(from);
        if (old == null) {
            throw missing(from);
        }
        Pending renamed = new Pending(to, old.createdAt(), old.tags());
        if (models.putIfAbsent(to, renamed) != null) {
            throw new AlreadyExistsException("Registered Model (name=" + to + ") already exists.");
        }
        models.remove(from, old);
        return renamed;
    }

    /** Takes a model out, when it is deleted or when its first version has been registered. */
    Optional<Pending> remove(String name) {
        return Optional.ofNullable(models.remove(name));
    }

    List<Pending> all() {
        return new ArrayList<>(models.values());
    }

    static ModelNotFoundException missing(String name) {
        return new ModelNotFoundException("Registered Model with name=" + name + " not found");
    }
}
