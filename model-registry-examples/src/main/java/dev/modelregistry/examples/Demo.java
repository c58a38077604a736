package dev.modelregistry.examples;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.storage.LoadedModel;
import dev.modelregistry.api.version.AliasChange;
import dev.modelregistry.api.version.AuditEntry;
import dev.modelregistry.api.version.MetricDelta;
import dev.modelregistry.api.version.MetricFilter;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.SearchQuery;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.api.version.ValueChange;
import dev.modelregistry.api.version.VersionDiff;
import dev.modelregistry.core.BytesModel;
import dev.modelregistry.core.ExportReport;
import dev.modelregistry.core.ImportReport;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.VerifyReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The end-to-end demo: register, alias, roll back, search, compare, export, import, verify and load,
 * across two registries in temporary directories. It stores opaque bytes (format
 * {@value BytesModel#FORMAT_ID}) until the trainer modules arrive.
 *
 * <p>Run it with {@code mvn -q -Pdemo -DskipTests package} from the repository root. Every check that
 * fails throws, so the process exits with a non-zero status.
 */
public final class Demo {
    /** The model the demo registers. */
    static final String MODEL = "eu-stocks-next-day";
    /** The alias the demo moves and rolls back. */
    static final String CHAMPION = "champion";
    /** The hit-rate threshold of the metric search. */
    static final double HIT_RATE_THRESHOLD = 0.52;

    /** Three candidate versions: hyper-parameters, metrics and artifact size differ per version. */
    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("first baseline: 5-day momentum and volume", "0.10", "3", 0.0231, 0.510, 1_536),
            new Candidate("adds sector returns; lower learning rate", "0.05", "4", 0.0214, 0.540, 2_048),
            new Candidate("deeper trees; better RMSE, but hit rate fell", "0.05", "6", 0.0209, 0.525, 3_072));

    private Demo() {
    }

    /**
     * What the demo did, for a test to check.
     *
     * @param registeredVersions versions registered in the first registry
     * @param championAfterRollback the version {@code champion} points to after the rollback
     * @param hitRateMatches versions the metric search found, by number
     * @param exportedVersions versions written to the archive
     * @param importedVersions versions the second registry imported
     * @param healthy whether the second registry verified healthy
     * @param championBytesMatch whether the champion loaded from the second registry holds the registered bytes
     */
    public record Outcome(int registeredVersions, int championAfterRollback, List<Integer> hitRateMatches,
            int exportedVersions, int importedVersions, boolean healthy, boolean championBytesMatch) {
        /**
         * Copies the list.
         *
         * @param registeredVersions versions registered
         * @param championAfterRollback champion after rollback
         * @param hitRateMatches search matches
         * @param exportedVersions versions exported
         * @param importedVersions versions imported
         * @param healthy verify result
         * @param championBytesMatch bytes check
         */
        public Outcome {
            hitRateMatches = List.copyOf(hitRateMatches);
        }
    }

    /**
     * Runs the demo in a fresh temporary directory and prints each step.
     *
     * @param args ignored
     * @throws IOException if the temporary directory cannot be created
     */
    public static void main(String[] args) throws IOException {
        Path workDir = Files.createTempDirectory("model-registry-demo-");
        run(workDir, System.out);
        System.out.println("Everything checked out. The registries stay in " + workDir + " for you to look at.");
    }

    /**
     * Runs the demo: two registries ({@code registry-a}, {@code registry-b}) and one archive inside
     * {@code workDir}.
     *
     * @param workDir an empty directory to work in
     * @param out where to print the steps
     * @return what happened
     * @throws IllegalStateException if a check fails
     */
    public static Outcome run(Path workDir, PrintStream out) {
        Path archive = workDir.resolve(MODEL + ".zip");
        out.println("Model registry demo in " + workDir);

        List<byte[]> artifacts = new ArrayList<>();
        int champion;
        List<Integer> hitRateMatches;
        ExportReport exported;
        try (ModelRegistry first = ModelRegistry.open(workDir.resolve("registry-a"))) {
            out.println("Opened registry A at " + first.root());
            for (int i = 0; i < CANDIDATES.size(); i++) {
                artifacts.add(register(first, i + 1, CANDIDATES.get(i), out));
            }
            champion = promoteAndRollBack(first, out);
            hitRateMatches = searchByHitRate(first, out);
            searchByName(first, out);
            compare(first, 2, 3, out);
            showAudit(first, out);
            exported = export(first, archive, out);
        }

        ImportReport imported;
        VerifyReport verified;
        boolean bytesMatch;
        try (ModelRegistry second = ModelRegistry.open(workDir.resolve("registry-b"))) {
            out.println("Opened registry B at " + second.root());
            imported = importArchive(second, archive, out);
            verified = verify(second, out);
            bytesMatch = loadChampion(second, artifacts.get(champion - 1), champion, out);
        }
        return new Outcome(artifacts.size(), champion, hitRateMatches, exported.versions(),
                imported.versionsImported(), verified.healthy(), bytesMatch);
    }

    // ---------------------------------------------------------------- the steps

    private static byte[] register(ModelRegistry registry, int expectedVersion, Candidate c, PrintStream out) {
        byte[] bytes = c.artifact(expectedVersion);
        ModelMetadata metadata = ModelMetadata.builder(BytesModel.FORMAT_ID)
                .modelType("demo-regressor")
                .description(c.description())
                .training(c.training())
                .metric("rmse", c.rmse())
                .metric("hit_rate", c.hitRate())
                .build();
        ModelVersion v = registry.versions().register(MODEL, bytes, metadata);
        check(v.version() == expectedVersion, "expected version " + expectedVersion + ", got " + v.version());
        out.printf(Locale.ROOT, "Registered %s (%s, %s; rmse %.4f, hit_rate %.3f)%n", v.ref(),
                shortDigest(v.artifact()), bytes(v.artifact().size()), c.rmse(), c.hitRate());
        return bytes;
    }

    private static int promoteAndRollBack(ModelRegistry registry, PrintStream out) {
        registry.versions().setAlias(MODEL, CHAMPION, 2);
        out.println("Pointed " + MODEL + "@" + CHAMPION + " at version 2");
        registry.versions().setAlias(MODEL, CHAMPION, 3);
        out.println("Moved " + MODEL + "@" + CHAMPION + " to version 3 (best RMSE)");
        ModelVersion back = registry.versions().rollback(MODEL, CHAMPION);
        ModelVersion resolved = registry.versions().get(ModelRef.alias(MODEL, CHAMPION));
        check(back.version() == 2 && resolved.version() == 2,
                "rollback should return champion to version 2, it points to " + resolved.version());
        String path = registry.versions().aliasHistory(MODEL, CHAMPION).stream()
                .map(AliasChange::target)
                .map(t -> t.map(String::valueOf).orElse("none"))
                .collect(Collectors.joining(" -> "));
        out.println("Rolled back " + MODEL + "@" + CHAMPION + " to version " + back.version()
                + " (its hit rate was higher); alias history: " + path);
        return back.version();
    }

    private static List<Integer> searchByHitRate(ModelRegistry registry, PrintStream out) {
        SearchQuery query = SearchQuery.builder()
                .metric("hit_rate", MetricFilter.Comparison.AT_LEAST, HIT_RATE_THRESHOLD)
                .order(SearchQuery.Order.NAME_THEN_VERSION)
                .build();
        List<ModelVersion> found = registry.versions().search(query).items();
        out.printf(Locale.ROOT, "Searched for hit_rate >= %.2f: found %s%n", HIT_RATE_THRESHOLD, refs(found));
        List<Integer> numbers = found.stream().map(ModelVersion::version).toList();
        check(numbers.equals(List.of(2, 3)), "hit-rate search should find versions 2 and 3, found " + numbers);
        return numbers;
    }

    private static void searchByName(ModelRegistry registry, PrintStream out) {
        SearchQuery query = SearchQuery.builder()
                .namePattern("eu-*")
                .modelType("demo-regressor")
                .order(SearchQuery.Order.NAME_THEN_VERSION)
                .build();
        List<ModelVersion> found = registry.versions().search(query).items();
        out.println("Searched for models named 'eu-*': found " + refs(found));
        check(found.size() == CANDIDATES.size(), "name search should find " + CANDIDATES.size()
                + " versions, found " + found.size());
    }

    private static void compare(ModelRegistry registry, int from, int to, PrintStream out) {
        VersionDiff diff = registry.versions().compare(ModelRef.version(MODEL, from), ModelRef.version(MODEL, to));
        out.println("Compared " + diff.from() + " with " + diff.to()
                + (diff.sameArtifact() ? " (same bytes)" : " (different bytes)") + ":");
        for (Map.Entry<String, MetricDelta> m : diff.metrics().entrySet()) {
            MetricDelta d = m.getValue();
            out.printf(Locale.ROOT, "  %-9s %s -> %s (%s)%n", m.getKey(), number(d.before()), number(d.after()),
                    d.delta().map(x -> String.format(Locale.ROOT, "%+.4f", x)).orElse("n/a"));
        }
        for (Map.Entry<String, ValueChange> p : diff.hyperParameters().entrySet()) {
            out.println("  hyper-parameter " + p.getKey() + ": " + p.getValue().before().orElse("unset") + " -> "
                    + p.getValue().after().orElse("unset"));
        }
        check(diff.metrics().keySet().containsAll(List.of("rmse", "hit_rate")), "comparison lacks the metrics");
    }

    private static void showAudit(ModelRegistry registry, PrintStream out) {
        List<AuditEntry> entries = registry.audit().forModel(MODEL);
        out.println("Audit trail of " + MODEL + " (" + entries.size() + " entries):");
        for (AuditEntry e : entries) {
            String after = e.after().replaceAll("sha256:([0-9a-f]{12})[0-9a-f]{52}", "sha256:$1...");
            out.println("  #" + e.sequence() + " " + e.operation() + " " + e.target()
                    + (after.isEmpty() ? "" : ": " + after) + " (by " + e.actor() + ")");
        }
        check(entries.size() >= CANDIDATES.size() + 3, "audit trail should list every change, has " + entries.size());
    }

    private static ExportReport export(ModelRegistry registry, Path archive, PrintStream out) {
        ExportReport report = registry.backups().exportModel(MODEL, archive);
        out.println("Exported " + report.versions() + " versions (" + report.blobs() + " artifacts, "
                + bytes(report.artifactBytes()) + ") to " + report.archive());
        check(report.versions() == CANDIDATES.size(), "export should hold " + CANDIDATES.size() + " versions");
        return report;
    }

    private static ImportReport importArchive(ModelRegistry registry, Path archive, PrintStream out) {
        ImportReport report = registry.backups().importArchive(archive);
        out.println("Imported " + report.versionsImported() + " versions and " + report.aliasesSet()
                + (report.aliasesSet() == 1 ? " alias" : " aliases") + " into registry B (all or nothing)");
        check(report.versionsImported() == CANDIDATES.size(),
                "import should add " + CANDIDATES.size() + " versions, added " + report.versionsImported());
        return report;
    }

    private static VerifyReport verify(ModelRegistry registry, PrintStream out) {
        VerifyReport report = registry.verify();
        out.println("Verified registry B: " + (report.healthy() ? "healthy" : "NOT healthy") + " ("
                + report.versionsChecked() + " versions, " + report.blobsChecked() + " artifacts, "
                + bytes(report.bytesChecked()) + " re-hashed with SHA-256)");
        report.findings().forEach(f -> out.println("  " + f.kind() + " " + f.subject() + ": " + f.detail()));
        check(report.healthy(), "registry B should verify healthy: " + report.findings());
        return report;
    }

    private static boolean loadChampion(ModelRegistry registry, byte[] expected, int expectedVersion,
            PrintStream out) {
        LoadedModel model = registry.models().load(ModelRef.alias(MODEL, CHAMPION));
        byte[] loaded = model.unwrap(byte[].class);
        boolean same = Arrays.equals(expected, loaded);
        out.println("Loaded " + MODEL + "@" + CHAMPION + " from registry B: version " + model.version().version()
                + ", " + bytes(loaded.length) + ", "
                + (same ? "identical to what was registered in A" : "DIFFERENT from what was registered in A"));
        check(model.version().version() == expectedVersion,
                "champion in registry B should be version " + expectedVersion + ", is " + model.version().version());
        check(same, "champion's bytes in registry B differ from the registered bytes");
        return same;
    }

    // ---------------------------------------------------------------- helpers

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("Demo check failed: " + failure);
        }
    }

    private static String shortDigest(ArtifactInfo info) {
        return info.digest().toString().substring(0, "sha256:".length() + 12) + "...";
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }

    private static String number(Optional<Double> value) {
        return value.map(x -> String.format(Locale.ROOT, "%.4f", x)).orElse("n/a");
    }

    private static String refs(List<ModelVersion> versions) {
        return versions.isEmpty() ? "nothing"
                : versions.stream().map(v -> v.ref().toString()).collect(Collectors.joining(", "));
    }

    /** One candidate model: what it is, how it was "trained", its metrics and artifact size. */
    private record Candidate(String description, String learningRate, String maxDepth, double rmse, double hitRate,
            int size) {

        TrainingInfo training() {
            return new TrainingInfo("demo", "0.1.0",
                    Map.of("learning_rate", learningRate, "max_depth", maxDepth),
                    Optional.empty(), 2_520,
                    Optional.of(Instant.parse("2015-01-02T00:00:00Z")),
                    Optional.of(Instant.parse("2024-12-31T00:00:00Z")),
                    Optional.of(Duration.ofSeconds(12)), Optional.empty());
        }

        /** Stand-in bytes (a header and seeded noise) until real trainers write real models. */
        byte[] artifact(int version) {
            byte[] bytes = new byte[size];
            new Random(version).nextBytes(bytes);
            byte[] header = ("demo model " + MODEL + " v" + version + "\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(header, 0, bytes, 0, header.length);
            return bytes;
        }
    }
}
