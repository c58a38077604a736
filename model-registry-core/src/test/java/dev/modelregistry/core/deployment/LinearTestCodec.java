package dev.modelregistry.core.deployment;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.loading.ModelCodec;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only model format {@value #FORMAT}: {@code intercept + slope * (sum of the features)}, optionally
 * failing on every n-th request (exactly 1/n of them, deterministically) or sleeping. Its text artifact is
 * {@code intercept=2;slope=0;failEvery=5;sleepMillis=0}. Used where the test needs to know which version
 * answered (a constant = the version number) or needs a canary that misbehaves in a controlled way; real
 * trained LightGBM models are used wherever the numbers themselves matter. A released model refuses to
 * predict, so a test would notice an endpoint predicting with a model it already released.
 */
public final class LinearTestCodec implements ModelCodec {
    /** The format id. */
    public static final String FORMAT = "test-linear";
    /** Models decoded so far. */
    static final AtomicInteger OPENED = new AtomicInteger();
    /** Models released so far. */
    static final AtomicInteger RELEASED = new AtomicInteger();
    /** Models decoded and not released yet. */
    private static final Set<Model> LIVE = ConcurrentHashMap.newKeySet();
    /** Extra sleep every model takes per prediction, for the latency-anomaly test (reset it after use). */
    static volatile int extraSleepMillis;

    /** For ServiceLoader. */
    public LinearTestCodec() {
    }

    public static byte[] artifact(double intercept, double slope, int failEvery, int sleepMillis) {
        return ("intercept=" + intercept + ";slope=" + slope + ";failEvery=" + failEvery + ";sleepMillis="
                + sleepMillis).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String formatId() {
        return FORMAT;
    }

    @Override
    public LoadedModel decode(InputStream artifact, ModelVersion version) throws IOException {
        Map<String, String> p = new HashMap<>();
        for (String kv : new String(artifact.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
            String[] parts = kv.split("=", 2);
            p.put(parts[0], parts[1]);
        }
        OPENED.incrementAndGet();
        Model model = new Model(version, Double.parseDouble(p.get("intercept")), Double.parseDouble(p.get("slope")),
                Integer.parseInt(p.get("failEvery")), Integer.parseInt(p.get("sleepMillis")));
        LIVE.add(model);
        return model;
    }

    /** The models decoded and not released yet, now. */
    static Set<LoadedModel> liveModels() {
        return Set.copyOf(LIVE);
    }

    /** The loaded model. */
    static final class Model implements LoadedModel, Predictor {
        private final ModelVersion version;
        private final double intercept;
        private final double slope;
        private final int failEvery;
        private final int sleepMillis;
        private final AtomicLong calls = new AtomicLong();
        private volatile boolean released;

        Model(ModelVersion version, double intercept, double slope, int failEvery, int sleepMillis) {
            this.version = version;
            this.intercept = intercept;
            this.slope = slope;
            this.failEvery = failEvery;
            this.sleepMillis = sleepMillis;
        }

        @Override
        public double predict(double[] features) {
            if (released) {
                throw new IllegalStateException(version.ref() + " was released");
            }
            long n = calls.incrementAndGet();
            int sleep = sleepMillis + extraSleepMillis;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failEvery > 0 && n % failEvery == 0) {
                throw new IllegalStateException("deliberate failure of " + version.ref() + " on call " + n);
            }
            double sum = 0;
            for (double f : features) {
                sum += f;
            }
            return intercept + slope * sum;
        }

        @Override
        public ModelVersion version() {
            return version;
        }

        @Override
        public long weightBytes() {
            return 64;
        }

        @Override
        public Optional<Predictor> predictor() {
            return Optional.of(this);
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new InvalidArgumentException("not a " + type);
        }

        @Override
        public void release() {
            if (!released) {
                released = true;
                RELEASED.incrementAndGet();
                LIVE.remove(this);
            }
        }
    }
}
