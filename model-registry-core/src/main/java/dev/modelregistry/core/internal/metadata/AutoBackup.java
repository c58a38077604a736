package dev.modelregistry.core.internal.metadata;

import java.util.Set;

/**
 * Keeps a copy of versions before a destructive operation removes them. The delete that follows
 * removes only versions the backup holds: the backup reads its versions in one snapshot and returns
 * their numbers, and the delete checks them inside its own transaction.
 */
public interface AutoBackup {
    /**
     * Writes a backup holding one live version.
     *
     * @throws dev.modelregistry.api.VersionNotFoundException if it is not live (any more)
     * @throws dev.modelregistry.api.StorageException if the backup cannot be written
     */
    void backUpVersion(String model, int version);

    /**
     * Writes a backup of every live version of a model, read in one snapshot.
     *
     * @return the numbers backed up
     */
    Set<Integer> backUpModel(String model);

    /**
     * As {@link #backUpModel(String)}, inside the caller's write transaction: no version can be
     * registered or deleted until it commits, at the price of holding the write lock while the
     * backup is written.
     *
     * @return the numbers backed up
     */
    Set<Integer> backUpModel(Tx tx, String model) throws java.sql.SQLException;
}
