package dev.modelregistry.core;

import dev.modelregistry.api.ArtifactNotFoundException;
import dev.modelregistry.api.RegistryStateException;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in child JVMs by {@link GcDedupRaceTest}. {@code reregister ROOT COUNT CONTENTS}: registers
 * {@code COUNT} versions cycling through {@code CONTENTS} distinct byte strings, checks each one's
 * bytes right after the registration returns, and deletes nine in ten again so that their content
 * is unreferenced when it comes round next; prints {@code ACK number live|deleted ok|LOST} per
 * version. {@code gc ROOT STOPFILE}: runs gc with a zero grace period until the stop file exists.
 */
public final class GcRaceChild {
    private GcRaceChild() {
    }

    /**
     * Runs one role.
     *
     * @param args the role and its arguments
     * @throws Exception on failure (the parent sees a non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ModelRegistry registry = ModelRegistry.builder(root).backupRetention(1, Duration.ofDays(1)).open()) {
            if (args[0].equals("reregister")) {
                int count = Integer.parseInt(args[2]);
                int contents = Integer.parseInt(args[3]);
                for (int i = 0; i < count; i++) {
                    byte[] bytes = ("content-" + (i % contents)).getBytes(StandardCharsets.UTF_8);
                    ModelVersion v = registry.versions().register("reused", bytes, ModelMetadata.of("bytes"));
                    String state = "ok";
                    try {
                        registry.storage().verify(v.artifact());
                    } catch (ArtifactNotFoundException e) {
                        state = "LOST";
                    }
                    boolean keep = i % 10 == 0;
                    out.println("ACK " + v.version() + " " + (keep ? "live" : "deleted") + " " + state);
                    if (!keep) {
                        registry.versions().deleteVersion("reused", v.version());
                    }
                }
            } else {
                Path stop = Path.of(args[2]);
                int runs = 0;
                long removed = 0;
                while (!Files.exists(stop)) {
                    try {
                        removed += registry.gc(Duration.ZERO).blobsRemoved();
                    } catch (RegistryStateException e) {
                        throw new AssertionError("gc refused in a healthy registry", e);
                    }
                    runs++;
                    Thread.sleep(20); // a tight loop would only starve the writer of SQLite's write lock
                }
                out.println("GC runs=" + runs + " removed=" + removed);
            }
        }
    }
}
