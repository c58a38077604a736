package dev.modelregistry.trainer.spark;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import scala.Tuple4;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Live progress of one training on the driver: Spark sends the accumulator values of running tasks with every
 * executor heartbeat ({@code spark.executor.heartbeatInterval}, 10 s by default), and this listener keeps the
 * longest list of round metrics a worker of the training has reported through {@link RoundHook}'s accumulator.
 *
 * <p>Thread-safe: Spark's listener bus writes, the training's watcher reads.
 */
final class RoundListener extends SparkListener {
    private final long accumulatorId;
    private final AtomicReference<List<Float>> rounds = new AtomicReference<>(List.of());

    RoundListener(long accumulatorId) {
        this.accumulatorId = accumulatorId;
    }

    /**
     * The validation metric of each round a worker has reported finished (NaN without validation rows); the
     * workers move in step (each round ends with an allreduce), so this is how far the training is, as of the
     * last heartbeats.
     */
    List<Float> rounds() {
        return rounds.get();
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task
                : JavaConverters.seqAsJavaList(update.accumUpdates())) {
            for (AccumulableInfo info : JavaConverters.seqAsJavaList(task._4())) {
                if (info.id() == accumulatorId && info.update().isDefined()
                        && info.update().get() instanceof List<?> metrics) {
                    List<Float> copy = metrics.stream().map(m -> ((Number) m).floatValue()).toList();
                    rounds.accumulateAndGet(copy, (a, b) -> b.size() > a.size() ? b : a);
                }
            }
        }
    }
}
