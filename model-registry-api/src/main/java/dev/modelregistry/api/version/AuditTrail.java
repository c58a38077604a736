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
     * @param model only rows for this model, or all rows when empty
     * @param from only rows at or after this instant, when given
     * @param before only rows before this instant, when given
     * @param limit at most this many rows, 1 to 100,000
     * @return the rows, oldest first
     */
    List<AuditEntry> query(Optional<String> model, Optional<Instant> from, Optional<Instant> before, int limit);

    /**
     * Every audit row of one model, oldest first.
     *
     * @param model the model's name
     * @return the rows
     */
    default List<AuditEntry> forModel(String model) {
        return query(Optional.of(model), Optional.empty(), Optional.empty(), 100_000);
    }
}
