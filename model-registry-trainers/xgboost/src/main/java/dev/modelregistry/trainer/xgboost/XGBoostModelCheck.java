package dev.modelregistry.trainer.xgboost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.api.InvalidArtifactException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict checker of xgboost models (UBJSON, and xgboost's JSON), run before the bytes reach
 * {@code XGBoosterLoadModelFromBuffer}.
 *
 * <p>xgboost 3.x's loader ({@code RegTree::LoadModel}, {@code GBTreeModel::LoadModel}) checks array
 * lengths against {@code num_nodes} but then trusts the values: it indexes nodes by {@code parents},
 * trees by their {@code id}, outputs by {@code tree_info}, reads {@code iteration_indptr.back()}, and at
 * prediction time follows children and split indexes without bounds. A single changed byte can
 * therefore crash the JVM. This class accepts only gradient-boosted tree models of the shape this
 * library trains (one output group, one target, numerical splits, no deleted nodes, no categorical
 * encoder) and checks every array, index and link; anything else is refused with an
 * {@link InvalidArtifactException} naming the first problem. Time and memory are linear in the input.
 */
final class XGBoostModelCheck {
    /** The most nodes one tree may have. */
    static final int MAX_NODES = 1 << 22;
    /** The most features a model may have; matches the bundle manifest's bound. */
    static final int MAX_FEATURES = 1_000_000;
    /** The most trees a model may have. */
    static final int MAX_TREES = 1_000_000;
    /** Objectives this library trains, whose configuration holds only {@code reg_loss_param}. */
    private static final Set<String> OBJECTIVES = Set.of("reg:squarederror", "binary:logistic", "reg:logistic",
            "binary:logitraw");
    private static final Set<String> TREE_KEYS = Set.of("tree_param", "id", "base_weights", "categories",
            "categories_nodes", "categories_segments", "categories_sizes", "default_left", "left_children",
            "loss_changes", "parents", "right_children", "split_conditions", "split_indices", "split_type",
            "sum_hessian");
    /** xgboost's parent of the root, the invalid node id with the is-left bit cleared. */
    private static final long ROOT_PARENT = 0x7FFF_FFFFL;

    private final String what;
    private final boolean typed;

    private XGBoostModelCheck(String what, boolean typed) {
        this.what = what;
        this.typed = typed;
    }

    /**
     * Checks a model and returns its width.
     *
     * @param bytes the model, UBJSON or JSON as xgboost writes them
     * @return the model's {@code num_feature}
     * @throws InvalidArtifactException naming the first problem found
     */
    static int check(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            throw new InvalidArtifactException("xgboost model: " + (bytes == null ? 0 : bytes.length)
                    + " bytes is too short to be a model");
        }
        // xgboost takes a buffer starting with '{' followed by '"' (after spaces) as JSON, otherwise UBJSON.
        boolean json = bytes[0] == '{' && firstNonBlank(bytes) == '"';
        if (json) {
            return new XGBoostModelCheck("xgboost JSON model", false).checkRoot(readJson(bytes));
        }
        if (bytes[0] != '{') {
            throw new InvalidArtifactException("xgboost model: the first byte is not '{', so it is neither UBJSON"
                    + " nor JSON (legacy binary models are not read)");
        }
        return new XGBoostModelCheck("xgboost UBJSON model", true).checkRoot(
                UbjsonReader.read(bytes, "xgboost UBJSON model"));
    }

    private static int firstNonBlank(byte[] bytes) {
        for (int i = 1; i < bytes.length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '\t') {
                return bytes[i];
            }
        }
        return -1;
    }

    private int checkRoot(Object root) {
        Map<String, Object> top = object(root, "the document", Set.of("learner", "version"));
        List<Object> version = list(top.get("version"), "version");
        if (version.size() != 3) {
            throw fail("version has " + version.size() + " parts; expected 3");
        }
        for (Object part : version) {
            integer(part, "version", 0, 1_000);
        }
        Map<String, Object> learner = object(top.get("learner"), "learner", Set.of("attributes", "feature_names",
                "feature_types", "gradient_booster", "learner_model_param", "objective"));
        Map<String, Object> param = object(learner.get("learner_model_param"), "learner_model_param",
                Set.of("base_score", "boost_from_average", "num_class", "num_feature", "num_target"));
        int numFeature = (int) numberString(param.get("num_feature"), "learner_model_param.num_feature", 1,
                MAX_FEATURES);
        long numClass = numberString(param.get("num_class"), "learner_model_param.num_class", 0, 1);
        long numTarget = numberString(param.get("num_target"), "learner_model_param.num_target", 1, 1);
        numberString(param.get("boost_from_average"), "learner_model_param.boost_from_average", 0, 1);
        checkBaseScore(param.get("base_score"));
        if (numClass > 1 || numTarget > 1) {
            throw fail("only single-output models are read");
        }
        Map<String, Object> attributes = object(learner.get("attributes"), "learner.attributes", null);
        attributes.forEach((k, v) -> string(v, "learner.attributes." + k));
        checkNames(learner.get("feature_names"), "learner.feature_names", numFeature);
        checkNames(learner.get("feature_types"), "learner.feature_types", numFeature);
        checkObjective(learner.get("objective"));
        checkBooster(learner.get("gradient_booster"), numFeature);
        return numFeature;
    }

    private void checkBaseScore(Object value) {
        String s = string(value, "learner_model_param.base_score").strip();
        // xgboost 3 writes a vector "[v]", older versions a bare number
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.contains(",")) {
            throw fail("learner_model_param.base_score has more than one value; only single-output models are read");
        }
        finite(s, "learner_model_param.base_score");
    }

    private void checkNames(Object value, String name, int numFeature) {
        List<Object> names = list(value, name);
        if (!names.isEmpty() && names.size() != numFeature) {
            throw fail(name + " has " + names.size() + " entries; num_feature is " + numFeature);
        }
        for (Object n : names) {
            string(n, name);
        }
    }

    private void checkObjective(Object value) {
        Map<String, Object> objective = object(value, "learner.objective", Set.of("name", "reg_loss_param"));
        String name = string(objective.get("name"), "learner.objective.name");
        if (!OBJECTIVES.contains(name)) {
            throw fail("objective '" + name + "' is not one this library reads " + OBJECTIVES);
        }
        Map<String, Object> loss = object(objective.get("reg_loss_param"), "learner.objective.reg_loss_param",
                Set.of("scale_pos_weight"));
        double weight = finite(string(loss.get("scale_pos_weight"), "scale_pos_weight"), "scale_pos_weight");
        if (!(weight > 0)) {
            throw fail("scale_pos_weight must be positive, got " + weight);
        }
    }

    private void checkBooster(Object value, int numFeature) {
        Map<String, Object> booster = object(value, "gradient_booster", Set.of("name", "model"));
        String name = string(booster.get("name"), "gradient_booster.name");
        if (!name.equals("gbtree")) {
            throw fail("gradient_booster '" + name + "' is not read; only gbtree is");
        }
        Map<String, Object> model = object(booster.get("model"), "gradient_booster.model", Set.of("cats",
                "gbtree_model_param", "iteration_indptr", "tree_info", "trees"));
        if (model.containsKey("cats")) {
            Map<String, Object> cats = object(model.get("cats"), "model.cats", Set.of("enc", "feature_segments",
                    "sorted_idx"));
            for (Map.Entry<String, Object> e : cats.entrySet()) {
                if (length(e.getValue(), "model.cats." + e.getKey()) != 0) {
                    throw fail("model.cats." + e.getKey() + " is not empty; categorical encodings are not read");
                }
            }
        }
        Map<String, Object> param = object(model.get("gbtree_model_param"), "gbtree_model_param",
                Set.of("num_parallel_tree", "num_trees"));
        int parallel = (int) numberString(param.get("num_parallel_tree"), "gbtree_model_param.num_parallel_tree", 1,
                1_000);
        int numTrees = (int) numberString(param.get("num_trees"), "gbtree_model_param.num_trees", 1, MAX_TREES);
        List<Object> trees = list(model.get("trees"), "trees");
        if (trees.size() != numTrees) {
            throw fail("trees has " + trees.size() + " entries; num_trees is " + numTrees);
        }
        List<Object> info = list(model.get("tree_info"), "tree_info");
        if (info.size() != numTrees) {
            throw fail("tree_info has " + info.size() + " entries; num_trees is " + numTrees);
        }
        for (int i = 0; i < info.size(); i++) {
            integer(info.get(i), "tree_info[" + i + "] (output group)", 0, 0);
        }
        List<Object> indptr = list(model.get("iteration_indptr"), "iteration_indptr");
        if (indptr.isEmpty() || indptr.size() > numTrees + 1) {
            throw fail("iteration_indptr has " + indptr.size() + " entries for " + numTrees + " trees");
        }
        long previous = integer(indptr.get(0), "iteration_indptr[0]", 0, 0);
        for (int i = 1; i < indptr.size(); i++) {
            long next = integer(indptr.get(i), "iteration_indptr[" + i + "]", 0, numTrees);
            if (next - previous != parallel) {
                throw fail("iteration_indptr[" + i + "]=" + next + " after " + previous + "; each iteration has "
                        + parallel + " trees");
            }
            previous = next;
        }
        if (previous != numTrees) {
            throw fail("iteration_indptr ends at " + previous + "; num_trees is " + numTrees);
        }
        for (int t = 0; t < numTrees; t++) {
            checkTree(trees.get(t), t, numFeature);
        }
    }

    private void checkTree(Object value, int index, int numFeature) {
        String where = "tree " + index + " ";
        Map<String, Object> tree = object(value, where.strip(), TREE_KEYS);
        for (String key : TREE_KEYS) {
            if (!tree.containsKey(key)) {
                throw fail(where + "has no " + key);
            }
        }
        integer(tree.get("id"), where + "id", index, index);
        Map<String, Object> param = object(tree.get("tree_param"), where + "tree_param", Set.of("num_deleted",
                "num_feature", "num_nodes", "size_leaf_vector"));
        int n = (int) numberString(param.get("num_nodes"), where + "num_nodes", 1, MAX_NODES);
        numberString(param.get("num_deleted"), where + "num_deleted", 0, 0);
        numberString(param.get("num_feature"), where + "num_feature", numFeature, numFeature);
        numberString(param.get("size_leaf_vector"), where + "size_leaf_vector", 0, 1);

        long[] left = ints(tree.get("left_children"), where + "left_children", n, 'l');
        long[] right = ints(tree.get("right_children"), where + "right_children", n, 'l');
        long[] parents = ints(tree.get("parents"), where + "parents", n, 'l');
        long[] split = ints(tree.get("split_indices"), where + "split_indices", n, 'l');
        long[] defaultLeft = ints(tree.get("default_left"), where + "default_left", n, 'U');
        long[] splitType = ints(tree.get("split_type"), where + "split_type", n, 'U');
        floats(tree.get("split_conditions"), where + "split_conditions", n);
        floats(tree.get("base_weights"), where + "base_weights", n);
        floats(tree.get("loss_changes"), where + "loss_changes", n);
        floats(tree.get("sum_hessian"), where + "sum_hessian", n);
        for (String cat : List.of("categories", "categories_nodes", "categories_segments", "categories_sizes")) {
            if (length(tree.get(cat), where + cat) != 0) {
                throw fail(where + cat + " is not empty; categorical splits are not read");
            }
        }
        for (int i = 0; i < n; i++) {
            if (defaultLeft[i] != 0 && defaultLeft[i] != 1) {
                throw fail(where + "default_left[" + i + "]=" + defaultLeft[i] + " is not 0 or 1");
            }
            if (splitType[i] != 0) {
                throw fail(where + "split_type[" + i + "]=" + splitType[i] + " is not numerical (0)");
            }
            boolean leaf = left[i] == -1;
            if (leaf != (right[i] == -1)) {
                throw fail(where + "node " + i + " has left child " + left[i] + " and right child " + right[i]
                        + "; a leaf has both -1");
            }
            if (!leaf) {
                checkRange(left[i], 1, n - 1, where + "left_children[" + i + "]");
                checkRange(right[i], 1, n - 1, where + "right_children[" + i + "]");
                checkRange(split[i], 0, numFeature - 1, where + "split_indices[" + i + "]");
            } else {
                checkRange(split[i], 0, Integer.MAX_VALUE, where + "split_indices[" + i + "]");
            }
        }
        if (parents[0] != ROOT_PARENT && parents[0] != -1) {
            throw fail(where + "parents[0]=" + parents[0] + "; the root has no parent");
        }
        // every node reached exactly once from the root, and its recorded parent is the one that reaches it
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        int reached = 1;
        while (top > 0) {
            int node = stack[--top];
            if (left[node] == -1) {
                continue;
            }
            for (long c : new long[] {left[node], right[node]}) {
                int child = (int) c;
                if (seen[child]) {
                    throw fail(where + "node " + node + " leads to node " + child
                            + ", which is already reached (cycle or shared node)");
                }
                if (parents[child] != node) {
                    throw fail(where + "parents[" + child + "]=" + parents[child] + " but node " + node
                            + " is its parent");
                }
                seen[child] = true;
                reached++;
                stack[top++] = child;
            }
        }
        if (reached != n) {
            throw fail(where + "has " + (n - reached) + " nodes the root does not reach");
        }
    }

    private void checkRange(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw fail(name + "=" + value + " is out of range " + min + ".." + max);
        }
    }

    /** An integer array of length n: typed with the given marker in UBJSON, a list of integers in JSON. */
    private long[] ints(Object value, String name, int n, char marker) {
        long[] out;
        if (typed) {
            if (!(value instanceof UbjsonReader.TypedArray a) || a.ints() == null
                    || (a.marker() != marker && !(marker == 'l' && a.marker() == 'L' && name.endsWith("indices")))) {
                throw fail(name + " is not a typed array of '" + marker + "'");
            }
            out = a.ints();
        } else {
            List<Object> list = list(value, name);
            out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = integer(list.get(i), name, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        }
        if (out.length != n) {
            throw fail(name + " has " + out.length + " entries; num_nodes is " + n);
        }
        return out;
    }

    private void floats(Object value, String name, int n) {
        int length;
        if (typed) {
            if (!(value instanceof UbjsonReader.TypedArray a) || a.marker() != 'd') {
                throw fail(name + " is not a typed array of float32 ('d')");
            }
            for (int i = 0; i < a.reals().length; i++) {
                if (!Double.isFinite(a.reals()[i])) {
                    throw fail(name + "[" + i + "]=" + a.reals()[i] + " is not finite");
                }
            }
            length = a.length();
        } else {
            List<Object> list = list(value, name);
            for (int i = 0; i < list.size(); i++) {
                Object v = list.get(i);
                double d = v instanceof Long l ? l : v instanceof Double x ? x : Double.NaN;
                if (!Double.isFinite(d)) {
                    throw fail(name + "[" + i + "] is not a finite number");
                }
            }
            length = list.size();
        }
        if (length != n) {
            throw fail(name + " has " + length + " entries; num_nodes is " + n);
        }
    }

    private int length(Object value, String name) {
        if (value instanceof UbjsonReader.TypedArray a) {
            return a.length();
        }
        return list(value, name).size();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object value, String name, Set<String> allowed) {
        if (!(value instanceof Map)) {
            throw fail(name + " is " + (value == null ? "missing" : "not an object"));
        }
        Map<String, Object> map = (Map<String, Object>) value;
        if (allowed != null) {
            for (String key : map.keySet()) {
                if (!allowed.contains(key)) {
                    throw fail(name + " has unexpected key '" + key + "'");
                }
            }
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value, String name) {
        if (!(value instanceof List)) {
            throw fail(name + " is " + (value == null ? "missing" : "not an untyped array"));
        }
        return (List<Object>) value;
    }

    private String string(Object value, String name) {
        if (!(value instanceof String s)) {
            throw fail(name + " is " + (value == null ? "missing" : "not a string"));
        }
        return s;
    }

    private long integer(Object value, String name, long min, long max) {
        if (!(value instanceof Long l)) {
            throw fail(name + " is " + (value == null ? "missing" : "not an integer"));
        }
        checkRange(l, min, max, name);
        return l;
    }

    /** xgboost stores parameters as decimal strings. */
    private long numberString(Object value, String name, long min, long max) {
        String s = string(value, name);
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw fail(name + "='" + s + "' is not a non-negative integer");
        }
        long v = Long.parseLong(s);
        checkRange(v, min, max, name);
        return v;
    }

    private double finite(String s, String name) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw fail(name + "='" + s + "' is not a number");
        }
        if (!Double.isFinite(d) || s.strip().length() != s.length()) {
            throw fail(name + "='" + s + "' is not a finite number");
        }
        return d;
    }

    private InvalidArtifactException fail(String message) {
        return new InvalidArtifactException(what + ": " + message);
    }

    private static Object readJson(byte[] bytes) {
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(UbjsonReader.MAX_DEPTH)
                        .maxNumberLength(64).maxStringLength(1 << 24).build())
                .build();
        JsonNode root;
        try {
            root = new ObjectMapper(factory).readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new InvalidArtifactException("xgboost JSON model: not valid JSON: " + e.getMessage(), e);
        }
        return plain(root);
    }

    /** The JSON tree as the plain values the UBJSON reader returns. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.put(e.getKey(), plain(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(e -> out.add(plain(e)));
            return out;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.longValue() : (Object) Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return UbjsonReader.NULL;
    }
}
