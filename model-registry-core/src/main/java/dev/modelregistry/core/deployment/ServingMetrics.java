package dev.modelregistry.core.deployment;

import dev.modelregistry.api.ModelRef;

/**
 * Where endpoints report each request besides their own snapshot: for example Micrometer
 * ({@link MicrometerServingMetrics}). Implementations are thread-safe.
 */
public interface ServingMetrics {
    /** Reports nothing. */
    ServingMetrics NONE = (environment, version) -> Recorder.NONE;

    /**
     * The recorder of one version in one environment; called once per deployment.
     *
     * @param environment the environment
     * @param version the version
     * @return the recorder
     */
    Recorder recorder(String environment, ModelRef.Numbered version);

    /** Records the requests of one version in one environment. Thread-safe. */
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
         * @param nanos how long it took
         * @param prediction the answer
         */
        void success(long nanos, double prediction);

        /**
         * A request that failed.
         *
         * @param nanos how long it took
         */
        void error(long nanos);
    }
}
