package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.storage.ModelStorage;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import dev.modelregistry.core.evaluation.EvaluationReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.modelregistry.core.internal.metadata.DeploymentStore;

/**
 * Carries out the life-cycle actions: under the environment's action lock, restore its routing, load
 * (and verify) any model the action will serve, write the changes {@link Transitions} decides in one store
 * transaction, then swap in the routing the store now describes. A model is loaded before the transaction
 * that deploys it, so a corrupt artifact changes nothing. Before a deployment or promotion into an
 * environment the {@link EvaluationGate} guards, the version's stored decisions are judged: a refusal
 * throws before anything changes; an override is audited in the transaction of the change. Thread-safe.
 */
final class DeploymentActions {
    /** Logs under the deployer's name, where operators look for deployment actions. */
    private static final Logger LOG = LoggerFactory.getLogger(DefaultDeployer.class);

    private final DeploymentStore store;
    private final VersionManager versions;
    private final ModelStorage storage;
    private final Endpoints endpoints;
    private final EvaluationGate gate;

    DeploymentActions(DeploymentStore store, VersionManager versions, ModelStorage storage, Endpoints endpoints,
            EvaluationGate gate) {
        this.store = store;
        this.versions = versions;
        this.storage = storage;
        this.endpoints = endpoints;
        this.gate = gate;
    }

    /** Judges a version for an environment; throws the refusal, returns what to audit. */
    private Optional<EvaluationGate.Overridden> checkGate(String environment, ModelRef.Numbered version,
            DeploymentSpec spec) {
        if (!gate.guards(environment)) {
            return Optional.empty();
        }
        EvaluationGate.Verdict verdict = gate.judge(environment, version,
                EvaluationReports.readDecision(versions, version),
                EvaluationReports.readComparisonDecision(versions, version), spec.evaluationOverride());
        if (verdict instanceof EvaluationGate.Refuse refuse) {
            LOG.warn("refused {} in {}: {}", version, environment, refuse.exception().getMessage());
            throw refuse.exception();
        }
        return verdict instanceof EvaluationGate.Overridden o ? Optional.of(o) : Optional.empty();
    }

    private static void audit(DeploymentStore.Changes ch, String action, ModelRef.Numbered version,
            Optional<EvaluationGate.Overridden> override) {
        override.ifPresent(o -> ch.audit("deployment-evaluation-override", version, o.overridden(),
                action + " overriding the evaluation gate: " + o.overrideReason()));
    }

    /** A transaction's subject and the environment's live deployments after it. */
    private record Outcome(Deployment subject, List<Deployment> live) {
    }

    Deployment deploy(ModelRef version, String environment, DeploymentSpec spec) {
        endpoints.ensureOpen();
        ModelVersion v = versions.get(version);
        ModelRef.Numbered numbered = new ModelRef.Numbered(v.model(), v.version());
        storage.verify(v.artifact());
        LiveEndpoint ep = endpoints.live(environment);
        ep.actions.lock();
        LoadedModel model = null;
        boolean handedOver = false;
        try {
            Optional<EvaluationGate.Overridden> override = checkGate(environment, numbered, spec);
            ep.table(); // restore routing before changing it
            model = endpoints.open(numbered);
            Predictor predictor = Endpoints.requirePredictor(model, numbered);
            Outcome outcome = store.update(environment, ch -> {
                Deployment created = carryOut(ch, Transitions.deploy(environment, ch.live(), numbered, spec));
                audit(ch, "deploy", numbered, override);
                return new Outcome(created, ch.live());
            });
            Served served = endpoints.serve(environment, outcome.subject(), model, predictor);
            handedOver = true;
            endpoints.apply(ep, outcome.live(), Map.of(served.deploymentId, served));
            RoutingTable t = ep.table();
            if (t.stable() != null) {
                t.stable().monitor.markAnalysed(); // a new candidate is judged against the stable's traffic from now
            }
            LOG.info("deployed {} to {} as {}", numbered, environment, outcome.subject().state());
            return outcome.subject();
        } finally {
            if (!handedOver && model != null) {
                model.release();
            }
            ep.actions.unlock();
        }
    }

