package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.training.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.DMatrix;
import ml.dmlc.xgboost4j.scala.ObjectiveTrait;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import scala.collection.JavaConverters;

/**
 * xgboost's own squared-error and logistic gradients, computed in Java on each worker at the start of every round,
 * so each round first asks Spark whether its task was killed. xgboost4j's training loop checks nothing between
 * rounds, so without this a cancelled job (Spark cancels it when the caller cancels) would boost on in the
 * executors until the last round; with it every worker stops at its next round.
 *
 * <p>Serialized to the executors by Spark; stateless apart from a per-JVM round counter; thread-safe.
 */
final class CancellableObjective implements ObjectiveTrait {
    private static final long serialVersionUID = 1L;

    /** Rounds boosted in this JVM by any worker: in {@code local[n]} mode the tests read it to bound a cancel. */
    static final AtomicLong ROUNDS_IN_THIS_JVM = new AtomicLong();

    /** The smallest hessian, as xgboost's logistic objective clamps it. */
    private static final float MIN_HESSIAN = 1e-16f;

    private final boolean logistic;

    CancellableObjective(Task task) {
        this.logistic = task == Task.BINARY_CLASSIFICATION;
    }

    @Override
    public scala.collection.immutable.List<float[]> getGradient(float[][] predicts, DMatrix dtrain) {
        TaskContext task = TaskContext.get();
        if (task != null && task.isInterrupted()) {
            throw new TaskKilledException("cancelled");
        }
        ROUNDS_IN_THIS_JVM.incrementAndGet();
        float[] labels;
        try {
            labels = dtrain.getLabel();
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost could not give the labels: " + e.getMessage(), e);
        }
        int n = predicts.length;
        float[] grad = new float[n];
        float[] hess = new float[n];
        for (int i = 0; i < n; i++) {
            // predicts are margins: xgboost4j's update asks for them when an objective is given
            float margin = predicts[i][0];
            if (logistic) {
                float p = (float) (1.0 / (1.0 + Math.exp(-margin)));
                grad[i] = p - labels[i];
                hess[i] = Math.max(p * (1.0f - p), MIN_HESSIAN);
            } else {
                grad[i] = margin - labels[i];
                hess[i] = 1.0f;
            }
        }
        List<float[]> out = new ArrayList<>(2);
        out.add(grad);
        out.add(hess);
        return JavaConverters.asScalaBuffer(out).toList();
    }
}
