package dev.modelregistry.trainer.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child JVMs that share one {@code java.io.tmpdir} start at the same moment, each training and predicting
 * with LightGBM: none may crash, and none may write LightGBM's libraries into that shared directory (which
 * lightgbm4j 4.3.0-1 does by itself, under fixed names, crashing JVMs that have them loaded; see
 * {@link LightGbmNativeLibrary}). The children get the shared directory explicitly, so the build's own
 * private temp directory does not hide the hazard.
 *
 * <p>{@code -Dmodelregistry.native.jvms} (default 10) and {@code -Dmodelregistry.native.rounds} (default 2;
 * the bar is 20) set the size.
 */
class NativeLibraryIsolationTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void jvms_started_together_never_overwrite_each_others_native_libraries(@TempDir Path dir) throws Exception {
        int jvms = Integer.getInteger("modelregistry.native.jvms", 10);
        int rounds = Integer.getInteger("modelregistry.native.rounds", 2);
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int round = 0; round < rounds; round++) {
            Path tmp = Files.createDirectories(dir.resolve("round-" + round).resolve("tmp"));
            Path sync = Files.createDirectories(dir.resolve("round-" + round).resolve("sync"));
            Path logs = Files.createDirectories(dir.resolve("round-" + round).resolve("logs"));
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < jvms; i++) {
                children.add(new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Djava.io.tmpdir=" + tmp, "-XX:ErrorFile=" + logs.resolve("hs_err_%p.log"),
                        "-cp", System.getProperty("java.class.path"), ConcurrentStartChild.class.getName(),
                        sync.toString(), Integer.toString(i), Integer.toString(jvms))
                        .redirectOutput(logs.resolve(i + ".out").toFile())
                        .redirectError(logs.resolve(i + ".err").toFile())
                        .start());
            }
            Files.createFile(sync.resolve("go"));
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < jvms; i++) {
                Process child = children.get(i);
                if (!child.waitFor(5, TimeUnit.MINUTES)) {
                    child.destroyForcibly();
                    failures.add("child " + i + " hung");
                } else if (child.exitValue() != 0) {
                    failures.add("child " + i + " exited " + child.exitValue() + ": " + tail(logs.resolve(i + ".err")));
                }
            }
            assertThat(failures).as("round %d of %d, %d JVMs; crash logs: %s", round + 1, rounds, jvms,
                    names(logs, "hs_err")).isEmpty();
            assertThat(names(tmp, "")).as("what the children left in their shared temp directory").isEmpty();
        }
    }

    private static List<String> names(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() <= 2_000 ? text : text.substring(text.length() - 2_000);
    }
}
