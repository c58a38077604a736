package dev.modelregistry.cli;

import dev.modelregistry.api.deployment.Deployment;
import java.util.List;

/** The answer of the deployment commands: the deployment they changed, or a table of them. Stateless. */
final class Deployments {
    static final List<String> HEADER = List.of("ENVIRONMENT", "ID", "VERSION", "STRATEGY", "STATE", "WEIGHT", "SINCE");

    private Deployments() {
    }

    static void print(Output out, boolean json, String verb, Deployment d) {
        if (json) {
            out.json(Views.DeploymentView.of(d));
        } else {
            out.line(verb + " " + d.version() + " in " + d.environment() + ": " + d.state() + ", "
                    + d.weightPercent() + "% of traffic");
        }
    }

    static List<String> row(Deployment d) {
        return List.of(d.environment(), Long.toString(d.id()), d.version().toString(), d.spec().strategy().name(),
                d.state().name(), d.weightPercent() + "%", d.since().toString());
    }
}
