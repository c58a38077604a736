package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.version.ModelMetadata;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * gc against registrations that reuse old, unreferenced content, in two processes: one registers
 * (and deletes nine in ten again, so that content keeps coming back unreferenced), the other runs gc
 * with a zero grace period in a loop. Every acknowledged registration must find its bytes, right
 * after it returns and at the end. The count is {@code -Dmodelregistry.gcRace.count} (10,000 by
 * default).
 */
class GcDedupRaceTest {
    private static final int COUNT = Integer.getInteger("modelregistry.gcRace.count", 10_000);
    private static final int CONTENTS = 20;

    @TempDir
    Path dir;

    /**
     * Generous for the crash profile's 10,000 registrations (about 7 minutes on a busy 2-core machine); the
     * writer alone may take 10 minutes before the test fails on its own.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void registrations_reusing_unreferenced_blobs_never_lose_their_bytes_to_a_concurrent_gc() throws Exception {
        Path root = dir.resolve("registry");
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            // Every content exists once as a deleted version: its blob is old and unreferenced.
            for (int c = 0; c < CONTENTS; c++) {
                registry.versions().register("reused", ("content-" + c).getBytes(StandardCharsets.UTF_8),
                        ModelMetadata.of("bytes"));
            }
            registry.versions().deleteModel("reused");
        }
        Path stop = dir.resolve("stop");
        Process gc = child(root, "gc", stop.toString());
        Process writer = child(root, "reregister", Integer.toString(COUNT), Integer.toString(CONTENTS));
        List<String> acks = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                acks.add(line);
            }
        }
        assertThat(writer.waitFor(10, TimeUnit.MINUTES)).isTrue();
        Files.createFile(stop);
        String gcLine;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(gc.getInputStream(), StandardCharsets.UTF_8))) {
            gcLine = r.readLine();
        }
        assertThat(gc.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(writer.exitValue()).as("writer exit code; it said %s", tail(dir.resolve("reregister.err"))).isZero();
        assertThat(gc.exitValue()).as("gc exit code; it said %s", tail(dir.resolve("gc.err"))).isZero();
        assertThat(gcLine).as("gc ran concurrently and removed blobs").startsWith("GC runs=").doesNotContain("removed=0");

        assertThat(acks).hasSize(COUNT);
        assertThat(acks).as("acknowledged versions whose bytes were gone right after registering")
                .noneMatch(a -> a.endsWith("LOST"));
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            List<Integer> missing = new ArrayList<>();
            for (String a : acks) {
                String[] f = a.split(" ");
                if (f[2].equals("live")) {
                    var v = registry.versions().get(ModelRef.version("reused", Integer.parseInt(f[1])));
                    try {
                        registry.storage().verify(v.artifact());
                    } catch (RuntimeException e) {
                        missing.add(v.version());
                    }
                }
            }
            assertThat(missing).as("live acknowledged versions without their bytes").isEmpty();
            assertThat(registry.verify().healthy()).isTrue();
        }
        System.out.printf("gc/dedup race: %d acknowledged registrations, 0 without bytes; %s%n", COUNT, gcLine);
    }

    private static String tail(Path file) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.contains(" INFO ")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private Process child(Path root, String role, String... rest) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                GcRaceChild.class.getName(), role, root.toString()));
        cmd.addAll(List.of(rest));
        return new ProcessBuilder(cmd).redirectError(new File(dir.toFile(), role + ".err")).start();
    }
}
