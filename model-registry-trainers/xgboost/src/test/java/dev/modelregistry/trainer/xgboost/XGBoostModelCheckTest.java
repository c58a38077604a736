package dev.modelregistry.trainer.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.api.InvalidArtifactException;
import dev.modelregistry.api.training.NativeModel;
import dev.modelregistry.api.training.Task;
import dev.modelregistry.api.training.TrainingContext;
import dev.modelregistry.api.training.TrainingInput;
import dev.modelregistry.api.training.TrainingSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The xgboost model checker accepts what xgboost writes and refuses each kind of corruption by name. */
class XGBoostModelCheckTest {
    private static byte[] regression;
    private static byte[] binary;
    private static byte[] json;

    @BeforeAll
    static void train() throws Exception {
        XGBoostTrainer trainer = new XGBoostTrainer();
        TrainingSpec spec = TrainingSpec.defaults().withParameter("rounds", "5");
        try (NativeModel model = trainer.train(TrainingInput.of(trainer, spec, SyntheticData.linear(1, 300), Optional.empty(),
                TrainingContext.NONE))) {
            regression = bytes(model);
            json = ((XGBoostNativeModel) model).booster().toByteArray("json");
        }
        try (NativeModel model = trainer.train(TrainingInput.of(trainer, spec.withTask(Task.BINARY_CLASSIFICATION),
                SyntheticData.separable(2, 300), Optional.empty(), TrainingContext.NONE))) {
            binary = bytes(model);
        }
    }

    @Test
    void real_models_pass_in_both_formats_and_load() throws IOException {
        int width = XGBoostModelCheck.check(regression);
        assertThat(XGBoostModelCheck.check(binary)).isEqualTo(width);
        assertThat(XGBoostModelCheck.check(json)).isEqualTo(width);
        try (NativeModel model = new XGBoostTrainer().read(new ByteArrayInputStream(regression), width)) {
            assertThat(model.predict(new double[width])).isFinite();
        }
    }

    @Test
    void children_out_of_range_or_shared_are_refused() {
        refused(setInt(regression, "left_children", 0, 99), "tree 0 left_children[0]=99 is out of range 1..");
        refused(setInt(regression, "left_children", 0, -7), "tree 0 left_children[0]=-7 is out of range");
        refused(setInt(regression, "left_children", 0, -1), "tree 0 node 0 has left child -1");
        int left = getInt(regression, "left_children", 0);
        refused(setInt(regression, "right_children", 0, left), "already reached (cycle or shared node)");
        refused(setInt(regression, "parents", left, 5), "tree 0 parents[" + left + "]=5");
        refused(setInt(regression, "split_indices", 0, 1000), "tree 0 split_indices[0]=1000 is out of range");
    }

    @Test
    void counts_and_types_that_disagree_are_refused() {
        byte[] nodes = regression.clone();
        int at = indexOf(nodes, "num_nodes") + "num_nodes".length() + 10; // S, L, 8-byte length, first digit
        nodes[at] = '9';
        refused(nodes, "entries; num_nodes is 9");
        byte[] swapped = regression.clone();
        swapped[indexOf(swapped, "base_weights") + "base_weights".length() + 2] = 'l';
        refused(swapped, "base_weights is not a typed array of float32");
        byte[] booster = regression.clone();
        booster[indexOf(booster, "gbtree\"") >= 0 ? 0 : lastIndexOf(booster, "gbtree") + 4] = 'X';
        refused(booster, "gradient_booster 'gbtrXe' is not read");
        byte[] count = regression.clone();
        int arrayStart = indexOf(count, "loss_changes") + "loss_changes".length() + 5;
        ByteBuffer.wrap(count).putLong(arrayStart, Long.MAX_VALUE / 8);
        refused(count, "container count 1152921504606846975 is out of range");
        ByteBuffer.wrap(count).putLong(arrayStart, 1_000_000);
        refused(count, "truncated: typed array of 1000000 elements");
    }

    @Test
    void truncations_and_trailing_bytes_are_refused() {
        for (int cut = 0; cut < regression.length; cut += 7) {
            byte[] part = Arrays.copyOf(regression, cut);
            assertThatThrownBy(() -> XGBoostModelCheck.check(part)).as("cut at %d", cut)
                    .isInstanceOf(InvalidArtifactException.class).hasMessageStartingWith("xgboost");
        }
        refused(Arrays.copyOf(regression, regression.length + 1), "1 bytes after the end of the document");
    }

    @Test
    void json_with_duplicate_keys_or_other_boosters_is_refused() {
        String text = new String(json, StandardCharsets.UTF_8);
        refused(text.replace("\"gbtree\"", "\"gblinear\"").getBytes(StandardCharsets.UTF_8),
                "gradient_booster 'gblinear' is not read");
        refused(text.replaceFirst("\\{", "{\"learner\":{},").getBytes(StandardCharsets.UTF_8), "not valid JSON");
    }

    private static void refused(byte[] model, String message) {
        assertThatThrownBy(() -> XGBoostModelCheck.check(model)).isInstanceOf(InvalidArtifactException.class)
                .hasMessageStartingWith("xgboost").hasMessageContaining(message);
    }

    /** The typed int32 array under the first {@code key}: '[', '$', 'l', '#', 'L', 8-byte count, then values. */
    private static int elementOffset(byte[] model, String key, int index) {
        return indexOf(model, key) + key.length() + 13 + 4 * index;
    }

    private static int getInt(byte[] model, String key, int index) {
        return ByteBuffer.wrap(model).getInt(elementOffset(model, key, index));
    }

    private static byte[] setInt(byte[] model, String key, int index, int value) {
        byte[] out = model.clone();
        ByteBuffer.wrap(out).putInt(elementOffset(out, key, index), value);
        return out;
    }

    private static int indexOf(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
    }

    private static int lastIndexOf(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).lastIndexOf(needle);
    }

    private static byte[] bytes(NativeModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }
}
