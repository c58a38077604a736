package dev.modelregistry.shared;

import dev.modelregistry.api.ModelNotFoundException;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import dev.modelregistry.s3.S3Storage;
import dev.modelregistry.s3.SharedS3;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Run in a child JVM by {@code SharedCrashTest} until it is killed: on the parent's PostgreSQL database and
 * S3 prefix, random registrations (one in eight of 6 MiB, a multipart upload of 5 MiB parts; the others up
 * to 256 KiB), deletes and alias moves. As core's {@code CrashWorker} does, it prints {@code BEGIN ...}
 * before and {@code ACK ...} after each operation, so the parent knows what was acknowledged and what was
 * in flight when the SIGKILL came. Arguments: {@code DIR JDBC_URL S3_ENDPOINT S3_PREFIX SEED}.
 */
public final class SharedCrashWorker {
    static final int MULTIPART_BYTES = 6 * 1024 * 1024;

    private SharedCrashWorker() {
    }

    /**
     * Works until killed.
     *
     * @param args the registry directory, JDBC URL, S3 endpoint, S3 prefix and a random seed
     */
    public static void main(String[] args) {
        Random random = new Random(Long.parseLong(args[4]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (S3Storage storage = SharedS3.builder(URI.create(args[2]), args[3]).partSize(5 * 1024 * 1024).build();
                ModelRegistry registry = ModelRegistry.builder(Path.of(args[0])).postgres(args[1], "", "")
                        .storage(storage).open()) {
            out.println("READY");
            while (true) {
                String model = "m" + random.nextInt(3);
                int op = random.nextInt(10);
                try {
                    if (op < 6) {
                        int size = random.nextInt(8) == 0 ? MULTIPART_BYTES : 1 + random.nextInt(256 * 1024);
                        byte[] bytes = new byte[size];
                        random.nextBytes(bytes);
                        out.println("BEGIN REG " + model);
                        ModelVersion v = registry.versions().register(model, bytes, ModelMetadata.of("bytes"));
                        out.println("ACK REG " + model + " " + v.version() + " " + v.artifact().digest().hex());
                    } else if (op < 8) {
                        List<ModelVersion> live = registry.versions().versions(model);
                        if (live.size() > 1) {
                            int n = live.get(random.nextInt(live.size())).version();
                            out.println("BEGIN DEL " + model + " " + n);
                            registry.versions().deleteVersion(model, n);
                            out.println("ACK DEL " + model + " " + n);
                        }
                    } else {
                        List<ModelVersion> live = registry.versions().versions(model);
                        if (!live.isEmpty()) {
                            int n = live.get(random.nextInt(live.size())).version();
                            out.println("BEGIN ALIAS " + model + " champion " + n);
                            registry.versions().setAlias(model, "champion", n);
                            out.println("ACK ALIAS " + model + " champion " + n);
                        }
                    }
                } catch (ModelNotFoundException e) {
                    out.println("SKIP " + e.getMessage());
                } catch (ModelRegistryException e) {
                    out.println("FAIL " + e);
                    throw e;
                }
            }
        }
    }
}
