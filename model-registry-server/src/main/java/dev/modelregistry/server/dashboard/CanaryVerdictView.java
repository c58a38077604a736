package dev.modelregistry.server.dashboard;

import dev.modelregistry.api.deployment.CanaryVerdict;
import dev.modelregistry.api.deployment.Deployment;
import dev.modelregistry.api.deployment.DeploymentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON of a live canary verdict ({@code Deployer.assess}), as {@code GET /api/v1/deployments/{environment}/canary}
 * answers it and the dashboard's monitoring stream carries it: the verdict's {@code environment}, {@code decision}
 * and {@code reason}, plus for a person {@code headline} (what the reason leads with), {@code reasons} (the numbers
 * behind it, one per item; a rule the policy switched off reads "(not checked)") and {@code nextStep} (what
 * {@code analyze} would do about it now). Public only because the API routes and the dashboard stream live in two
 * packages; not for clients to build on.
 *
 * <p>Stateless and thread-safe.
 */
public final class CanaryVerdictView {
    private CanaryVerdictView() {
    }

    /**
     * The verdict as JSON-ready values.
     *
     * @param verdict the verdict
     * @param deployments the environment's deployments now (for the versions and the canary's next traffic step)
     * @return a new ordered map
     */
    public static Map<String, Object> of(CanaryVerdict verdict, List<Deployment> deployments) {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(deployments, "deployments");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", verdict.environment());
        m.put("decision", verdict.decision());
        m.put("reason", verdict.reason());
        String reason = verdict.reason();
        // "failed on error rate: error rate 0.2 vs …" and "to 50%: error rate …" lead with what was decided.
        int colon = reason.indexOf(": ");
        boolean led = colon > 0 && (reason.startsWith("failed on ") || reason.startsWith("to "));
        m.put("headline", led ? reason.substring(0, colon) : "");
        m.put("reasons", items(led ? reason.substring(colon + 2) : reason));
        m.put("nextStep", nextStep(verdict.decision(), deployments));
        return m;
    }

    /** Splits the reason at commas and semicolons outside parentheses ("(z=1.2, p=0.1)" stays whole). */
    private static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if ((c == ',' || c == ';') && depth == 0) {
                add(out, text.substring(start, i));
                start = i + 1;
            }
        }
        add(out, text.substring(start));
        return out;
    }

    private static void add(List<String> out, String item) {
        if (!item.isBlank()) {
            // A policy switches a rule off with an infinite limit: say so rather than "(max Infinity)".
            out.add(item.strip().replace("(max Infinity)", "(not checked)"));
        }
    }

    private static String nextStep(CanaryVerdict.Decision decision, List<Deployment> deployments) {
        Optional<Deployment> canary = deployments.stream().filter(d -> d.state() == DeploymentState.CANARY).findFirst();
        Optional<Deployment> stable = deployments.stream().filter(d -> d.state().isStable()).findFirst();
        String c = canary.map(d -> label(d)).orElse("the canary");
        String s = stable.map(d -> label(d)).orElse("the stable version");
        return switch (decision) {
            case NOTHING_TO_ANALYZE -> "Nothing to do: no canary with an analysis policy runs.";
            case WAIT -> "Wait: analysis changes nothing until both versions have served enough.";
            case STEP_UP -> canary.map(d -> d.spec().stepsPercent().stream().filter(w -> w > d.weightPercent())
                    .findFirst().map(w -> "Raise " + c + " from " + d.weightPercent() + "% to " + w + "% of the traffic.")
                    .orElse("Raise " + c + " to its next traffic step.")).orElse("Raise the canary to its next step.");
            case PROMOTE -> "Promote " + c + ": it becomes the stable version and " + s + " is retired.";
            case ROLLBACK -> "Roll " + c + " back: " + s + " takes all traffic again.";
        };
    }

    private static String label(Deployment d) {
        return d.version().model() + "/" + d.version().version();
    }
}
