package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentEvent;
import dev.modelregistry.api.evaluation.Decision;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.EvaluationReports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo end to end with small settings and checks that the story it tells is honest. */
class DemoTest {
    /** "  model/3: REJECT because: ..." and "  comparison stored on model/4: HOLD because: ...". */
    private static final Pattern DECISION = Pattern.compile(
            "^  (comparison stored on )?(" + Demo.MODEL + "/\\d+): (PROMOTE|CANARY|HOLD|REJECT) because: (.*)$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void the_demo_keeps_rejected_versions_out_of_production_and_prints_each_versions_own_reasons()
            throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Demo.Outcome outcome;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            outcome = Demo.run(dir, out, Demo.Settings.small());
        }
        String story = buffer.toString(StandardCharsets.UTF_8);

        assertThat(outcome.candidates()).hasSize(3);
        assertThat(outcome.champion().model()).isEqualTo(Demo.MODEL);
        assertThat(outcome.challenger()).isNotEqualTo(outcome.champion());
        assertThat(outcome.dieboldMariano()).as(story).isPresent();
        assertThat(outcome.dieboldMariano().getAsDouble()).as(story).isFinite();
        assertThat(story).contains("walk-forward", "Champion", "canary", "Diebold-Mariano").doesNotContain("DM* = undefined");
        assertThat(outcome.driftAlert()).as(story).isTrue();
        // Progress bars from the progress listener, as plain lines in a captured stream: each walk-forward ends
        // with a full bar over its folds, and nothing redraws in place.
        assertThat(story).containsPattern("walk-forward +100% \\[=+\\] (\\d+)/\\1 .*fold \\1/\\1")
                .containsPattern("training +100% \\[=+\\] (\\d+)/\\1 .*round \\1/\\1").doesNotContain("\r");

        String html = Files.readString(outcome.report());
        assertThat(html).contains("alt=\"Predicted vs actual\"", "alt=\"Cumulative strategy return\"",
                "alt=\"Drawdown\"", "alt=\"Per-fold hit rate\"");
        assertThat(html.split("data:image/png;base64,", -1)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(html).doesNotContain("http://", "https://");

        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
            var versions = registry.versions();
            assertThat(versions.get(ModelRef.parse(Demo.MODEL + "@champion")).ref()).isEqualTo(outcome.champion());
            assertThat(versions.documents(outcome.champion())).containsKey("evaluation");
            // Live traffic got its outcomes one day late; they were kept durably, so the reopened registry
            // still sees them: every live day but the last, whose outcome is still to come.
            var live = registry.monitoring().liveAccuracy(outcome.canaryEnvironment());
            assertThat(live).as(story).isNotEmpty();
            assertThat(live.stream().mapToInt(a -> a.outcomes()).sum()).as(story)
                    .isEqualTo(Demo.LIVE_ROWS - Demo.NEWER_ROWS - 1);
            assertThat(live).allSatisfy(a -> {
                assertThat(a.evaluationRmse()).as("compared with %s's own evaluation", a.version()).isPresent();
                assertThat(story).contains(a.version() + " over " + a.outcomes() + " outcomes: RMSE");
            });
            assertThat(story).contains("Live accuracy:", "one day later", "live accuracy " + live.get(0).version());

            // No version whose stored recommendation is REJECT (or missing) ever served in production.
            for (DeploymentEvent e : registry.deployer().history(Demo.PRODUCTION)) {
                assertThat(EvaluationReports.readDecision(versions, e.version())).as(e.toString())
                        .hasValueSatisfying(d -> assertThat(d.recommendation()).isNotEqualTo(Recommendation.REJECT));
            }
            Recommendation champion = EvaluationReports.readDecision(versions, outcome.champion()).orElseThrow()
                    .recommendation();
            if (champion == Recommendation.REJECT) {
                assertThat(outcome.productionRefused()).isTrue();
                assertThat(outcome.canaryEnvironment()).isEqualTo(Demo.STAGING);
                assertThat(registry.deployer().history(Demo.PRODUCTION)).isEmpty();
                assertThat(story).contains("No candidate passes", "refuses");
            } else {
                assertThat(registry.deployer().deployments(Demo.PRODUCTION)).isNotEmpty();
            }

            // Every printed reason is the one stored on the version it is printed for.
            Set<String> explained = new HashSet<>();
            Matcher m = DECISION.matcher(story);
            while (m.find()) {
                ModelRef ref = ModelRef.parse(m.group(2));
                Decision stored = (m.group(1) == null ? EvaluationReports.readDecision(versions, ref)
                        : EvaluationReports.readComparisonDecision(versions, ref)).orElseThrow();
                assertThat(m.group(3)).as(m.group()).isEqualTo(stored.recommendation().name());
                assertThat(m.group(4)).as(m.group()).isEqualTo(stored.reason());
                explained.add(m.group(1) == null ? m.group(2) : "comparison " + m.group(2));
            }
            assertThat(explained).as(story).hasSize(5).contains(outcome.champion().toString(),
                    outcome.challenger().toString(), "comparison " + outcome.challenger());
        }
    }
}
