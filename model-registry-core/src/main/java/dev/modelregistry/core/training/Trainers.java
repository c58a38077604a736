package dev.modelregistry.core.training;

import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.NotFoundException;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The trainers on the class path, found once through {@link ServiceLoader}. Ids are unique: two
 * providers with one id fail loudly, because which one wins must never depend on class-path order.
 *
 * <p>Internal: public only so that the registry's wiring and its codecs, in other packages, can find the
 * trainers; users reach them through {@code registry.training().trainers()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Trainers {
    private final Map<String, Trainer> byId;

    private Trainers(Map<String, Trainer> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * Finds every {@link TrainerProvider} visible to a class loader.
     *
     * @param loader where to look
     * @return the trainers
     * @throws ModelRegistryException if two providers share an id
     */
    public static Trainers discover(ClassLoader loader) {
        Map<String, Trainer> found = new TreeMap<>();
        Map<String, String> classes = new TreeMap<>();
        for (TrainerProvider provider : ServiceLoader.load(TrainerProvider.class, loader)) {
            String previous = classes.putIfAbsent(provider.id(), provider.getClass().getName());
            if (previous != null) {
                throw new ModelRegistryException("two trainer providers claim id '" + provider.id() + "': " + previous
                        + " and " + provider.getClass().getName() + "; remove one of their modules");
            }
            Trainer trainer = provider.trainer();
            if (!trainer.id().equals(provider.id())) {
                throw new ModelRegistryException("provider " + provider.getClass().getName() + " has id '"
                        + provider.id() + "' but its trainer says '" + trainer.id() + "'");
            }
            found.put(provider.id(), trainer);
        }
        return new Trainers(found);
    }

    /**
     * Exactly the given trainers, without looking at the class path: lets the package's tests wrap a
     * real trainer to observe what the service does with it.
     *
     * @param trainers the trainers, ids unique
     * @return the trainers
     * @throws ModelRegistryException if two trainers share an id
     */
    static Trainers of(List<Trainer> trainers) {
        Map<String, Trainer> found = new TreeMap<>();
        for (Trainer trainer : trainers) {
            if (found.putIfAbsent(trainer.id(), trainer) != null) {
                throw new ModelRegistryException("two trainers claim id '" + trainer.id() + "'");
            }
        }
        return new Trainers(found);
    }

    /**
     * A trainer by id.
     *
     * @param id the trainer's id
     * @return the trainer
     * @throws NotFoundException naming the ids available
     */
    public Trainer get(String id) {
        Trainer t = byId.get(id);
        if (t == null) {
            throw new NotFoundException("no trainer '" + id + "' on the class path; available: " + byId.keySet());
        }
        return t;
    }

    /**
     * A trainer by id, if present.
     *
     * @param id the trainer's id
     * @return the trainer, or empty
     */
    public Optional<Trainer> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Every trainer, by id.
     *
     * @return the trainers
     */
    public List<Trainer> all() {
        return List.copyOf(byId.values());
    }
}
