package dev.modelregistry.core.training;

import dev.modelregistry.api.ModelRef;
import dev.modelregistry.api.ModelRegistryException;
import dev.modelregistry.api.training.service.TrainedModel;
import dev.modelregistry.core.ModelRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child JVM for {@link NativeModelFuzzTest}: opens the registry named by its argument, reads model refs
 * from stdin one a line, and for each loads it through {@code registry.models().load}, predicts one row
 * and reports on stdout, before the next, a line {@code FUZZ START i}, then {@code FUZZ OK i},
 * {@code FUZZ REFUSED i <class> <message>} or {@code FUZZ WRONG i <class> <message>} (a failure outside
 * {@link ModelRegistryException}). A line {@code FUZZ START i} with no outcome means native code killed
 * this JVM on mutation {@code i}.
 */
public final class NativeModelLoadChild {
    private NativeModelLoadChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the registry root
     * @throws Exception if stdin cannot be read
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (ModelRegistry registry = ModelRegistry.open(Path.of(args[0]))) {
            String line;
            while ((line = in.readLine()) != null && !line.isBlank()) {
                int space = line.indexOf(' ');
                String index = line.substring(0, space);
                ModelRef ref = ModelRef.parse(line.substring(space + 1));
                out.println("FUZZ START " + index);
                try {
                    TrainedModel model = registry.models().load(ref).unwrap(TrainedModel.class);
                    double[] row = new double[model.featureNames().size()];
                    double p = model.predict(row);
                    model.predictBatch(new double[][] {row, row});
                    out.println("FUZZ OK " + index + " " + p);
                } catch (ModelRegistryException e) {
                    out.println("FUZZ REFUSED " + index + " " + e.getClass().getName() + " " + oneLine(e.getMessage()));
                } catch (Throwable e) {
                    out.println("FUZZ WRONG " + index + " " + e.getClass().getName() + " " + oneLine(e.getMessage()));
                }
            }
        }
        out.println("FUZZ DONE");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
