package dev.modelregistry.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.api.training.TrainingSpec;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.api.training.service.TrainingRequest;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.core.ModelRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates real LightGBM and xgboost models (field-aware edits, byte flips, truncations) and bundle
 * manifests, registers each mutation in a real registry, and loads them all through
 * {@code registry.models().load} in child JVMs, so a native crash kills a child, not the test. Every
 * mutation must either load and predict, or be refused with a {@code ModelRegistryException} whose message
 * names the reason; no child may die.
 *
 * <p>{@code -Dfuzz.mutations=N} sets the mutations per native format (default 120); {@code -Dfuzz.seed}
 * the seed.
 */
class NativeModelFuzzTest {
    private static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 120);
    private static final long SEED = Long.getLong("fuzz.seed", 20_240_601L);

    @TempDir
    Path dir;

    /** One mutated bundle. */
    private record Mutation(String kind, byte[] bundle) {
    }

    /** How one mutation fared in the child. */
    private record Outcome(String status, String detail) {
    }

    /** Child JVMs, each killed after 90 s if it hangs: 30 minutes is ample for the default 120 mutations. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void no_mutated_native_model_crashes_the_jvm_and_every_refusal_names_its_reason() throws Exception {
        Path root = dir.resolve("registry");
        List<Mutation> mutations = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        try (ModelRegistry registry = ModelRegistry.open(root)) {
            TrainingSpec spec = TrainingSpec.defaults().withParameter("rounds", "8");
            byte[] lgb = trainAndStore(registry, "lightgbm", spec);
            byte[] xgb = trainAndStore(registry, "xgboost", spec);
            SplittableRandom random = new SplittableRandom(SEED);
            mutations.addAll(mutate(lgb, MUTATIONS, random, NativeModelFuzzTest::mutateLightGbm));
            mutations.addAll(mutate(xgb, MUTATIONS, random, NativeModelFuzzTest::mutateXgboost));
            mutations.addAll(manifestMutations(lgb, random));
            for (Mutation m : mutations) {
                ModelVersion v = registry.versions().register("fuzz", m.bundle(),
                        ModelMetadata.of(ModelBundle.FORMAT_ID));
                refs.add(v.ref().toString());
            }
        }
        Map<Integer, Outcome> outcomes = runChildren(root, refs);

        Map<String, int[]> byKind = new TreeMap<>();
        List<String> crashes = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < mutations.size(); i++) {
            Outcome o = outcomes.get(i);
            int[] counts = byKind.computeIfAbsent(mutations.get(i).kind(), k -> new int[3]);
            switch (o.status()) {
                case "OK" -> counts[0]++;
                case "REFUSED" -> {
                    counts[1]++;
                    String message = o.detail().substring(o.detail().indexOf(' ') + 1);
                    if (message.isBlank() || message.contains(": null") || !message.contains("fuzz/")) {
                        wrong.add(i + " " + mutations.get(i).kind() + ": refusal does not name the version and reason: "
                                + o.detail());
                    }
                }
                case "CRASH" -> {
                    counts[2]++;
                    // Keep the exact bytes: trained models can differ between runs, so the seed alone may not
                    // bring the same mutation back.
                    Path kept = Path.of("target", "fuzz-crashes", i + "-" + mutations.get(i).kind().replace(' ', '_')
                            + ".bundle");
                    Files.createDirectories(kept.getParent());
                    Files.write(kept, mutations.get(i).bundle());
                    crashes.add(i + " " + mutations.get(i).kind() + " (bytes kept in " + kept.toAbsolutePath() + "): "
                            + o.detail());
                }
                default -> wrong.add(i + " " + mutations.get(i).kind() + ": " + o.status() + " " + o.detail());
            }
        }
        StringBuilder report = new StringBuilder("mutation kind: loaded / refused / crashed\n");
        byKind.forEach((k, c) -> report.append(String.format("  %-28s %4d %4d %4d%n", k, c[0], c[1], c[2])));
        System.out.println(report);
        assertThat(crashes).as("mutations that killed the child JVM\n" + report).isEmpty();
        assertThat(wrong).as("refusals outside ModelRegistryException or without a reason").isEmpty();
        assertThat(mutations).hasSizeGreaterThanOrEqualTo(2 * MUTATIONS);
    }

    private static byte[] trainAndStore(ModelRegistry registry, String trainer, TrainingSpec spec) throws IOException {
        try (TrainedModel model = registry.training().train(TrainingRequest.of(trainer,
                TrainersThroughTrainingServiceTest.synthetic(300, 11)).withSpec(spec))) {
            ModelVersion v = registry.training().register("seed-" + trainer, model);
            try (InputStream in = registry.models().openArtifact(v.ref())) {
                return in.readAllBytes();
            }
        }
    }

    private static List<Mutation> mutate(byte[] bundle, int count, SplittableRandom random,
            BiFunction<byte[], SplittableRandom, Mutation> mutator) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bundle);
        ModelBundle.readManifest(in);
        int headerLength = bundle.length - in.available();
        byte[] header = Arrays.copyOf(bundle, headerLength);
        byte[] nativePart = Arrays.copyOfRange(bundle, headerLength, bundle.length);
        List<Mutation> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mutation m = mutator.apply(nativePart, random);
            byte[] joined = Arrays.copyOf(header, header.length + m.bundle().length);
            System.arraycopy(m.bundle(), 0, joined, header.length, m.bundle().length);
            out.add(new Mutation(m.kind(), joined));
        }
        return out;
    }

    private static Mutation mutateLightGbm(byte[] model, SplittableRandom random) {
        String text = new String(model, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int kind = random.nextInt(13);
        switch (kind) {
            case 0, 1, 2 -> {
                String value = kind == 0 ? "1000000" : kind == 1 ? "0" : "-" + random.nextInt(1, 100);
                setRandom(lines, "num_leaves=", value, random);
                return lgb("lgb num_leaves=" + (kind == 0 ? "huge" : kind == 1 ? "0" : "negative"), lines);
            }
            case 3 -> {
                setRandom(lines, "num_tree_per_iteration=", "0", random);
                return lgb("lgb num_tree_per_iteration=0", lines);
            }
            case 4, 5 -> {
                int at = randomLine(lines, random.nextBoolean() ? "left_child=" : "right_child=", random);
                String[] kv = lines.get(at).split("=", 2);
                String[] values = kv[1].split(" ");
                int i = random.nextInt(values.length);
                values[i] = kind == 4 ? Integer.toString(random.nextBoolean() ? random.nextInt(values.length + 1, 1 << 20)
                        : -random.nextInt(values.length + 2, 1 << 20)) : Integer.toString(random.nextInt(i + 1));
                lines.set(at, kv[0] + "=" + String.join(" ", values));
                return lgb(kind == 4 ? "lgb child out of range" : "lgb child cycle", lines);
            }
            case 6, 7 -> {
                String[] arrays = {"split_feature=", "threshold=", "leaf_value=", "left_child=", "leaf_count=",
                    "internal_value=", "decision_type=", "split_gain="};
                int at = randomLine(lines, arrays[random.nextInt(arrays.length)], random);
                String line = lines.get(at);
                lines.set(at, kind == 6 ? (line.contains(" ") ? line.substring(0, line.lastIndexOf(' ')) : line + "")
                        : line + " " + random.nextInt(5));
                return lgb(kind == 6 ? "lgb array shortened" : "lgb array lengthened", lines);
            }
            case 8 -> {
                String[] counts = {"max_feature_idx=", "num_class=", "num_cat=", "label_index=", "tree_sizes="};
                String key = counts[random.nextInt(counts.length)];
                int at = randomLine(lines, key, random);
                String[] values = lines.get(at).substring(key.length()).split(" ");
                values[random.nextInt(values.length)] = Integer.toString(random.nextInt(-5, 5000));
                lines.set(at, key + String.join(" ", values));
                return lgb("lgb count changed", lines);
            }
            case 9 -> {
                int keep = random.nextInt(lines.size());
                return lgb("lgb cut at a line", lines.subList(0, keep));
            }
            case 10 -> {
                return new Mutation("lgb byte flips", flip(model, random, random.nextInt(1, 4)));
            }
            case 11 -> {
                return new Mutation("lgb truncated", Arrays.copyOf(model, random.nextInt(model.length)));
            }
            default -> {
                int at = randomLine(lines, "Tree=", random);
                lines.remove(at + 1 + random.nextInt(16));
                return lgb("lgb tree line removed", lines);
            }
        }
    }

    private static Mutation lgb(String kind, List<String> lines) {
        return new Mutation(kind, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static void setRandom(List<String> lines, String prefix, String value, SplittableRandom random) {
        lines.set(randomLine(lines, prefix, random), prefix + value);
    }

    private static int randomLine(List<String> lines, String prefix, SplittableRandom random) {
        int[] hits = Stream.iterate(0, i -> i + 1).limit(lines.size()).filter(i -> lines.get(i).startsWith(prefix))
                .mapToInt(Integer::intValue).toArray();
        return hits[random.nextInt(hits.length)];
    }

    private static Mutation mutateXgboost(byte[] model, SplittableRandom random) {
        byte[] out = model.clone();
        ByteBuffer buffer = ByteBuffer.wrap(out);
        int kind = random.nextInt(10);
        switch (kind) {
            case 0 -> {
                return new Mutation("xgb single byte flip", flip(model, random, 1));
            }
            case 1 -> {
                return new Mutation("xgb truncated", Arrays.copyOf(model, random.nextInt(model.length)));
            }
            case 2 -> {
                int at = randomOccurrence(out, "#L", random) + 2;
                buffer.putLong(at, random.nextBoolean() ? buffer.getLong(at) + random.nextInt(-3, 4)
                        : random.nextLong());
                return new Mutation("xgb count changed", out);
            }
            case 3 -> {
                int at = randomOccurrence(out, "[$", random) + 2;
                out[at] = (byte) "iUIlLdDSZT".charAt(random.nextInt(10));
                return new Mutation("xgb type swapped", out);
            }
            case 4, 5, 8 -> {
                String key = kind == 4 ? (random.nextBoolean() ? "left_children" : "right_children")
                        : kind == 5 ? "parents" : "split_indices";
                int start = randomOccurrence(out, key, random) + key.length();
                int n = (int) buffer.getLong(start + 5);
                if (n > 0) {
                    int value = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(n, 1 << 20);
                        case 1 -> -random.nextInt(2, 1 << 20);
                        case 2 -> 0;
                        default -> random.nextInt(n);
                    };
                    buffer.putInt(start + 13 + 4 * random.nextInt(n), value);
                }
                return new Mutation(kind == 4 ? "xgb child out of range/cycle" : kind == 5 ? "xgb parent changed"
                        : "xgb split index changed", out);
            }
            case 6 -> {
                int at = randomOccurrence(out, "SL", random) + 2;
                buffer.putLong(at, buffer.getLong(at) + random.nextInt(-2, 3) * (random.nextBoolean() ? 1 : 1_000_000));
                return new Mutation("xgb string length changed", out);
            }
            case 7 -> {
                String[] keys = {"num_nodes", "num_trees", "num_feature", "num_parallel_tree", "num_class", "num_target"};
                String key = keys[random.nextInt(keys.length)];
                int at = randomOccurrence(out, key, random) + key.length() + 10;
                out[at] = (byte) "0123456789".charAt(random.nextInt(10));
                return new Mutation("xgb param digit changed", out);
            }
            default -> {
                return new Mutation("xgb byte flips", flip(model, random, random.nextInt(2, 8)));
            }
        }
    }

    private static int randomOccurrence(byte[] haystack, String needle, SplittableRandom random) {
        String s = new String(haystack, StandardCharsets.ISO_8859_1);
        List<Integer> hits = new ArrayList<>();
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            hits.add(i);
        }
        return hits.get(random.nextInt(hits.size()));
    }

    private static byte[] flip(byte[] model, SplittableRandom random, int flips) {
        byte[] out = model.clone();
        for (int i = 0; i < flips; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    /** Manifests out of bounds or cut short, including the featureCount that made Tribuo run out of memory. */
    private static List<Mutation> manifestMutations(byte[] lgbBundle, SplittableRandom random) throws IOException {
        List<Mutation> out = new ArrayList<>();
        ModelBundle.Manifest real = ModelBundle.readManifest(new ByteArrayInputStream(lgbBundle));
        for (int width : new int[] {20_000_000, Integer.MAX_VALUE, 0, -1}) {
            for (String trainer : new String[] {"tribuo-linear", "lightgbm"}) {
                ByteArrayOutputStream bundle = new ByteArrayOutputStream();
                ModelBundle.write(bundle, new ModelBundle.Manifest(1, trainer, real.trainerModule(),
                        real.nativeFormatId(), real.libraryVersion(), width, real.preprocessing()),
                        o -> o.write(new byte[] {1, 2, 3}));
                out.add(new Mutation("bundle featureCount out of bounds", bundle.toByteArray()));
            }
        }
        for (int i = 0; i < 10; i++) {
            out.add(new Mutation("bundle truncated", Arrays.copyOf(lgbBundle, random.nextInt(lgbBundle.length))));
        }
        return out;
    }

    /** Loads every ref in child JVMs; a child that dies is replaced, starting after the mutation that killed it. */
    private Map<Integer, Outcome> runChildren(Path root, List<String> refs) throws Exception {
        Map<Integer, Outcome> outcomes = new TreeMap<>();
        int next = 0;
        int child = 0;
        while (next < refs.size()) {
            Path errors = dir.resolve("child-" + child + ".err");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(java, "-Xmx512m", "-XX:ErrorFile=" + dir.resolve("hs_err_" + child
                    + ".log"), "-cp", System.getProperty("java.class.path"), NativeModelLoadChild.class.getName(),
                    root.toString()).redirectError(errors.toFile()).start();
            child++;
            // a corrupt tree with a cycle can make native prediction loop forever: a hung child is killed too
            Thread watchdog = new Thread(() -> {
                try {
                    if (!process.waitFor(90, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
            try (Writer w = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                for (int i = next; i < refs.size(); i++) {
                    w.write(i + " " + refs.get(i) + "\n");
                }
            } catch (IOException e) {
                // the child died before reading everything; its stdout says where
            }
            int started = -1;
            boolean done = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith("FUZZ ")) {
                        continue;
                    }
                    String[] parts = line.split(" ", 4);
                    if (parts[1].equals("DONE")) {
                        done = true;
                    } else if (parts[1].equals("START")) {
                        started = Integer.parseInt(parts[2]);
                    } else {
                        outcomes.put(Integer.parseInt(parts[2]), new Outcome(parts[1], parts.length > 3 ? parts[3] : ""));
                        next = Integer.parseInt(parts[2]) + 1;
                    }
                }
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            if (done && next >= refs.size()) {
                break;
            }
            int victim = started >= next ? started : next;
            boolean hsErr = Files.exists(dir.resolve("hs_err_" + (child - 1) + ".log"));
            outcomes.put(victim, new Outcome("CRASH", "child exited with " + process.exitValue()
                    + (hsErr ? " and wrote an hs_err file" : "") + "; stderr tail: " + tail(errors)));
            next = victim + 1;
        }
        return outcomes;
    }

    private static String tail(Path file) throws IOException {
        // native crash reports are not always valid UTF-8; decoding replaces what is not
        String s = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        return s.length() > 300 ? s.substring(s.length() - 300) : s;
    }
}
