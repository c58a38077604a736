package dev.modelregistry.trainer.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.training.Dataset;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LightGBM text checker accepts what LightGBM writes and refuses each kind of corruption by name. */
class LightGbmModelTextTest {
    private static String regression;
    private static String binary;

    @BeforeAll
    static void train() throws IOException {
        regression = train(TrainingSpec.defaults(), false);
        binary = train(TrainingSpec.defaults().withTask(Task.BINARY_CLASSIFICATION), true);
    }

    @Test
    void real_models_pass_and_load() throws IOException {
        assertThatCode(() -> LightGbmModelText.validate(regression)).doesNotThrowAnyException();
        assertThatCode(() -> LightGbmModelText.validate(binary)).doesNotThrowAnyException();
        try (NativeModel model = new LightGbmTrainer().read(
                new ByteArrayInputStream(regression.getBytes(StandardCharsets.UTF_8)), 3)) {
            assertThat(model.predict(new double[] {0.1, 0.2, 0.3})).isFinite();
        }
    }

    @Test
    void zero_trees_per_iteration_is_refused() {
        refused(regression.replace("num_tree_per_iteration=1", "num_tree_per_iteration=0"),
                "num_tree_per_iteration=0 is out of range 1..");
    }

    @Test
    void huge_zero_and_negative_leaf_counts_are_refused() {
        refused(firstTree(regression, "num_leaves=", "1000000"), "Tree=0 num_leaves=1000000 is out of range 1..131072");
        refused(firstTree(regression, "num_leaves=", "0"), "Tree=0 num_leaves=0 is out of range");
        refused(firstTree(regression, "num_leaves=", "-3"), "Tree=0 num_leaves=-3 is out of range");
    }

    @Test
    void child_indexes_out_of_range_or_cyclic_are_refused() {
        String line = lineOf(regression, "left_child=");
        String[] children = line.substring("left_child=".length()).split(" ");
        String outOfRange = "left_child=" + (children.length + 5) + line.substring(line.indexOf(' '));
        refused(regression.replaceFirst(line, outOfRange), "Tree=0 left_child[0]=" + (children.length + 5)
                + " is out of range");
        // the root as its own child: a cycle LightGBM would follow forever
        String cycle = "left_child=0" + line.substring(line.indexOf(' '));
        refused(regression.replaceFirst(line, cycle), "reaches node 0 a second time");
        String leaf = "left_child=-100000" + line.substring(line.indexOf(' '));
        refused(regression.replaceFirst(line, leaf), "left_child[0]=-100000 is out of range");
    }

    @Test
    void arrays_of_the_wrong_length_are_refused() {
        String line = lineOf(regression, "leaf_value=");
        refused(regression.replaceFirst(line, line.substring(0, line.lastIndexOf(' '))),
                "Tree=0 leaf_value has");
        refused(regression.replaceFirst(line, line + " 1.5"), "Tree=0 leaf_value has");
        String split = lineOf(regression, "split_feature=");
        refused(regression.replaceFirst(split, "split_feature=7" + split.substring(split.indexOf(' '))),
                "split_feature[0]=7 is out of range 0..2");
    }

    @Test
    void text_cut_anywhere_is_refused() {
        String[] lines = regression.split("\n", -1);
        int treesEnd = List.of(lines).indexOf("end of trees");
        for (int cut = 0; cut <= treesEnd; cut++) {
            String text = String.join("\n", List.of(lines).subList(0, cut));
            assertThatThrownBy(() -> LightGbmModelText.validate(text)).as("cut after %d lines", cut)
                    .isInstanceOf(InvalidArtifactException.class).hasMessageStartingWith("LightGBM model text: ");
        }
    }

    @Test
    void tree_sizes_must_match_the_blocks() {
        String line = lineOf(regression, "tree_sizes=");
        String[] sizes = line.substring("tree_sizes=".length()).split(" ");
        sizes[0] = Integer.toString(Integer.parseInt(sizes[0]) + 1000);
        refused(regression.replaceFirst(line, "tree_sizes=" + String.join(" ", sizes)), "tree_sizes[0]=");
        refused(regression.replaceFirst(line, "tree_sizes=" + sizes[1]), "tree_sizes lists 1 trees");
    }

    @Test
    void other_corruptions_are_refused_by_name() {
        refused(regression.replace("objective=regression", "objective=multiclass num_class:3"), "objective");
        refused(regression.replace("max_feature_idx=2", "max_feature_idx=5"), "feature_names has 3 values");
        refused(regression.replace("end of trees", "end of tree"), "expected 'Tree=");
        String threshold = lineOf(regression, "threshold=");
        refused(regression.replaceFirst(threshold, "threshold=nan" + threshold.substring(threshold.indexOf(' '))),
                "threshold[0]='nan' is not a decimal number");
        refused(firstTree(regression, "shrinkage=", "1e999"), "is not finite");
        refused(firstTree(regression, "is_linear=", "1"), "linear tree");
        refused(firstTree(regression, "num_cat=", "1"), "num_cat=1");
        refused(regression.replace("\nTree=1\n", "\nTree=7\n"), "expected 'Tree=1'");
        refused(regression.replace("version=v4", "version=v4\nversion=v4"), "appears twice");
        refused(regression.replaceFirst("\n", "\u0000\n"), "U+0000");
        refused("", "the first line must be 'tree'");
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> LightGbmModelText.validate(text)).isInstanceOf(InvalidArtifactException.class)
                .hasMessageStartingWith("LightGBM model text: ").hasMessageContaining(message);
    }

    private static String lineOf(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** The text with the first tree's {@code key} set to {@code value}. */
    private static String firstTree(String text, String key, String value) {
        return text.replaceFirst("\n" + java.util.regex.Pattern.quote(lineOf(text, key)) + "\n",
                java.util.regex.Matcher.quoteReplacement("\n" + key + value + "\n"));
    }

    private static String train(TrainingSpec spec, boolean binaryLabels) throws IOException {
        Random rnd = new Random(3);
        double[][] rows = new double[400][];
        double[] labels = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1};
            double y = 3 * rows[i][0] - 2 * rows[i][1] + 0.1 * rnd.nextGaussian();
            labels[i] = binaryLabels ? (y > 0 ? 1 : 0) : y;
        }
        Dataset data = Dataset.of(List.of("x0", "x1", "x2"), rows, labels);
        LightGbmTrainer trainer = new LightGbmTrainer();
        try (NativeModel model = trainer.train(TrainingInput.of(trainer, spec.withParameter("rounds", "20"),
                data, Optional.empty(), TrainingContext.NONE))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.write(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
