package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.ModelRef;

/**
 * The service-provider seam for metrics systems: where endpoints report each request besides their own
 * {@link Monitoring#snapshot}. The registry asks for one {@link Recorder} per deployment when the
 * deployment starts serving, then calls it on every request. Bind a metrics library by implementing this
 * interface (the core module ships one for Micrometer, {@code MicrometerServingMetrics}) and passing it to
 * the registry's builder.
 *
 * <p>Implementations are thread-safe.
 */
public interface ServingMetrics {
    /** Reports nothing: the default. */
    ServingMetrics NONE = (environment, version) -> Recorder.NONE;

    /**
     * The recorder of one version in one environment; called once per deployment as it starts serving
     * in this process.
     *
     * @param environment the environment's name
     * @param version the version the deployment serves
     * @return the recorder, not null
     */
    Recorder recorder(String environment, ModelRef.Numbered version);

    /**
     * Records the requests of one version in one environment. Called on the thread that served the
     * request (a caller's thread, or the shadow executor for a shadow), so it must be thread-safe and
     * cheap; an exception it throws fails the request.
     */
    interface Recorder {
        /** Records nothing. */
        Recorder NONE = new Recorder() {
            @Override
            public void success(long nanos, double prediction) {
            }

            @Override
            public void error(long nanos) {
            }
        };

        /**
         * A request that was answered.
         *
         * @param nanos how long the model took, in nanoseconds
         * @param prediction the answer
         */
        void success(long nanos, double prediction);

        /**
         * A request that failed: the model threw.
         *
         * @param nanos how long the model took before it threw, in nanoseconds
         */
        void error(long nanos);
    }
}
