package dev.modelregistry.trainer.lightgbm;

import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A child JVM of {@link NativeLibraryIsolationTest}: waits for the start signal, trains and predicts with
 * LightGBM (which loads the native libraries), says it has loaded, and keeps training and predicting until
 * every sibling has loaded too (30 s at most), plus half a second. Without isolation each sibling's start rewrites the
 * libraries this JVM runs, so this is where a crash would happen.
 *
 * <p>Arguments: the sync directory (holds {@code go} and one {@code loaded-<id>} per child), this child's id,
 * the number of children. Exits 0 when every prediction matched; 2 when they differed; 3 if the start signal never came.
 */
final class ConcurrentStartChild {
    private static final List<String> NAMES = List.of("x0", "x1", "x2", "x3");

    private ConcurrentStartChild() {
    }

    public static void main(String[] args) throws Exception {
        Path sync = Path.of(args[0]);
        String id = args[1];
        int children = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(sync.resolve("go"))) {
            if (System.nanoTime() > deadline) {
                System.exit(3);
            }
            Thread.sleep(1);
        }
        double[][] rows = rows(200, 7L);
        double[] first = trainAndPredict(rows);
        Files.createFile(sync.resolve("loaded-" + id));
        // At most 30 s more: siblings that crashed never say they loaded, and the parent sees them anyway.
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long holdUntil = Long.MAX_VALUE;
        while (System.nanoTime() < holdUntil) {
            if (holdUntil == Long.MAX_VALUE && (loaded(sync) >= children || System.nanoTime() > waitUntil)) {
                holdUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            }
            if (!Arrays.equals(first, trainAndPredict(rows))) {
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static long loaded(Path sync) throws Exception {
        try (Stream<Path> files = Files.list(sync)) {
            return files.filter(p -> p.getFileName().toString().startsWith("loaded-")).count();
        }
    }

    /** Trains a small model and predicts every row one at a time and as a batch; the two must agree. */
    private static double[] trainAndPredict(double[][] rows) {
        Random rnd = new Random(1);
        double[][] x = new double[300][NAMES.size()];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < NAMES.size(); j++) {
                x[i][j] = rnd.nextDouble() * 2 - 1;
            }
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.3 * rnd.nextGaussian();
        }
        TrainingSpec spec = TrainingSpec.defaults().withTask(Task.REGRESSION);
        try (NativeModel model = new LightGbmTrainer().train(TrainingInput.of(new LightGbmTrainer(), spec,
                Dataset.of(NAMES, x, y), Optional.empty(), TrainingContext.NONE))) {
            double[] batch = model.predictBatch(rows);
            for (int i = 0; i < rows.length; i++) {
                if (Double.doubleToRawLongBits(model.predict(rows[i])) != Double.doubleToRawLongBits(batch[i])) {
                    System.exit(2);
                }
            }
            return batch;
        }
    }

    private static double[][] rows(int n, long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[n][NAMES.size()];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextDouble() * 4 - 2;
            }
        }
        return rows;
    }
}
