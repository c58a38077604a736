package dev.modelregistry.core;

import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Run in a child JVM by {@link CrashHarnessTest} until it is killed: random registrations, alias
 * moves, deletes (each with its automatic backup), exports and gc runs. Prints {@code BEGIN ...}
 * before and {@code ACK ...} after each operation, so the parent knows what was acknowledged and
 * what was in flight when the SIGKILL came.
 */
public final class CrashWorker {
    private CrashWorker() {
    }

    /**
     * Works until killed.
     *
     * @param args the registry directory, the exports directory and a random seed
     */
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        Path exports = Path.of(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ModelRegistry registry = ModelRegistry.builder(root).backupRetention(20, Duration.ofDays(1)).open()) {
            out.println("READY");
            for (long i = 0; ; i++) {
                String model = "m" + random.nextInt(3);
                int op = random.nextInt(10);
                try {
                    if (op < 3) {
                        byte[] bytes = new byte[1 + random.nextInt(64 * 1024)];
                        random.nextBytes(bytes);
                        out.println("BEGIN REG " + model);
                        ModelVersion v = registry.versions().register(model, bytes, ModelMetadata.of("bytes"));
                        out.println("ACK REG " + model + " " + v.version() + " " + v.artifact().digest().hex());
                    } else if (op < 5) {
                        List<ModelVersion> live = registry.versions().versions(model);
                        if (!live.isEmpty()) {
                            int n = live.get(random.nextInt(live.size())).version();
                            String alias = random.nextBoolean() ? "champion" : "staging";
                            out.println("BEGIN ALIAS " + model + " " + alias + " " + n);
                            registry.versions().setAlias(model, alias, n);
                            out.println("ACK ALIAS " + model + " " + alias + " " + n);
                        }
                    } else if (op < 8) {
                        List<ModelVersion> live = registry.versions().versions(model);
                        if (live.size() > 1) {
                            int n = live.get(random.nextInt(live.size())).version();
                            out.println("BEGIN DEL " + model + " " + n);
                            registry.versions().deleteVersion(model, n);
                            out.println("ACK DEL " + model + " " + n);
                        }
                    } else if (op < 9) {
                        if (!registry.versions().versions(model).isEmpty()) {
                            out.println("BEGIN EXP " + model);
                            registry.backups().exportModel(model, exports.resolve(model + "-" + i + "-"
                                    + random.nextInt(1_000_000) + ".zip"));
                            out.println("ACK EXP " + model);
                        }
                    } else {
                        out.println("BEGIN GC");
                        registry.gc(Duration.ofSeconds(30));
                        out.println("ACK GC");
                    }
                } catch (dev.modelregistry.api.ModelNotFoundException e) {
                    out.println("SKIP " + e.getMessage());
                } catch (ModelRegistryException e) {
                    out.println("FAIL " + e);
                    throw e;
                }
            }
        }
    }
}
