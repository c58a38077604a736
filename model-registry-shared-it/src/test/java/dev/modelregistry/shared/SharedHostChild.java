package dev.modelregistry.shared;

import dev.modelregistry.api.deployment.DeploymentNotFoundException;
import dev.modelregistry.api.deployment.Endpoint;
import dev.modelregistry.api.deployment.Prediction;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.s3.S3Storage;
import dev.modelregistry.s3.SharedS3;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One "host" of {@code SharedHostsTest}, run in a child JVM on the test class path: a registry in its own
 * directory on the parent's PostgreSQL database and S3 prefix. Arguments: {@code ROLE DIR JDBC_URL S3_ENDPOINT
 * S3_PREFIX ...}.
 * <ul>
 *   <li>{@code register ... MODEL COUNT TAG}: registers {@code COUNT} distinct artifacts to {@code MODEL}, printing
 *   {@code ACK version} for each, then {@code DONE millis}.</li>
 *   <li>{@code serve ... ENV VERSION STOPFILE}: serves the environment's endpoint in a loop until the stop file
 *   exists (about a thousand requests a second); prints {@code READY} once it serves, {@code SWITCHED epochMillis} when it first serves
 *   {@code VERSION}, and at the end {@code SUMMARY requests failures oldAfterSwitch}, a failure being any
 *   exception of a request made after {@code READY}.</li>
 * </ul>
 */
public final class SharedHostChild {
    private SharedHostChild() {
    }

    /**
     * Runs one role.
     *
     * @param args the role and its arguments
     * @throws Exception on failure (the parent sees a non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Path.of(args[1]);
        try (S3Storage storage = SharedS3.storage(URI.create(args[3]), args[4]);
                ModelRegistry registry = ModelRegistry.builder(dir).postgres(args[2], "", "").storage(storage)
                        .open()) {
            if (args[0].equals("register")) {
                String model = args[5];
                int count = Integer.parseInt(args[6]);
                String tag = args[7];
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    byte[] bytes = (tag + " artifact " + i).getBytes(StandardCharsets.UTF_8);
                    ModelVersion v = registry.versions().register(model, bytes, ModelMetadata.of("bytes"));
                    out.println("ACK " + v.version());
                }
                out.println("DONE " + (System.nanoTime() - start) / 1_000_000);
            } else {
                serve(registry, args[5], Integer.parseInt(args[6]), Path.of(args[7]), out);
            }
        }
    }

    private static void serve(ModelRegistry registry, String env, int next, Path stop, PrintStream out)
            throws InterruptedException {
        Endpoint endpoint = registry.deployer().endpoint(env);
        double[] row = new double[5];
        while (true) {
            try {
                endpoint.serve(row, "warm-up");
                break;
            } catch (DeploymentNotFoundException e) {
                Thread.sleep(20);
            }
        }
        out.println("READY");
        long requests = 0;
        long failures = 0;
        long oldAfterSwitch = 0;
        boolean switched = false;
        long key = 0;
        while (!Files.exists(stop)) {
            try {
                Prediction p = endpoint.serve(row, "key-" + key++);
                requests++;
                if (p.version().version() == next) {
                    if (!switched) {
                        switched = true;
                        out.println("SWITCHED " + System.currentTimeMillis());
                    }
                } else if (switched) {
                    oldAfterSwitch++;
                }
            } catch (RuntimeException e) {
                requests++;
                failures++;
                System.err.println("request " + key + " failed: " + e);
            }
            // About a thousand requests a second: continuous traffic, without three JVMs spinning on two cores
            // and starving the deployment followers they are meant to exercise.
            Thread.sleep(1);
        }
        out.println("SUMMARY " + requests + " " + failures + " " + oldAfterSwitch);
    }
}
