package dev.modelregistry.core.deployment;

import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentState;
import dev.modelregistry.api.deployment.Routing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An immutable routing decision for one environment: the stable deployment, an optional candidate and
 * the canary's share in buckets of 10,000. Endpoints swap whole tables atomically.
 *
 * @param environment the environment
 * @param stable the stable deployment's copy, null when nothing is deployed
 * @param stableDeployment the stable deployment, null when nothing is deployed
 * @param candidate the candidate's copy, or null
 * @param candidateDeployment the candidate deployment, or null
 */
record RoutingTable(String environment, Served stable, Deployment stableDeployment, Served candidate,
        Deployment candidateDeployment) {
    static final int BUCKETS = 10_000;

    static RoutingTable empty(String environment) {
        return new RoutingTable(environment, null, null, null, null);
    }

    boolean isEmpty() {
        return stable == null;
    }

    /** The shadow's copy, when the candidate is a shadow. */
    Served shadow() {
        return candidate != null && candidateDeployment.state() == DeploymentState.SHADOW ? candidate : null;
    }

    /** Whether this request goes to the canary. */
    boolean toCanary(String routingKey) {
        if (candidate == null || candidateDeployment.state() != DeploymentState.CANARY) {
            return false;
        }
        int threshold = candidateDeployment.weightPercent() * (BUCKETS / 100);
        int bucket = routingKey == null || candidateDeployment.spec().routing() == Routing.RANDOM
                ? ThreadLocalRandom.current().nextInt(BUCKETS) : bucket(environment, routingKey);
        return bucket < threshold;
    }

    List<Served> served() {
        List<Served> out = new ArrayList<>(2);
        if (stable != null) {
            out.add(stable);
        }
        if (candidate != null) {
            out.add(candidate);
        }
        return out;
    }

    DeploymentState stateOf(Served s) {
        return s == stable ? stableDeployment.state() : candidateDeployment.state();
    }

    /**
     * The sticky bucket of a key in an environment, 0 to 9,999: 64-bit FNV-1a over the UTF-8 bytes of
     * {@code environment + '\0' + key}, finished with the MurmurHash3 64-bit mixer. Stable across
     * processes, JVMs and releases (it is part of the routing contract).
     */
    static int bucket(String environment, String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : environment.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ 0) * 0x100000001b3L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Long.remainderUnsigned(h, BUCKETS);
    }
}
