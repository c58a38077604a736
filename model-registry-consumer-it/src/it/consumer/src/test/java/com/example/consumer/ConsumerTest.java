package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.deployment.DeploymentSpec;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.Prediction;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.codec.BytesModel;
import dev.modelregistry.core.ModelRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uses model-registry the way an application does, with only the BOM, core and the trainer modules on
 * the class path: register, train with each trainer family, evaluate, deploy and predict.
 */
class ConsumerTest {
    @TempDir
    Path dir;

    @Test
    void registers_and_loads_an_opaque_model() {
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
            byte[] bytes = "not a real model".getBytes(StandardCharsets.UTF_8);
            ModelVersion v = registry.versions().register("opaque", bytes,
                    ModelMetadata.builder(BytesModel.FORMAT_ID).modelType("bytes").build());
            assertEquals(1, v.version());
            byte[] loaded = registry.models().load(ModelRef.parse("opaque")).unwrap(byte[].class);
            assertEquals("not a real model", new String(loaded, StandardCharsets.UTF_8));
            assertTrue(registry.verify().healthy());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xgboost", "lightgbm", "tribuo-linear"})
    void trains_evaluates_deploys_and_predicts_with_each_trainer_family(String trainer) {
        Dataset train = synthetic(600, 1);
        Dataset test = synthetic(200, 2);
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"))) {
            ModelVersion version;
            double[] row = test.row(0);
            double direct;
            try (TrainedModel model = registry.training().train(TrainingRequest.of(trainer, train)
                    .withSpec(TrainingSpec.defaults().withSeed(7).withThreads(1)))) {
                EvaluationReport report = registry.evaluator().evaluate(model, test, EvaluationOptions.defaults());
                double rmse = report.regression().orElseThrow().rmse();
                assertTrue(rmse < 0.7 * std(test.labels()), trainer + ": RMSE " + rmse + " is no better than the mean");
                version = registry.training().register("consumer-" + trainer, model);
                direct = model.predict(row);
            }

            String environment = "production-" + trainer;
            registry.deployer().deploy(version.ref(), environment, DeploymentSpec.replace());
            Endpoint endpoint = registry.deployer().endpoint(environment);
            Prediction served = endpoint.serve(row, "client-1");
            assertEquals(version.ref(), served.version());
            assertEquals(direct, served.value(), 1e-9, trainer + ": the endpoint and the model disagree");
        }
    }

    @Test
    void tribuo_training_logs_nothing_below_warning_by_default() {
        Logger tribuo = Logger.getLogger("org.tribuo");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        tribuo.addHandler(handler);
        try (ModelRegistry registry = ModelRegistry.open(dir.resolve("registry"));
                TrainedModel model = registry.training().train(TrainingRequest.of("tribuo-linear", synthetic(300, 3)))) {
            assertTrue(Double.isFinite(model.predict(new double[] {0.1, 0.2, 0.3, 0.4})));
        } finally {
            tribuo.removeHandler(handler);
        }
        List<String> chatter = records.stream().filter(r -> r.getLevel().intValue() < Level.WARNING.intValue())
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()).toList();
        assertTrue(chatter.isEmpty(), "Tribuo logged below WARNING: " + chatter);
    }

    /** y = 3 x0 - 2 x1 + x2 x3 + noise: learnable by every trainer family. */
    private static Dataset synthetic(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][4];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 4; j++) {
                x[r][j] = random.nextDouble(-1, 1);
            }
            y[r] = 3 * x[r][0] - 2 * x[r][1] + x[r][2] * x[r][3] + 0.05 * random.nextGaussian();
        }
        return Dataset.of(List.of("x0", "x1", "x2", "x3"), x, y);
    }

    private static double std(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