    Deployment promote(String environment, String reason) {
        LiveEndpoint ep = endpoints.live(environment);
        ep.actions.lock(); // reentrant: the candidate judged is the one promoted
        Deployment promoted;
        try {
            Deployment candidate = Transitions.candidateOf(store.live(environment));
            Optional<EvaluationGate.Overridden> override = candidate == null ? Optional.empty()
                    : checkGate(environment, candidate.version(), candidate.spec());
            promoted = transition(environment, ch -> {
                Deployment last = carryOut(ch, Transitions.promote(environment, ch.live(), reason));
                audit(ch, "promote", last.version(), override);
                return last;
            });
        } finally {
            ep.actions.unlock();
        }
        LOG.info("promoted {} in {}: {}", promoted.version(), environment, reason);
        return promoted;
    }

    Deployment ramp(String environment, int percent, String reason) {
        if (percent < 1 || percent > 100) {
            throw new InvalidArgumentException("canary weight must be 1..100 percent, got " + percent);
        }
        return transition(environment, ch -> carryOut(ch, Transitions.ramp(environment, ch.live(), percent, reason)));
    }

    Deployment rollback(String environment, String reason) {
        LiveEndpoint ep = endpoints.live(environment);
        ep.actions.lock();
        LoadedModel restoredModel = null;
        boolean handedOver = false;
        try {
            ep.table();
            // Plan, then load (and verify) the version to restore before the transaction: if loading fails,
            // nothing changes. The transaction checks the plan still holds.
            Optional<Deployment> planned = store.update(environment, ch -> {
                List<Deployment> live = ch.live();
                return Transitions.restores(live) ? ch.previousStable(Transitions.stableOf(live))
                        : Optional.<Deployment>empty();
            });
            if (planned.isPresent()) {
                restoredModel = endpoints.open(planned.get().version());
                Endpoints.requirePredictor(restoredModel, planned.get().version());
            }
            Outcome outcome = store.update(environment, ch -> {
                List<Deployment> live = ch.live();
                Optional<Deployment> previous = Transitions.restores(live)
                        ? ch.previousStable(Transitions.stableOf(live)) : Optional.empty();
                Optional<Deployment> beforePrevious = previous.flatMap(ch::previousStable);
                Deployment last = carryOut(ch,
                        Transitions.rollback(environment, live, previous, beforePrevious, planned, reason));
                // The subject is the stable deployment serving now: the restored one, or the unchanged stable.
                return new Outcome(previous.isPresent() ? last : Transitions.stableOf(live), ch.live());
            });
            Map<Long, Served> preloaded = new HashMap<>();
            if (restoredModel != null) {
                Served s = endpoints.serve(environment, outcome.subject(), restoredModel,
                        restoredModel.predictor().orElseThrow());
                preloaded.put(s.deploymentId, s);
            }
            handedOver = true;
            endpoints.apply(ep, outcome.live(), preloaded);
            LOG.info("rolled back {}: {} serves ({})", environment, outcome.subject().version(), reason);
            return outcome.subject();
        } finally {
            if (!handedOver && restoredModel != null) {
                restoredModel.release();
            }
            ep.actions.unlock();
        }
    }

    void undeploy(String environment) {
        transition(environment, ch -> {
            carryOut(ch, Transitions.undeploy(environment, ch.live()));
            return null;
        });
        LOG.info("undeployed {}", environment);
    }

    /**
     * The shape of every action that loads no model: under the environment's action lock, restore its
     * routing, change the store in one transaction, then swap in the routing the store now describes.
     *
     * @return what the change returned
     */
    private Deployment transition(String environment, Function<DeploymentStore.Changes, Deployment> change) {
        LiveEndpoint ep = endpoints.live(environment);
        ep.actions.lock();
        try {
            ep.table();
            Outcome outcome = store.update(environment, ch -> new Outcome(change.apply(ch), ch.live()));
            endpoints.apply(ep, outcome.live(), Map.of());
            return outcome.subject();
        } finally {
            ep.actions.unlock();
        }
    }

    /** Writes the changes in order; returns the deployment the last one produced. */
    private static Deployment carryOut(DeploymentStore.Changes ch, List<Transitions.Change> changes) {
        Deployment last = null;
        for (Transitions.Change change : changes) {
            if (change instanceof Transitions.Move m) {
                last = ch.move(m.deployment(), m.to(), m.weightPercent(), m.previousStable(), m.action(), m.reason());
            } else if (change instanceof Transitions.Create c) {
                last = ch.create(c.version(), c.spec(), c.state(), c.weightPercent(), c.previousStable(), c.action(),
                        c.reason());
            }
        }
        return last;
    }
}
