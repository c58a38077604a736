package dev.modelregistry.trainer.xgboost;

import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.TrainingFailedException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.EarlyStopping;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One training run: boosts one round at a time so it can report progress, honour cancellation and
 * stop early, then hands back the model. Every native object it creates is disposed on every path
 * except the returned model's booster.
 *
 * <p>Not thread-safe: one instance per run, used by one thread. Its inputs must already be validated.
 */
final class TrainingRun {
    /** The name xgboost prints before the metric, as in {@code [3]\tvalidation-rmse:0.52}. */
    private static final String EVAL_NAME = "validation";

    private final Map<String, Object> params;
    private final int rounds;
    private final Optional<EarlyStopping> stopping;
    private final Dataset train;
    private final Optional<Dataset> validation;
    private final TrainingContext context;

    /**
     * Prepares the run.
     *
     * @param params xgboost's parameters
     * @param rounds the number of rounds
     * @param stopping the early-stopping tracker of this run, if it stops early (then validation data is given)
     * @param train the training rows
     * @param validation the validation rows, if any
     * @param context progress and cancellation
     */
    TrainingRun(Map<String, Object> params, int rounds, Optional<EarlyStopping> stopping, Dataset train,
            Optional<Dataset> validation, TrainingContext context) {
        this.params = params;
        this.rounds = rounds;
        this.stopping = stopping;
        this.train = train;
        this.validation = validation;
        this.context = context;
    }

    /**
     * Trains.
     *
     * @return the model
     * @throws TrainingCancelledException if the context cancelled
     * @throws TrainingFailedException if xgboost failed
     */
    XGBoostNativeModel run() {
        DMatrix dtrain = null;
        DMatrix dvalid = null;
        Booster booster = null;
        try {
            dtrain = Matrices.of(train);
            Map<String, DMatrix> watches = new HashMap<>();
            if (validation.isPresent()) {
                dvalid = Matrices.of(validation.get());
                // Passed at creation so xgboost caches its predictions and each evaluation is incremental.
                watches.put(EVAL_NAME, dvalid);
            }
            // Booster's constructor is package-private in xgboost4j; zero rounds of train() is the
            // public way to get a booster bound to the training matrix without boosting anything.
            booster = XGBoost.train(dtrain, params, 0, watches, null, null);
            XGBoostNativeModel model = boost(booster, dtrain, dvalid);
            if (model.booster() != booster) {
                booster.dispose();
            }
            booster = null;
            return model;
        } catch (XGBoostError e) {
            throw new TrainingFailedException("xgboost failed to train: " + firstLine(e.getMessage()), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (dvalid != null) {
                dvalid.dispose();
            }
            if (dtrain != null) {
                dtrain.dispose();
            }
        }
    }

    private XGBoostNativeModel boost(Booster booster, DMatrix dtrain, DMatrix dvalid) throws XGBoostError {
        // Present only with a validation set, so every round has a metric to record.
        EarlyStopping stopping = this.stopping.orElse(null);
        byte[] bestSnapshot = null;
        for (int i = 0; i < rounds; i++) {
            if (context.cancelled()) {
                throw new TrainingCancelledException("xgboost training cancelled after " + i + " of " + rounds
                        + " rounds");
            }
            booster.update(dtrain, i);
            OptionalDouble metric = OptionalDouble.empty();
            if (dvalid != null) {
                metric = OptionalDouble.of(parseMetric(
                        booster.evalSet(new DMatrix[] {dvalid}, new String[] {EVAL_NAME}, i)));
            }
            context.iteration(i + 1, rounds, metric);
            if (stopping != null) {
                if (stopping.record(i + 1, metric.getAsDouble())) {
                    // Snapshot rather than re-train: bytes are exact, and xgboost4j cannot truncate a booster.
                    bestSnapshot = booster.toByteArray(XGBoostNativeModel.SAVE_FORMAT);
                }
                if (stopping.shouldStop()) {
                    break;
                }
            }
        }
        if (bestSnapshot == null) {
            byte[] bytes = booster.toByteArray(XGBoostNativeModel.SAVE_FORMAT);
            return new XGBoostNativeModel(booster, train.featureCount(), Optional.empty(), bytes.length);
        }
        return fromSnapshot(bestSnapshot, stopping.bestIteration().orElseThrow());
    }

    private XGBoostNativeModel fromSnapshot(byte[] snapshot, int bestIteration) throws XGBoostError {
        Booster best;
        try {
            best = XGBoost.loadModel(snapshot);
        } catch (IOException e) {
            throw new TrainingFailedException("xgboost could not reload its best iteration", e);
        }
        try {
            XGBoostNativeModel.markBestIteration(best, bestIteration);
            long size = best.toByteArray(XGBoostNativeModel.SAVE_FORMAT).length;
            return new XGBoostNativeModel(best, train.featureCount(), Optional.of(bestIteration), size);
        } catch (XGBoostError | RuntimeException e) {
            TrainerSupport.closeAfterFailure(best::dispose, e);
            throw e;
        }
    }

    /**
     * Reads the metric from xgboost's evaluation line, such as {@code [3]\tvalidation-rmse:0.5123}.
     *
     * @param line the line
     * @return the value after the last colon
     * @throws TrainingFailedException if the line has no number there
     */
    static double parseMetric(String line) {
        String text = line == null ? "" : line.strip();
        String value = text.substring(text.lastIndexOf(':') + 1);
        // C++ streams print "nan" and "inf", which Double.parseDouble does not accept.
        if (value.equalsIgnoreCase("nan") || value.equalsIgnoreCase("-nan")) {
            return Double.NaN;
        }
        if (value.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new TrainingFailedException("cannot read the validation metric from xgboost's '" + text + "'", e);
        }
    }

    /**
     * The first line of a native error message (the rest is a native stack trace).
     *
     * @param message the message, may be null
     * @return its first line
     */
    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.lines().findFirst().orElse(message);
    }
}
