package dev.modelregistry.core.training;

import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainingInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real trainer seen from outside: delegates every call, and records what the training service
 * did with it — how many trainings ran at once, and the predictions its models handed out in
 * batches (the ones validation scores). Not a mock: the models are the real library's.
 */
final class ObservedTrainer implements Trainer {
    static final String ID = "observed";

    private final Trainer delegate;
    private final CountDownLatch startedTogether;
    private final Duration waitForOthers;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile boolean servedByDelegate;
    final List<double[]> batchPredictions = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param delegate the real trainer
     * @param together how many trainings each start waits for before training, 1 for no waiting;
     *     the wait is bounded so a service that trains one at a time is slow, never stuck
     * @param waitForOthers the bound
     */
    ObservedTrainer(Trainer delegate, int together, Duration waitForOthers) {
        this.delegate = delegate;
        this.startedTogether = new CountDownLatch(together);
        this.waitForOthers = waitForOthers;
    }

    ObservedTrainer(Trainer delegate) {
        this(delegate, 1, Duration.ZERO);
    }

    /**
     * A trainer that trains under its own id for the delegate's format, and names the delegate as the trainer
     * that serves its models, as a trainer that trains elsewhere (xgboost-spark for xgboost) does.
     */
    static ObservedTrainer servedByDelegate(Trainer delegate) {
        ObservedTrainer t = new ObservedTrainer(delegate);
        t.servedByDelegate = true;
        return t;
    }

    /** The most trainings that were running at one moment. */
    int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public NativeModel train(TrainingInput input) {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            startedTogether.countDown();
            startedTogether.await(waitForOthers.toMillis(), TimeUnit.MILLISECONDS);
            return new Recording(delegate.train(input));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the other trainings", e);
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String servingTrainerId() {
        return servedByDelegate ? delegate.id() : ID;
    }

    @Override
    public Set<Task> tasks() {
        return delegate.tasks();
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return delegate.hyperParameters();
    }

    @Override
    public String formatId() {
        return delegate.formatId();
    }

    @Override
    public String libraryVersion() {
        return delegate.libraryVersion();
    }

    @Override
    public String module() {
        return delegate.module();
    }

    @Override
    public boolean handlesMissingValues() {
        return delegate.handlesMissingValues();
    }

    @Override
    public boolean supportsEarlyStopping() {
        return delegate.supportsEarlyStopping();
    }

    @Override
    public NativeModel read(InputStream in, int featureCount) throws IOException {
        return delegate.read(in, featureCount);
    }

    /** The real model, keeping a copy of every batch of predictions it returns. */
    private final class Recording implements NativeModel {
        private final NativeModel model;

        Recording(NativeModel model) {
            this.model = model;
        }

        @Override
        public double predict(double[] features) {
            return model.predict(features);
        }

        @Override
        public double[] predictBatch(double[][] rows) {
            double[] out = model.predictBatch(rows);
            batchPredictions.add(out.clone());
            return out;
        }

        @Override
        public int featureCount() {
            return model.featureCount();
        }

        @Override
        public void write(OutputStream out) throws IOException {
            model.write(out);
        }

        @Override
        public Optional<Integer> bestIteration() {
            return model.bestIteration();
        }

        @Override
        public Map<Integer, Double> featureImportance() {
            return model.featureImportance();
        }

        @Override
        public long sizeBytes() {
            return model.sizeBytes();
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
