package dev.modelregistry.cli;

import dev.modelregistry.api.version.ModelVersion;

/** The answer of the alias moves (set, rollback): the version the alias now names. Stateless. */
final class Aliases {
    private Aliases() {
    }

    static void print(Output out, boolean json, ModelVersion now, String alias) {
        if (json) {
            out.json(Views.VersionView.of(now));
        } else {
            out.line(now.model() + "@" + alias + " -> " + now.ref());
        }
    }
}
