package dev.modelregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.Evaluator;
import dev.modelregistry.api.monitoring.AlertRules;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.version.FeatureSchema;
import dev.modelregistry.api.version.Lineage;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.core.deployment.LinearTestCodec;
import dev.modelregistry.core.evaluation.EvaluationReports;
import dev.modelregistry.server.security.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in headless Chromium against a real server with tokens: the models page (signing in through its
 * form), a version with its report charts, two versions compared, a canary's charts following live predictions,
 * a rollback pressed as a deployer and absent for a reader, and the alerts and health pages. Every test fails on
 * any console error and saves screenshots at 1280 px under target/dashboard-screenshots/. One registry, server and
 * browser for the class; each test uses its own environment where it changes one.
 *
 * <p>Model {@code churn} has three versions of core's LinearTestCodec (version n answers n*100 plus the features'
 * sum), evaluations on versions 1 and 2 and a champion-vs-challenger test on version 2.
 */
class DashboardTest {
    @TempDir
    static Path dir;
    static Fixture f;
    static Browser browser;

    @BeforeAll
    static void start() {
        f = new Fixture(dir);
        register();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            f.close();
        }
    }

    @AfterEach
    void no_console_errors(TestInfo test) {
        assertThat(browser.consoleErrors()).as("console errors in %s", test.getDisplayName()).isEmpty();
        browser.resize(Browser.WIDTH, 900);
    }

    private static void register() {
        var versions = f.registry.versions();
        Dataset data = data();
        Evaluator evaluator = f.registry.evaluator();
        for (int v = 1; v <= 3; v++) {
            Map<String, String> params = Map.of("learning_rate", v == 1 ? "0.1" : "0.05", "max_depth", String.valueOf(3 + v));
            TrainingInfo training = new TrainingInfo("xgboost", "3.4.0", params, Optional.of("sha256:5e1f0c"), 400,
                    Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.of(Instant.parse("2026-10-31T00:00:00Z")),
                    Optional.of(Duration.ofSeconds(42 + v)), Optional.of(80 + v));
            FeatureSchema features = v == 3 ? FeatureSchema.numeric("churned", "tenure", "spend", "tickets")
                    : FeatureSchema.numeric("churned", "tenure", "spend");
            versions.register("churn", LinearTestCodec.artifact(v * 100, 1, 0, 0), ModelMetadata.builder(LinearTestCodec.FORMAT)
                    .description("Churn score, version " + v).training(training).features(features)
                    .metric("train.rmse", 0.5 / v).lineage(new Lineage(v == 1 ? List.of() : List.of("churn/" + (v - 1)),
                            List.of("s3://data/churn/2026-10"), Optional.of("git:4f2a9c1")))
                    .build());
        }
        versions.setModelTag("churn", "team", "growth");
        versions.setAlias("churn", "champion", 1);
        versions.setAlias("churn", "champion", 2);
        versions.register("fraud", LinearTestCodec.artifact(1, 1, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT));

        EvaluationReports.store(versions, ModelRef.parse("churn/1"), evaluator.evaluate(x -> 100 + x[0] + x[1], data,
                EvaluationOptions.defaults()));
        EvaluationReports.store(versions, ModelRef.parse("churn/2"), evaluator.compare(x -> 100 + x[0] + x[1],
                x -> 100 + 1.02 * (x[0] + x[1]), data, EvaluationOptions.defaults()));

        var deployer = f.registry.deployer();
        deployer.deploy(ModelRef.parse("churn/1"), "prod", DeploymentSpec.replace());
        deployer.deploy(ModelRef.parse("churn/2"), "prod", DeploymentSpec.canary(20));
        deployer.deploy(ModelRef.parse("churn/1"), "staging", DeploymentSpec.replace());
        deployer.deploy(ModelRef.parse("churn/3"), "staging", DeploymentSpec.canary(30));
        double[][] reference = new double[200][];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = new double[] {i % 20, (i * 7) % 13};
        }
        f.registry.monitoring().setReference(new ModelRef.Numbered("churn", 2), reference, List.of("tenure", "spend"));
    }

    private static Dataset data() {
        int n = 120;
        double[][] rows = new double[n][];
        double[] labels = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {i % 20, (i * 7) % 13};
            labels[i] = 100 + rows[i][0] + rows[i][1] + Math.sin(i / 5.0) * 2;
            times[i] = 20_000 + i;
        }
        return Dataset.of(List.of("tenure", "spend"), rows, labels, times);
    }

    private static String token(Role role) {
        return f.tokenFor.get(role).secret();
    }

    @Test
    void the_models_page_asks_for_a_token_and_lists_models_with_latest_version_aliases_and_deployments() {
        browser.driver.get(f.server.uri().toString());
        browser.script("sessionStorage.clear();");
        browser.driver.navigate().refresh();
        browser.await(By.id("token")).sendKeys(token(Role.READER));
        browser.screenshot("sign-in");
        browser.driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();

        WebElement churn = browser.await(By.xpath("//table[contains(@class,'models')]//tr[td/a[text()='churn']]"));
        assertThat(churn.getText()).contains("churn/3", "@champion → v2", "team=growth", "prod: v1 stable",
                "prod: v2 canary 20%", "staging: v3 canary 30%");
        assertThat(browser.driver.findElement(By.id("who")).getText()).contains("reader-user", "reader");
        browser.screenshot("models");

        browser.driver.findElement(By.id("model-search")).sendKeys("fra");
        assertThat(browser.driver.findElements(By.cssSelector("table.models tbody tr"))).hasSize(1);
        browser.driver.findElement(By.id("model-search")).sendKeys("-nothing");
        assertThat(browser.await(By.cssSelector(".empty")).getText()).contains("No model matches");
    }

    @Test
    void a_version_shows_its_training_lineage_and_evaluation_report_charts() {
        browser.open(f.server.uri(), token(Role.READER), "#/models/churn/versions/2");
        browser.await(By.cssSelector("#chart-predictions canvas"));
        browser.await(By.cssSelector("#chart-residuals canvas"));
        String page = browser.driver.findElement(By.id("main")).getText();
        assertThat(page).contains("churn v2", "xgboost", "learning_rate", "0.05", "git:4f2a9c1", "churn/1", "tenure",
                "Recommendation", "The audit trail needs a token with the admin role");
        // The chart drew the report's 120 rows: uPlot's legend shows the series it plotted.
        assertThat(browser.driver.findElement(By.cssSelector("#chart-predictions .u-legend")).getText())
                .contains("actual", "predicted");
        browser.screenshot("version");
        browser.resize(420, 900);
        browser.screenshot("version-narrow");

        // An admin sees the version's own audit entries: its registration, its alias move, its deployment.
        browser.resize(Browser.WIDTH, 900);
        browser.open(f.server.uri(), token(Role.ADMIN), "#/models/churn/versions/2");
        browser.await(By.cssSelector("#chart-predictions canvas"));
        String audit = browser.await(By.cssSelector("table.audit")).getText();
        assertThat(audit).contains("register", "set-alias", "deployment-", "prod/2", "put-document");
        assertThat(audit).doesNotContain("prod/1");
    }

    @Test
    void two_versions_are_compared_with_metric_deltas_hyper_parameters_features_and_the_challenger_test() {
        browser.open(f.server.uri(), token(Role.READER), "#/models/churn");
        browser.await(By.cssSelector("table.versions"));
        browser.screenshot("model");
        new Select(browser.driver.findElement(By.id("compare-from"))).selectByValue("1");
        new Select(browser.driver.findElement(By.id("compare-to"))).selectByValue("2");
        browser.driver.findElement(By.id("compare")).click();

        WebElement deltas = browser.await(By.cssSelector("table.deltas"));
        assertThat(deltas.getText()).contains("train.rmse", "eval.rmse", "+2.5%", "-50.0%");
        String page = browser.driver.findElement(By.id("main")).getText();
        assertThat(page).contains("churn: v1 → v2", "learning_rate", "0.1", "0.05", "Champion vs challenger", "Decision",
                "Diebold–Mariano");
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/models/churn/compare/1/2");
        browser.screenshot("compare");
    }

    @Test
    void a_canarys_live_charts_follow_predictions_sent_meanwhile() throws Exception {
        browser.open(f.server.uri(), token(Role.READER), "#/deployments/prod");
        browser.await(By.cssSelector("[data-version='churn/2'] .summary"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread traffic = new Thread(() -> {
            Endpoint endpoint = f.registry.deployer().endpoint("prod");
            for (int i = 0; running.get(); i++) {
                double[] x = {i % 20, (i * 3) % 13};
                var p = endpoint.serve(x, "user-" + i);
                // The actual value arrives for every other request: live accuracy appears beside the charts.
                if (i % 2 == 0) {
                    f.registry.monitoring().recordOutcome(p.requestId(), 100 + x[0] + x[1] + (i % 5));
                }
                sent.incrementAndGet();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "dashboard-test-traffic");
        traffic.start();
        try {
            // The charts appear with the canary's first request, then gain a point with every snapshot.
            WebElement canaryTraffic = browser.await(By.cssSelector("[data-version='churn/2'] [data-chart='traffic']"));
            int before = Integer.parseInt(canaryTraffic.getDomAttribute("data-updates"));
            browser.wait(Duration.ofSeconds(15)).until(d -> Integer.parseInt(canaryTraffic.getDomAttribute("data-updates"))
                    >= before + 3);
            // The canary answered some of the requests sent meanwhile, and its charts and counts say so.
            WebElement canary = browser.driver.findElement(By.cssSelector("[data-version='churn/2']"));
            browser.wait(Duration.ofSeconds(10)).until(d -> !canary.findElement(By.cssSelector(".summary")).getText()
                    .matches("(?s).*Requests\\s*0\\b.*"));
            assertThat(canary.findElements(By.cssSelector("canvas"))).hasSizeGreaterThanOrEqualTo(3);
            assertThat((Boolean) browser.script("const c = document.querySelector(\"[data-version='churn/2'] "
                    + "[data-chart='latency'] canvas\"); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height)"
                    + ".data; for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false;"))
                    .as("the latency chart drew something").isTrue();
            assertThat(browser.driver.findElement(By.id("live-status")).getText()).startsWith("live");
            assertThat(canary.getText()).contains("tenure");
            // Drift is a live chart too: one line per feature (and the predictions), a point per snapshot.
            WebElement drift = canary.findElement(By.cssSelector("[data-chart='drift']"));
            browser.wait(Duration.ofSeconds(10)).until(d -> drift.getDomAttribute("data-points") != null);
            int driftPoints = Integer.parseInt(drift.getDomAttribute("data-points"));
            browser.wait(Duration.ofSeconds(10)).until(d -> Integer.parseInt(drift.getDomAttribute("data-points"))
                    >= driftPoints + 2);
            assertThat(drift.findElement(By.cssSelector(".u-legend")).getText()).contains("tenure", "spend", "prediction");
            assertThat(browser.driver.findElement(By.cssSelector("[data-version='churn/2'] table.drift-table")).getText())
                    .as("the table stays beside the chart").contains("tenure");
            browser.wait(Duration.ofSeconds(10)).until(d -> canary.findElement(By.cssSelector(".accuracy")).getText()
                    .contains("Outcomes"));
            assertThat(canary.findElements(By.cssSelector("[data-chart='accuracy'] canvas"))).hasSize(1);
            browser.screenshot("deployment-live");
        } finally {
            running.set(false);
            traffic.join();
        }
        assertThat(sent.get()).isPositive();
    }

    @Test
    void a_writer_rolls_an_alias_back_with_one_click_after_confirming() {
        var versions = f.registry.versions();
        versions.register("pricing", LinearTestCodec.artifact(1, 1, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
        versions.register("pricing", LinearTestCodec.artifact(2, 1, 0, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
        versions.setAlias("pricing", "champion", 1);
        versions.setAlias("pricing", "champion", 2);

        browser.open(f.server.uri(), token(Role.READER), "#/models/pricing");
        browser.await(By.cssSelector(".alias-block"));
        assertThat(browser.driver.findElements(By.cssSelector("[data-alias='champion']"))).as("no rollback for readers")
                .isEmpty();

        browser.open(f.server.uri(), token(Role.WRITER), "#/models/pricing");
        browser.await(By.cssSelector("[data-alias='champion']")).click();
        assertThat(browser.await(By.id("confirm")).getText()).contains("Roll back @champion?");
        browser.driver.findElement(By.id("confirm-ok")).click();
        browser.wait(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".alias-block h3"), "@champion → v1"));
        assertThat(versions.model("pricing").aliases()).containsEntry("champion", 1);
        assertThat(browser.driver.findElement(By.cssSelector(".alias-block")).getText()).contains("writer-user");
    }

    @Test
    void a_deployer_rolls_back_a_canary_after_confirming_and_sees_the_routing_change() {
        browser.open(f.server.uri(), token(Role.DEPLOYER), "#/deployments/staging");
        browser.await(By.cssSelector("table.routing"));
        assertThat(browser.driver.findElement(By.cssSelector("table.routing")).getText()).contains("churn/3", "canary");
        browser.await(By.id("rollback")).click();
        WebElement dialog = browser.await(By.id("confirm"));
        assertThat(dialog.getText()).contains("Roll back in staging?", "churn/3");
        browser.screenshot("deployment-confirm");
        browser.driver.findElement(By.id("confirm-ok")).click();

        browser.wait(Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("table.routing"), "churn/3")));
        assertThat(f.registry.deployer().deployments("staging")).singleElement()
                .satisfies(d -> assertThat(d.version().version()).isEqualTo(1));
        assertThat(browser.await(By.cssSelector("table.history")).getText()).contains("rolled back from the dashboard");
        assertThat(browser.driver.findElement(By.id("banner")).getText()).contains("Roll back: done");
    }

    @Test
    void a_deployer_ramps_a_canary_then_promotes_it() {
        var deployer = f.registry.deployer();
        deployer.deploy(ModelRef.parse("churn/1"), "edge", DeploymentSpec.replace());
        deployer.deploy(ModelRef.parse("churn/3"), "edge", DeploymentSpec.canary(10));
        browser.open(f.server.uri(), token(Role.DEPLOYER), "#/deployments/edge");
        WebElement percent = browser.await(By.id("ramp-percent"));
        percent.clear();
        percent.sendKeys("50");
        browser.driver.findElement(By.id("ramp")).click();
        assertThat(browser.await(By.id("confirm")).getText()).contains("Send 50% of edge's traffic to the canary.");
        browser.driver.findElement(By.id("confirm-ok")).click();
        browser.wait(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".split"), "v3 50%"));
        assertThat(browser.driver.findElement(By.cssSelector(".split")).getText()).contains("v1 50%");

        browser.await(By.id("promote")).click();
        browser.await(By.id("confirm-ok")).click();
        browser.wait(Duration.ofSeconds(10)).until(d -> d.findElements(By.id("promote")).isEmpty());
        assertThat(deployer.deployments("edge")).singleElement().satisfies(d -> assertThat(d.version().version())
                .isEqualTo(3));
        assertThat(browser.await(By.cssSelector("table.routing")).getText()).contains("churn/3", "promoted", "100%")
                .doesNotContain("churn/1");
        assertThat(browser.driver.findElement(By.cssSelector("table.history")).getText()).contains("promote", "ramp",
                "canary → stable (promoted)");

        // A promoted version is the stable one on every page, with how it got there as the detail.
        browser.driver.findElement(By.cssSelector("a[data-nav='models']")).click();
        assertThat(browser.await(By.xpath("//table[contains(@class,'models')]//tr[td/a[text()='churn']]")).getText())
                .contains("edge: v3 stable (promoted)");
    }

    @Test
    void a_failing_canary_shows_a_rollback_verdict_live_and_nothing_acts_on_it() {
        var deployer = f.registry.deployer();
        f.deployFailingCanary("checkout");
        var history = deployer.history("checkout");
        browser.open(f.server.uri(), token(Role.DEPLOYER), "#/deployments/checkout");
        assertThat(browser.await(By.cssSelector("#canary [data-decision='WAIT']")).getText()).contains("wait");
        assertThat(browser.driver.findElement(By.id("canary")).getText()).contains("too few requests");

        // The canary fails every fourth of its calls: once both sides served 50 requests the verdict turns.
        f.serveIgnoringFailures("checkout", 600);
        WebElement verdict = browser.wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("canary"))
                .findElements(By.cssSelector("[data-decision='ROLLBACK']")).stream().findFirst().orElse(null));
        assertThat(verdict.getText()).contains("roll back", "failed on error rate");
        String panel = browser.driver.findElement(By.id("canary")).getText();
        assertThat(panel).contains("error rate 0.2", "p95 latency ratio", "(not checked)",
                "Next step: Roll risk/2 back: risk/1 takes all traffic again.");
        browser.screenshot("deployment-canary-verdict");
        browser.resize(420, 900);
        browser.screenshot("deployment-canary-verdict-narrow");

        // Only a verdict: the canary still serves its share and the history did not move.
        assertThat(browser.driver.findElement(By.cssSelector("table.routing")).getText()).contains("risk/2", "canary", "25%");
        assertThat(deployer.deployments("checkout")).extracting(d -> d.version().version()).containsExactly(1, 2);
        assertThat(deployer.history("checkout")).isEqualTo(history);
    }

    @Test
    void a_reader_sees_no_promote_ramp_or_rollback_button() {
        browser.open(f.server.uri(), token(Role.READER), "#/deployments/prod");
        browser.await(By.cssSelector("table.routing"));
        assertThat(browser.await(By.id("actions")).getText()).contains("need a token with the deployer role");
        assertThat(browser.driver.findElements(By.cssSelector("#rollback, #promote, #ramp"))).isEmpty();
        assertThat(browser.await(By.cssSelector("#canary [data-decision='NOTHING_TO_ANALYZE']")).getText())
                .contains("nothing to judge");
        assertThat(browser.driver.findElement(By.id("canary")).getText()).contains("churn/2 has no analysis policy");
    }

    @Test
    void without_tokens_on_loopback_the_pages_open_at_once_and_work_from_the_keyboard() {
        try (RegistryServer open = RegistryServer.start(f.registry, ServerOptions.builder().build())) {
            browser.driver.get(open.uri().toString());
            browser.script("sessionStorage.clear();");
            browser.driver.navigate().refresh();
            browser.await(By.cssSelector("table.models"));
            assertThat(browser.driver.findElement(By.id("who")).getText()).isEqualTo("local · admin");
            assertThat(browser.driver.findElements(By.id("sign-out"))).isEmpty();

            // The page moves focus to its content after each navigation; Shift+Tab walks back up into the header's
            // links, and Enter follows one.
            assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("main");
            for (int i = 0; i < 10 && !"Deployments".equals(browser.driver.switchTo().activeElement().getText()); i++) {
                browser.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
            }
            assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Deployments");
            browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.await(By.cssSelector(".env-grid"));
            assertThat(browser.driver.getCurrentUrl()).endsWith("#/deployments");
            browser.screenshot("deployments");
            browser.resize(420, 900);
            browser.screenshot("deployments-narrow");
        }
    }

    @Test
    void the_alerts_and_registry_health_pages_show_what_the_monitoring_and_verify_found() {
        var deployer = f.registry.deployer();
        var versions = f.registry.versions();
        versions.register("flaky", LinearTestCodec.artifact(1, 1, 3, 0), ModelMetadata.of(LinearTestCodec.FORMAT));
        deployer.deploy(ModelRef.parse("flaky/1"), "flaky", DeploymentSpec.replace());
        f.registry.monitoring().setRules(AlertRules.defaults().withMinRequests(30));
        Endpoint endpoint = deployer.endpoint("flaky");
        for (int i = 0; i < 60; i++) {
            try {
                endpoint.serve(new double[] {i}, null);
            } catch (RuntimeException expected) {
                // every third call fails on purpose: the error-rate rule fires
            }
        }
        assertThat(f.registry.monitoring().check("flaky")).isNotEmpty();

        browser.open(f.server.uri(), token(Role.ADMIN), "#/alerts");
        assertThat(browser.await(By.cssSelector("table.alerts")).getText()).contains("flaky", "critical");
        browser.screenshot("alerts");

        browser.driver.findElement(By.cssSelector("a[data-nav='health']")).click();
        browser.await(By.id("run-verify")).click();
        browser.wait(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
                "healthy"));
        assertThat(browser.driver.findElement(By.id("main")).getText()).contains("Versions checked", "Blobs");
        browser.screenshot("health");
    }
}
