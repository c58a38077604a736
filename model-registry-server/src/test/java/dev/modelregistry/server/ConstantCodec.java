package dev.modelregistry.server;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.loading.ModelCodec;
import dev.modelregistry.api.training.Predictor;
import dev.modelregistry.api.version.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Test-only model format {@value #FORMAT}: the artifact is a decimal number, and the model answers that
 * number plus the sum of the features. Giving each version its own constant tells a test which version
 * answered a prediction from the value alone, independently of the version the server says. A row without
 * features fails, for tests that need serving errors.
 */
public final class ConstantCodec implements ModelCodec {
    /** The format id. */
    public static final String FORMAT = "server-test-constant";

    /** For ServiceLoader. */
    public ConstantCodec() {
    }

    static byte[] artifact(double constant) {
        return Double.toString(constant).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String formatId() {
        return FORMAT;
    }

    @Override
    public LoadedModel decode(InputStream artifact, ModelVersion version) throws IOException {
        double constant = Double.parseDouble(new String(artifact.readAllBytes(), StandardCharsets.UTF_8).trim());
        return new Model(version, constant);
    }

    private record Model(ModelVersion version, double constant) implements LoadedModel, Predictor {
        @Override
        public double predict(double[] features) {
            if (features.length == 0) {
                throw new IllegalArgumentException("a row without features");
            }
            double sum = constant;
            for (double f : features) {
                sum += f;
            }
            return sum;
        }

        @Override
        public long weightBytes() {
            return 16;
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
        }
    }
}
