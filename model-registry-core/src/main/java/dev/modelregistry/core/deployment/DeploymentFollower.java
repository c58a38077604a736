package dev.modelregistry.core.deployment;

import dev.modelregistry.api.RegistryClosedException;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.core.internal.metadata.DeploymentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings this process's endpoints up to date with deployment changes made elsewhere: by another process on
 * the same directory, or by another host sharing the database. Each {@link #poll} reads the newest history
 * event id (one indexed query); only when it moved does it read each served environment's live deployments,
 * and it swaps in a new routing table for each whose deployments differ from those its table was built from.
 * Changes this process made itself are already applied, so they compare equal. Polls come from a schedule
 * and, where the database pushes news of a commit (PostgreSQL's NOTIFY), from that news at once.
 *
 * <p>A table that cannot be built (an artifact that no longer verifies, say) keeps the current one serving
 * and is tried again on the next poll; the failure is logged once per event id. Thread-safe: polls are
 * serialised, and each swap holds the endpoint's action lock as deployer actions do.
 */
final class DeploymentFollower {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentFollower.class);

    private final DeploymentStore store;
    private final Endpoints endpoints;
    /** The newest event id every served environment is known to reflect; guarded by this. */
    private long applied = -1;
    /** The event id whose failure was last logged; guarded by this. */
    private long failureLogged = -1;

    DeploymentFollower(DeploymentStore store, Endpoints endpoints) {
        this.store = store;
        this.endpoints = endpoints;
    }

    /** Checks for changes and applies them; never throws (it runs on a scheduler). */
    synchronized void poll() {
        try {
            long last = store.lastEventId();
            if (last == applied) {
                return;
            }
            if (follow(last)) {
                applied = last;
            } else {
                failureLogged = last;
            }
        } catch (RegistryClosedException e) {
            // closing: the deployer cancels this poll next
        } catch (RuntimeException e) {
            LOG.warn("cannot follow deployment changes: {}", e.getMessage(), e);
        }
    }

    /** @return whether every served environment now reflects the stored deployments */
    private boolean follow(long last) {
        boolean all = true;
        for (String environment : endpoints.environments()) {
            LiveEndpoint ep = endpoints.live(environment);
            ep.actions.lock();
            try {
                endpoints.ensureOpen(); // a closed deployer's endpoints stay empty
                RoutingTable current = ep.loadedTable();
                if (current == null) {
                    continue;
                }
                // Read under the endpoint's action lock: an action of this process holds it from its
                // transaction to its swap, so what is read here is never older than the table it would replace.
                List<Deployment> mine = store.live(environment);
                if (built(current).equals(served(mine))) {
                    continue;
                }
                long start = System.nanoTime();
                endpoints.apply(ep, mine, Map.of());
                LOG.info("endpoint '{}' follows a deployment change made elsewhere: now {} (loaded in {} ms)",
                        environment, served(mine).stream().map(d -> d.version() + " " + d.state()).toList(),
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RegistryClosedException e) {
                throw e;
            } catch (RuntimeException e) {
                all = false;
                if (failureLogged != last) {
                    LOG.warn("endpoint '{}' keeps serving what it served: cannot apply a deployment change made"
                            + " elsewhere: {}", environment, e.getMessage(), e);
                }
            } finally {
                ep.actions.unlock();
            }
        }
        return all;
    }

    /** The deployments a table was built from: its stable one, then its candidate. */
    private static List<Deployment> built(RoutingTable table) {
        List<Deployment> out = new ArrayList<>();
        if (table.stableDeployment() != null) {
            out.add(table.stableDeployment());
        }
        if (table.candidateDeployment() != null) {
            out.add(table.candidateDeployment());
        }
        return out;
    }

    /** The deployments a table built from {@code live} serves, in {@link #built}'s order. */
    private static List<Deployment> served(List<Deployment> live) {
        List<Deployment> out = new ArrayList<>();
        Deployment stable = Transitions.stableOf(live);
        Deployment candidate = Transitions.candidateOf(live);
        if (stable != null) {
            out.add(stable);
            if (candidate != null) {
                out.add(candidate);
            }
        }
        return out;
    }
}
