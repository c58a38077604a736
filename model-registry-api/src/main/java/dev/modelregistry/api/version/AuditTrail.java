package dev.modelregistry.api.version;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who changed what, and when. Every mutating call of the registry writes one or more rows in the
 * same transaction as its change, so the trail never misses a change and never records one that
 * did not happen.
 *
 * <p>Implementations are thread-safe.
 */
public interface AuditTrail {

    /**
     * Reads audit rows in sequence order.
     *
     * @param model only rows of the model that has this name now, including rows written while it had an
     *     earlier name (before a {@code renameModel}), and not rows of another model that had this name before
     *     it; all rows when empty
     * @param from only rows at or after this instant, when given
     * @param before only rows before this instant, when given
     * @param limit at most this many rows, 1 to 100,000
     * @return the rows, oldest first
     */
    List<AuditEntry> query(Optional<String> model, Optional<Instant> from, Optional<Instant> before, int limit);

    /**
     * Every audit row of one model, oldest first. Rows follow the model, not its name: after
     * {@code renameModel("a", "b")}, {@code forModel("b")} holds the history written under {@code "a"}, and a new
     * model later registered as {@code "a"} starts with an empty history. A deleted model keeps its name (see
     * {@code VersionManager.deleteModel}), so registering that name again continues the same model and history.
     *
     * @param model the model's name now
     * @return the rows
     */
    default List<AuditEntry> forModel(String model) {
        java.util.Objects.requireNonNull(model, "model");
        return query(Optional.of(model), Optional.empty(), Optional.empty(), 100_000);
    }
}
