package dev.modelregistry.core.micrometer;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.monitoring.ServingMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ServingMetrics} of Micrometer: binds endpoint metrics to a {@link MeterRegistry}. Pass it to
 * the registry's builder, {@code ModelRegistry.builder(root).servingMetrics(new MicrometerServingMetrics(meters))};
 * Micrometer is an optional dependency, needed only by this class. Meters, each tagged {@code environment}
 * and {@code version} ({@code name/N}):
 * <ul>
 *   <li>{@code modelregistry.endpoint.requests} — counter, tagged {@code outcome} = {@code success} or
 *       {@code error};</li>
 *   <li>{@code modelregistry.endpoint.latency} — timer of every request;</li>
 *   <li>{@code modelregistry.endpoint.prediction} — distribution summary of the answers.</li>
 * </ul>
 * Thread-safe.
 */
public final class MicrometerServingMetrics implements ServingMetrics {
    /** The request counter's name. */
    public static final String REQUESTS = "modelregistry.endpoint.requests";
    /** The latency timer's name. */
    public static final String LATENCY = "modelregistry.endpoint.latency";
    /** The prediction summary's name. */
    public static final String PREDICTION = "modelregistry.endpoint.prediction";

    private final MeterRegistry registry;

    /**
     * Binds to a registry.
     *
     * @param registry the meter registry
     * @throws NullPointerException if it is null
     */
    public MicrometerServingMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Recorder recorder(String environment, ModelRef.Numbered version) {
        String v = version.toString();
        Counter success = Counter.builder(REQUESTS).tag("environment", environment).tag("version", v)
                .tag("outcome", "success").description("requests an endpoint answered").register(registry);
        Counter error = Counter.builder(REQUESTS).tag("environment", environment).tag("version", v)
                .tag("outcome", "error").description("requests that failed").register(registry);
        Timer latency = Timer.builder(LATENCY).tag("environment", environment).tag("version", v)
                .description("time to answer a request").register(registry);
        DistributionSummary prediction = DistributionSummary.builder(PREDICTION).tag("environment", environment)
                .tag("version", v).description("the answers").register(registry);
        return new Recorder() {
            @Override
            public void success(long nanos, double value) {
                success.increment();
                latency.record(nanos, TimeUnit.NANOSECONDS);
                if (Double.isFinite(value)) {
                    prediction.record(value);
                }
            }

            @Override
            public void error(long nanos) {
                error.increment();
                latency.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }
}
