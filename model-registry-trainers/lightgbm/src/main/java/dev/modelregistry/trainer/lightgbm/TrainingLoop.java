package dev.modelregistry.trainer.lightgbm;

import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.TrainingFailedException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.EarlyStopping;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingContext;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One LightGBM training run: native datasets and booster, one {@code updateOneIter()} per iteration,
 * progress, cancellation and early stopping. It returns the model as LightGBM text and frees every
 * native object it created exactly once (try-with-resources), whatever happens.
 *
 * <p>Thread-safe: stateless; each call owns its native objects.
 */
final class TrainingLoop {

    /**
     * The outcome of a run.
     *
     * @param modelText the model in LightGBM's text format, cut to the best iteration if early stopping ran
     * @param bestIteration the iteration early stopping kept, from 1
     */
    record Result(String modelText, Optional<Integer> bestIteration) {
    }

    private TrainingLoop() {
    }

    /**
     * Trains.
     *
     * @param train the training rows (labels already checked for the task)
     * @param validation rows for the metric and early stopping
     * @param params the LightGBM parameter string
     * @param rounds the planned iterations
     * @param stopping the run's early-stopping tracker, if it stops early (then a validation set is given)
     * @param context progress and cancellation
     * @return the model text
     * @throws TrainingCancelledException if the context cancelled
     * @throws TrainingFailedException if LightGBM failed
     */
    static Result run(Dataset train, Optional<Dataset> validation, String params, int rounds,
            Optional<EarlyStopping> stopping, TrainingContext context) {
        LightGbmNativeLibrary.ensureLoaded(); // before lightgbm4j's own loader can write to the shared temp dir
        // Resources close in reverse order: the booster (which points at the datasets) first.
        try (LGBMDataset trainData = nativeDataset(train, params, null);
                LGBMDataset validData = validation.isPresent()
                        ? nativeDataset(validation.get(), params, trainData) : null;
                LGBMBooster booster = LGBMBooster.create(trainData, params)) {
            if (validData != null) {
                booster.addValidData(validData);
            }
            for (int i = 1; i <= rounds; i++) {
                if (context.cancelled()) {
                    throw new TrainingCancelledException("LightGBM training cancelled after " + (i - 1) + " of "
                            + rounds + " iterations");
                }
                if (booster.updateOneIter()) {
                    break; // no tree could split any more: LightGBM discarded this iteration's tree
                }
                // Index 0 is the training data, 1 the first validation set; one metric is configured.
                OptionalDouble metric = validData == null
                        ? OptionalDouble.empty() : OptionalDouble.of(booster.getEval(1)[0]);
                context.iteration(i, rounds, metric);
                if (stopping.isPresent()) { // only with a validation set, so the metric is there
                    stopping.get().record(i, metric.getAsDouble());
                    if (stopping.get().shouldStop()) {
                        break;
                    }
                }
            }
            Optional<Integer> best = stopping.flatMap(EarlyStopping::bestIteration);
            // numIteration 0 saves every iteration; otherwise only the first `best`.
            String text = booster.saveModelToString(0, best.orElse(0), LGBMBooster.FeatureImportanceType.GAIN);
            if (text == null || text.isEmpty()) {
                throw new TrainingFailedException("LightGBM returned an empty model");
            }
            return new Result(text, best);
        } catch (LGBMException e) {
            throw new TrainingFailedException("LightGBM training failed: " + e.getMessage(), e);
        }
    }

    /** A native dataset with labels; freed here if setting the labels fails, since no one else holds it yet. */
    private static LGBMDataset nativeDataset(Dataset data, String params, LGBMDataset reference)
            throws LGBMException {
        LGBMDataset ds = LGBMDataset.createFromMat(data.rowMajorDoubles(), data.rowCount(), data.featureCount(),
                true, params, reference);
        try {
            ds.setField("label", floatLabels(data)); // LightGBM takes labels as float32 only
            return ds;
        } catch (LGBMException | RuntimeException e) {
            TrainerSupport.closeAfterFailure(ds, e);
            throw e;
        }
    }

    private static float[] floatLabels(Dataset data) {
        float[] out = new float[data.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) data.label(i);
        }
        return out;
    }
}
