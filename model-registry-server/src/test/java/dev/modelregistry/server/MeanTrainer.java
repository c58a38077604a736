package dev.modelregistry.server;

import dev.modelregistry.api.TrainingCancelledException;
import dev.modelregistry.api.training.HyperParameter;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.Trainer;
import dev.modelregistry.api.training.TrainerProvider;
import dev.modelregistry.api.training.TrainerSupport;
import dev.modelregistry.api.training.TrainingInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Test-only trainer {@value #ID}: predicts the label's mean, after {@code iterations} iterations of
 * {@code sleep_millis} each that report progress and honour cancellation — a job slow enough to watch over
 * SSE and to cancel, with no native library.
 */
public final class MeanTrainer extends TrainerSupport implements TrainerProvider {
    static final String ID = "server-test-mean";

    /** For ServiceLoader. */
    public MeanTrainer() {
        super(ID, "server-test-mean-model", "1.0", "dev.modelregistry:model-registry-server tests",
                Set.of(Task.REGRESSION), List.of(
                        HyperParameter.integer("iterations", 5, 1, 10_000, "progress steps"),
                        HyperParameter.integer("sleep_millis", 0, 0, 10_000, "pause per step")));
    }

    @Override
    public Trainer trainer() {
        return this;
    }

    @Override
    public NativeModel train(TrainingInput input) {
        int iterations = input.parameters().intValue("iterations");
        int sleep = input.parameters().intValue("sleep_millis");
        double mean = 0;
        for (double label : input.train().labels()) {
            mean += label;
        }
        mean /= input.train().rowCount();
        for (int i = 1; i <= iterations; i++) {
            if (input.context().cancelled()) {
                throw new TrainingCancelledException(ID + " cancelled at iteration " + i);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrainingCancelledException(ID + " interrupted");
            }
            input.context().iteration(i, iterations, OptionalDouble.empty());
        }
        return new Model(mean, input.train().featureCount());
    }

    @Override
    public NativeModel read(InputStream in, int featureCount) throws IOException {
        return new Model(new DataInputStream(in).readDouble(), featureCount);
    }

    private record Model(double mean, int featureCount) implements NativeModel {
        @Override
        public double predict(double[] features) {
            return mean;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            data.writeDouble(mean);
            data.flush();
        }

        @Override
        public Optional<Integer> bestIteration() {
            return Optional.empty();
        }

        @Override
        public Map<Integer, Double> featureImportance() {
            return Map.of();
        }

        @Override
        public long sizeBytes() {
            return 8;
        }

        @Override
        public void close() {
        }
    }
}
