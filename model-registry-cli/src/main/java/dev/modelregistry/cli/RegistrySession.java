package dev.modelregistry.cli;

import dev.modelregistry.api.archive.Backups;
import dev.modelregistry.api.deployment.Deployer;
import dev.modelregistry.api.maintenance.GcReport;
import dev.modelregistry.api.maintenance.VerifyReport;
import dev.modelregistry.api.version.AuditTrail;
import dev.modelregistry.api.version.VersionManager;
import java.time.Duration;

/**
 * What the commands need from a registry, through the api's interfaces only, so that a client of the HTTP
 * server can stand in for the local directory ({@link LocalSession}) without the commands changing.
 * Implementations say whether they are thread-safe; the CLI uses one from one thread.
 */
interface RegistrySession extends AutoCloseable {
    VersionManager versions();

    Backups backups();

    Deployer deployer();

    AuditTrail audit();

    VerifyReport verify();

    /**
     * Removes leftovers older than the grace period.
     *
     * @param grace how old an unreferenced blob or temp file must be; empty for the registry's default
     * @param force whether to proceed when most of the store would go (see {@code ModelRegistry.gcForced})
     */
    GcReport gc(java.util.Optional<Duration> grace, boolean force);

    @Override
    void close();
}
