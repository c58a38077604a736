package dev.modelregistry.core;

import java.util.List;

/** Keeps a copy of versions before a destructive operation removes them. */
@FunctionalInterface
interface AutoBackup {
    AutoBackup NONE = (operation, model, versions) -> { };

    /** Writes the backup; throws (so the operation does not proceed) if it cannot. */
    void beforeRemoving(String operation, String model, List<Integer> versions);
}
