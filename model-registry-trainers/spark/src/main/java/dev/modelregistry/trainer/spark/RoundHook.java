package dev.modelregistry.trainer.spark;

import dev.modelregistry.api.training.Task;
import java.util.concurrent.atomic.AtomicLong;
import ml.dmlc.xgboost4j.java.Communicator;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.DMatrix;
import ml.dmlc.xgboost4j.scala.EvalTrait;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The per-round hook on each worker: xgboost4j-spark's custom evaluation ({@code customEval}), which xgboost4j's
 * training loop calls after every round for every watch (the training rows, and the validation rows when given).
 * The trees grow with xgboost's native objective; this hook
 * <ul>
 * <li>asks Spark whether its task was killed (a cancelled training's job group), and stops the worker if so:
 *     xgboost4j's loop checks nothing between rounds, so without it a cancelled job would boost on to the end;</li>
 * <li>adds each finished round's validation metric (NaN without validation rows) to a
 *     {@link CollectionAccumulator}, which Spark sends to the driver with each executor heartbeat while the task
 *     runs: the driver's live progress ({@link RoundListener});</li>
 * <li>computes the metric, since a custom evaluation replaces xgboost's: RMSE, or log-loss with xgboost's
 *     clamping of probabilities at 1e-16, summed over the worker's rows and then summed over all workers with
 *     xgboost's own collective, as xgboost's native metrics are, so every worker sees the same value and early
 *     stopping decides the same on each.</li>
 * </ul>
 *
 * <p>Serialized to the executors by Spark; each task gets its own copy. Not thread-safe, nor need it be: xgboost
 * calls one task's copy from that task's thread only.
 */
final class RoundHook implements EvalTrait {
    private static final long serialVersionUID = 1L;

    /** Rounds finished in this JVM by any worker: in {@code local[n]} mode the tests read it to bound a cancel. */
    static final AtomicLong ROUNDS_IN_THIS_JVM = new AtomicLong();

    private static final double EPS = 1e-16;

    private final boolean logistic;
    private final int watches;
    private final CollectionAccumulator<Float> rounds;
    private transient long calls;

    /**
     * @param task the task, for the metric
     * @param watches how many data sets xgboost evaluates per round (1, or 2 with validation rows)
     * @param rounds the accumulator each finished round adds its validation metric to (NaN without validation)
     */
    RoundHook(Task task, int watches, CollectionAccumulator<Float> rounds) {
        this.logistic = task == Task.BINARY_CLASSIFICATION;
        this.watches = watches;
        this.rounds = rounds;
    }

    @Override
    public String getMetric() {
        return logistic ? "logloss" : "rmse";
    }

    @Override
    public float eval(float[][] predicts, DMatrix data) {
        TaskContext task = TaskContext.get();
        if (task != null && task.isInterrupted()) {
            throw new TaskKilledException("cancelled");
        }
        float[] labels;
        try {
            labels = data.getLabel();
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost could not give the labels: " + e.getMessage(), e);
        }
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            // predicts are transformed: probabilities for binary:logistic
            double p = predicts[i][0];
            if (logistic) {
                p = Math.min(Math.max(p, EPS), 1 - EPS);
                sum -= labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p);
            } else {
                sum += (p - labels[i]) * (p - labels[i]);
            }
        }
        float[] total = Communicator.allReduce(new float[] {(float) sum, labels.length}, Communicator.OpType.SUM);
        double mean = total[0] / total[1];
        float metric = (float) (logistic ? mean : Math.sqrt(mean));
        if (++calls % watches == 0) {
            // the round's last watch: the validation rows when there are any (xgboost4j-spark lists them last)
            ROUNDS_IN_THIS_JVM.incrementAndGet();
            rounds.add(watches > 1 ? metric : Float.NaN);
        }
        return metric;
    }
}
