package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.evaluation.Decision;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.Recommendation;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import dev.modelregistry.core.evaluation.EvaluationReports;
import java.util.List;
import java.util.SplittableRandom;

/** Shared helpers of the deployment tests. */
final class Fixtures {
    static final List<String> FEATURES = List.of("x0", "x1", "x2", "x3", "x4");

    private Fixtures() {
    }

    /** Registers a test-linear model; a constant when slope is 0. */
    static ModelRef.Numbered linear(ModelRegistry registry, String model, double intercept, double slope,
            int failEvery) {
        return linear(registry, model, intercept, slope, failEvery, 0);
    }

    static ModelRef.Numbered linear(ModelRegistry registry, String model, double intercept, double slope,
            int failEvery, int sleepMillis) {
        ModelVersion v = registry.versions().register(model,
                LinearTestCodec.artifact(intercept, slope, failEvery, sleepMillis),
                ModelMetadata.of(LinearTestCodec.FORMAT));
        return approved(registry, numbered(v));
    }

    /**
     * Stores an evaluation that recommends {@code recommendation} on a version, as
     * {@link EvaluationReports#store} does: a real report of a small regression, with its decision replaced.
     */
    static ModelRef.Numbered evaluated(ModelRegistry registry, ModelRef.Numbered v, Recommendation recommendation,
            String reason) {
        EvaluationReports.store(registry.versions(), v, report(recommendation, reason));
        return v;
    }

    /** A real evaluation report whose decision is {@code recommendation} for {@code reason}. */
    static EvaluationReport report(Recommendation recommendation, String reason) {
        SplittableRandom random = new SplittableRandom(11);
        double[] actual = new double[60];
        double[] predicted = new double[60];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = random.nextGaussian();
            predicted[i] = actual[i] + 0.5 * random.nextGaussian();
        }
        EvaluationReport r = new DefaultEvaluator().evaluate(Predictions.of(actual, predicted),
                EvaluationOptions.defaults());
        return new EvaluationReport(r.task(), r.count(), r.regression(), r.classification(), r.sections(),
                r.stability(), r.score(), new Decision(recommendation, reason, List.of()), r.series());
    }

    /** Stores a passing (PROMOTE) evaluation, so the version may serve in a guarded environment. */
    static ModelRef.Numbered approved(ModelRegistry registry, ModelRef.Numbered v) {
        return evaluated(registry, v, Recommendation.PROMOTE, "test fixture: passes every gate");
    }

    /** Registers a version of {@code model} that predicts its own version number. */
    static ModelRef.Numbered constantOwnNumber(ModelRegistry registry, String model) {
        int next = registry.versions().find(ModelRef.latest(model)).map(ModelVersion::version).orElse(0) + 1;
        ModelRef.Numbered v = linear(registry, model, next, 0, 0);
        if (v.version() != next) {
            throw new IllegalStateException("expected version " + next + ", got " + v);
        }
        return v;
    }

    /** Trains a small LightGBM regressor on {@link #synthetic} rows and registers it. */
    static ModelRef.Numbered trained(ModelRegistry registry, String model, long seed) {
        try (TrainedModel trained = registry.training().train(TrainingRequest.of("lightgbm", synthetic(600, seed)))) {
            return approved(registry, numbered(registry.training().register(model, trained)));
        }
    }

    static ModelRef.Numbered numbered(ModelVersion v) {
        return new ModelRef.Numbered(v.model(), v.version());
    }

    /** The training distribution: five features uniform in [-1, 1), target 3 x0 - 2 x1 + x2 x3 + noise. */
    static Dataset synthetic(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = rows(rows, random, 0);
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = 3 * x[r][0] - 2 * x[r][1] + x[r][2] * x[r][3] + 0.05 * random.nextGaussian();
        }
        return Dataset.of(FEATURES, x, y);
    }

    /**
     * Sends {@code requests} rows through an endpoint, each with its own random routing key, and counts the
     * failures (every one a LinearTestCodec model's own, thrown as IllegalStateException).
     */
    static int traffic(Endpoint endpoint, int requests, SplittableRandom random) {
        int failed = 0;
        for (double[] row : rows(requests, random, 0)) {
            try {
                endpoint.predict(row, "key-" + random.nextInt());
            } catch (IllegalStateException e) {
                failed++;
            }
        }
        return failed;
    }

    /** Rows from the training distribution, with {@code shift} added to x0. */
    static double[][] rows(int rows, SplittableRandom random, double shift) {
        double[][] x = new double[rows][FEATURES.size()];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < FEATURES.size(); j++) {
                x[r][j] = random.nextDouble(-1, 1);
            }
            x[r][0] += shift;
        }
        return x;
    }
}
