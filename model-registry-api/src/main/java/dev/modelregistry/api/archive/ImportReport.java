package dev.modelregistry.api.archive;

import java.util.List;

/**
 * What an import did. An import is all or nothing: if it throws, nothing was changed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param modelsCreated models that did not exist before
 * @param versionsImported versions added, keeping their numbers
 * @param versionsRestored soft-deleted versions brought back (same number, same bytes)
 * @param versionsUnchanged versions already present with the same bytes
 * @param aliasesSet aliases created
 * @param notes what was left as it was and why (for example an alias that already points elsewhere)
 */
public record ImportReport(int modelsCreated, int versionsImported, int versionsRestored, int versionsUnchanged,
        int aliasesSet, List<String> notes) {
    /**
     * Copies the notes.
     *
     * @param modelsCreated models created
     * @param versionsImported versions added
     * @param versionsRestored versions restored
     * @param versionsUnchanged versions unchanged
     * @param aliasesSet aliases created
     * @param notes notes
     */
    public ImportReport {
        notes = List.copyOf(notes);
    }
}
