package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.version.ModelMetadata;

/**
 * Caps on what one version's metadata may hold. Metadata lives in the database and is read by every
 * search and listing, so an unbounded description or lineage would slow everything and bloat the
 * database; large content belongs in the artifact or a document. Checked before any bytes are
 * written, on register, on putMetrics and on import. Thread-safe (stateless).
 */
public final class MetadataLimits {
    /** Characters in a description. */
    static final int MAX_DESCRIPTION = 64 * 1024;
    /** Parents plus datasets in a lineage. */
    static final int MAX_LINEAGE = 10_000;
    /** Entries in each of metrics, properties and hyper-parameters. */
    static final int MAX_ENTRIES = 10_000;
    /** Features in a schema. */
    static final int MAX_FEATURES = 1_000_000;
    /** Characters in the whole metadata document, as stored. */
    static final int MAX_DOCUMENT = 8 * 1024 * 1024;

    private MetadataLimits() {
    }

    /** Checks the parts first (cheap, and names what is too big), then the document as stored. */
    public static void check(ModelMetadata m) {
        require("description", m.description().length(), MAX_DESCRIPTION, "characters");
        require("lineage", m.lineage().parents().size() + m.lineage().datasets().size(), MAX_LINEAGE,
                "parents and datasets");
        require("metrics", m.metrics().size(), MAX_ENTRIES, "entries");
        require("properties", m.properties().size(), MAX_ENTRIES, "entries");
        m.training().ifPresent(t -> require("hyper-parameters", t.hyperParameters().size(), MAX_ENTRIES, "entries"));
        require("feature schema", m.features().features().size(), MAX_FEATURES, "features");
    }

    static void checkDocument(String json) {
        require("metadata document", json.length(), MAX_DOCUMENT, "characters");
    }

    private static void require(String what, long actual, long max, String unit) {
        if (actual > max) {
            throw new InvalidArgumentException("the version's " + what + " has " + actual + " " + unit + "; at most "
                    + max + " are allowed (put large content in the artifact or in a document)");
        }
    }
}
