package dev.modelregistry.api.training;

/**
 * The SPI a trainer module implements and lists in
 * {@code META-INF/services/dev.modelregistry.api.training.TrainerProvider}. Ids are unique across
 * the class path; a duplicate fails loudly.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface TrainerProvider {

    /**
     * The unique id of the trainer this provider creates.
     *
     * @return the id, e.g. {@code xgboost}
     */
    String id();

    /**
     * Creates the trainer.
     *
     * @return the trainer
     */
    Trainer trainer();
}
