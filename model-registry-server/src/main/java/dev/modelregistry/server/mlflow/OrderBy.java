package dev.modelregistry.server.mlflow;

import dev.modelregistry.api.InvalidArgumentException;
import java.util.List;
import java.util.Optional;

/**
 * The first clause of MLflow's {@code order_by}: {@code key [ASC|DESC]}. Later clauses only break ties in
 * MLflow; the registry's orders already end in a total order, so they are not needed.
 *
 * @param key the attribute, checked by the caller against what it can sort by
 * @param descending whether {@code DESC} was given
 */
record OrderBy(String key, boolean descending) {

    static Optional<OrderBy> parse(List<String> orderBy) {
        if (orderBy.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = orderBy.get(0).trim().split("\\s+");
        boolean desc = parts.length == 2 && parts[1].equalsIgnoreCase("DESC");
        if (parts.length > 2 || (parts.length == 2 && !desc && !parts[1].equalsIgnoreCase("ASC"))) {
            throw new InvalidArgumentException("Invalid order_by clause '" + orderBy.get(0) + "'");
        }
        return Optional.of(new OrderBy(parts[0], desc));
    }

    InvalidArgumentException unsupported(String supported) {
        return new InvalidArgumentException("Invalid order_by key '" + key + "': use " + supported);
    }
}
