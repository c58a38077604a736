package dev.modelregistry.benchmarks;

import dev.modelregistry.core.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ModelRegistry.open} in a fresh JVM against its raw baseline, a JDBC connection to the same
 * SQLite file in a fresh JVM: what a command-line tool or a short-lived job pays before its first call.
 * JMH cannot measure this (it times inside one JVM), so this harness launches child JVMs with the same
 * class path, alternating the two kinds (and an empty {@code main}, the JVM's own floor), and reports
 * the median wall time of each from launch to exit, and the ratio.
 *
 * <p>Run: {@code java -cp <benchmarks class path> dev.modelregistry.benchmarks.OpenInFreshJvm [launches]}
 * (10 of each by default). Not thread-safe; a program, not a library.
 */
public final class OpenInFreshJvm {
    private OpenInFreshJvm() {
    }

    /**
     * Runs the comparison, or, as a child, one kind of start.
     *
     * @param args {@code [launches]}, or {@code child <kind> <registry directory>} in a child JVM
     * @throws Exception if a child fails or a file step fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("child")) {
            child(args[1], Path.of(args[2]));
            return;
        }
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("model-registry-open");
        try {
            ModelRegistry.open(dir).close(); // a registry to open again, as a restarted process does
            List<String> kinds = List.of("empty", "jdbc", "registry");
            long[][] millis = new long[kinds.size()][launches];
            for (int i = 0; i < launches; i++) {
                for (int k = 0; k < kinds.size(); k++) {
                    millis[k][i] = launch(kinds.get(k), dir);
                }
            }
            double[] median = new double[kinds.size()];
            for (int k = 0; k < kinds.size(); k++) {
                long[] sorted = millis[k].clone();
                Arrays.sort(sorted);
                median[k] = (sorted[(launches - 1) / 2] + sorted[launches / 2]) / 2.0;
                System.out.printf(Locale.ROOT, "%-9s median %6.0f ms  min %5d  max %5d  all %s%n", kinds.get(k),
                        median[k], sorted[0], sorted[launches - 1], Arrays.toString(millis[k]));
            }
            System.out.printf(Locale.ROOT, "registry / jdbc: %.2f x; above the empty JVM: registry %.0f ms, jdbc %.0f ms"
                    + " (%.2f x)%n", median[2] / median[1], median[2] - median[0], median[1] - median[0],
                    (median[2] - median[0]) / (median[1] - median[0]));
        } finally {
            LargeRegistry.delete(dir);
        }
    }

    private static long launch(String kind, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
                OpenInFreshJvm.class.getName(), "child", kind, dir.toString()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int exit = p.waitFor();
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(kind + " child exited with " + exit);
        }
        return elapsed;
    }

    private static void child(String kind, Path dir) throws SQLException {
        switch (kind) {
            case "empty" -> {
            }
            case "jdbc" -> {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*) FROM model")) {
                    rs.next();
                }
            }
            case "registry" -> ModelRegistry.open(dir).close();
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }
}
