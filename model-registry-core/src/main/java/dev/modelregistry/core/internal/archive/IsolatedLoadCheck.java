package dev.modelregistry.core.internal.archive;

import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.StorageException;
import dev.modelregistry.api.storage.ArtifactInfo;
import dev.modelregistry.api.loading.LoadedModel;
import dev.modelregistry.api.storage.StagedArtifact;
import dev.modelregistry.api.version.DeploymentStatus;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.VersionState;
import dev.modelregistry.core.internal.Json;
import dev.modelregistry.core.training.Trainers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import dev.modelregistry.core.internal.io.StorageErrors;
import dev.modelregistry.core.internal.loading.Codecs;

/**
 * Loads untrusted models in a short-lived child JVM before the registry accepts them. Native model
 * libraries (LightGBM, XGBoost) run C++ on the bytes they are given; the trainers validate the
 * structure in Java first, but a validator can miss what a parser trips over, and a crash there
 * takes the whole JVM with it. A crash in the child costs only the child: the import is refused,
 * naming the version and how the child ended.
 *
 * <p>The child runs the same {@code java} with this JVM's {@code java.class.path}, so it sees the
 * same codecs and trainers. Formats no codec here reads are not checked (they cannot be loaded here
 * either). Thread-safe (stateless).
 */
public final class IsolatedLoadCheck {
    /** Exit code of a child that loaded every model. */
    private static final int OK = 0;
    /** Exit code of a child that refused a model with an exception (its message on stderr). */
    private static final int REFUSED = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Codecs codecs;
    private final Path workDir;

    public IsolatedLoadCheck(Codecs codecs, Path workDir) {
        this.codecs = codecs;
        this.workDir = workDir;
    }

    /** One artifact to check: its staged bytes, and the metadata it would be registered with. */
    record Candidate(String ref, StagedArtifact staged, ModelMetadata metadata) {
    }

    /** Whether a codec here reads the format, so that a check means something. */
    boolean applies(ModelMetadata metadata) {
        return codecs.reads(metadata.formatId());
    }

    /**
     * Loads every candidate in one child JVM.
     *
     * @throws InvalidArtifactException naming the first candidate the child refused or died on
     */
    void check(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        try {
            Path work = Files.createTempDirectory(workDir, "load-check-");
            Path list = work.resolve("models.json");
            Path err = work.resolve("stderr.txt");
            Path crashLog = work.resolve("hs_err.log");
            List<Path> copies = new ArrayList<>();
            try {
                List<Map<String, Object>> entries = new ArrayList<>();
                for (Candidate c : candidates) {
                    // A copy the child can read, whatever store staged the bytes.
                    Path copy = work.resolve(copies.size() + ".bin");
                    copies.add(copy);
                    try (InputStream in = c.staged().read()) {
                        Files.copy(in, copy);
                    }
                    ArtifactInfo info = c.staged().info();
                    entries.add(Map.of("ref", c.ref(), "file", copy.toString(), "digest", info.digest().hex(),
                            "size", info.size(), "metadata", Json.write(c.metadata())));
                }
                Files.write(list, Json.writer().writeValueAsBytes(entries));
                String java = ProcessHandle.current().info().command().orElse("java");
                Process child = new ProcessBuilder(java, "-Xmx512m", "-XX:-UsePerfData", "-XX:ErrorFile=" + crashLog,
                        "-cp", System.getProperty("java.class.path"),
                        Main.class.getName(), list.toString())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(err.toFile()).start();
                if (!child.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly();
                    throw new InvalidArtifactException("refusing the import: loading its models in a child JVM took"
                            + " longer than " + TIMEOUT.toMinutes() + " minutes");
                }
                String said = Files.readString(err, StandardCharsets.UTF_8).strip();
                if (child.exitValue() == OK) {
                    return;
                }
                if (child.exitValue() == REFUSED) {
                    throw new InvalidArtifactException("refusing the import: " + lastLine(said));
                }
                int code = child.exitValue();
                throw new InvalidArtifactException("refusing the import: a child JVM loading its models died with exit"
                        + " code " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "") + " while loading "
                        + lastLoading(said) + crashSummary(crashLog) + "; this model would have crashed the serving JVM");
            } finally {
                for (Path p : copies) {
                    Files.deleteIfExists(p);
                }
                for (Path p : new Path[] {list, err, crashLog, work}) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw StorageErrors.io("cannot run the isolated load check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while checking imported models in a child JVM", e);
        }
    }

    /** The JVM's own one-line account of a native crash, from its error log. */
    private static String crashSummary(Path crashLog) throws IOException {
        if (!Files.exists(crashLog)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(crashLog, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("#  SIG") || line.startsWith("# C  [") || line.startsWith("# Problematic frame")) {
                out.append(out.length() == 0 ? " (" : "; ").append(line.substring(1).strip());
            }
        }
        return out.length() == 0 ? "" : out.append(')').toString();
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    private static String lastLoading(String text) {
        String found = "a model";
        for (String line : text.split("\n")) {
            if (line.startsWith("loading ")) {
                found = line.substring("loading ".length());
            }
        }
        return found;
    }

    /** The child: loads each listed artifact through the codecs, then exits 0, or 3 on a refusal. */
    static final class Main {
        private Main() {
        }

        public static void main(String[] args) throws IOException {
            ClassLoader loader = IsolatedLoadCheck.class.getClassLoader();
            Codecs codecs = Codecs.discover(loader, Trainers.discover(loader));
            List<Map<String, Object>> entries = Json.reader().forType(List.class).readValue(Files.readAllBytes(
                    Path.of(args[0])));
            for (Map<String, Object> e : entries) {
                String ref = (String) e.get("ref");
                System.err.println("loading " + ref);
                ModelMetadata metadata = Json.read((String) e.get("metadata"), ModelMetadata.class);
                ArtifactInfo info = new ArtifactInfo(new dev.modelregistry.api.storage.ArtifactDigest(
                        (String) e.get("digest")), ((Number) e.get("size")).longValue());
                String[] parts = ref.split("/");
                ModelVersion version = new ModelVersion(parts[0], Integer.parseInt(parts[1]), VersionState.LIVE, info,
                        metadata, Map.of(), List.of(), DeploymentStatus.none(), Instant.EPOCH, "isolated-load-check",
                        Optional.empty());
                try (InputStream in = Files.newInputStream(Path.of((String) e.get("file")))) {
                    LoadedModel model = codecs.forVersion(version).decode(in, version);
                    System.err.println("loaded " + ref + " as " + model.getClass().getSimpleName());
                } catch (IOException | RuntimeException ex) {
                    System.err.println(ref + " cannot be loaded: " + ex);
                    System.exit(REFUSED);
                }
            }
            System.exit(OK);
        }
    }
}
