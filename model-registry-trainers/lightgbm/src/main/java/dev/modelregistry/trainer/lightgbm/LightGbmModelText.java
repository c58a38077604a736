package dev.modelregistry.trainer.lightgbm;

import dev.modelregistry.api.InvalidArtifactException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict checker of LightGBM model text, run before the text reaches LightGBM's native loader.
 *
 * <p>LightGBM 4.3's loader ({@code GBDT::LoadModelFromString}, {@code Tree::Tree(const char*)}) trusts
 * its input: it divides by {@code num_tree_per_iteration}, sizes arrays from {@code num_leaves} without
 * checking the numbers that follow, follows {@code tree_sizes} as byte offsets, scans for {@code '='}
 * past the end of a cut text, and walks child indexes at prediction time without bounds. Any of these
 * kills the JVM. This class accepts only text it understands completely, in the layout LightGBM
 * itself writes, and refuses everything else with an {@link InvalidArtifactException} naming the
 * first problem; it never guesses. It runs in time linear in the text and allocates nothing sized
 * by a number from the text before that number is bounded.
 */
final class LightGbmModelText {
    /** The most leaves a tree may have; LightGBM's own limit on {@code num_leaves} is 131072. */
    static final int MAX_LEAVES = 131_072;
    /** The most features a model may have; matches the bundle manifest's bound. */
    static final int MAX_FEATURES = 1_000_000;
    /** The most trees a model may have. */
    static final int MAX_TREES = 1_000_000;
    /** The most classes (and trees per iteration) a model may have. */
    static final int MAX_CLASSES = 10_000;
    /** LightGBM's Tree parser reads at most this many key lines per tree. */
    private static final int MAX_TREE_LINES = 22;

    private static final String PREFIX = "LightGBM model text: ";
    private static final Set<String> HEADER_KEYS = Set.of("version", "num_class", "num_tree_per_iteration",
            "label_index", "max_feature_idx", "objective", "average_output", "feature_names", "feature_infos",
            "monotone_constraints", "tree_sizes");
    private static final List<String> TREE_KEYS = List.of("num_leaves", "num_cat", "split_feature", "split_gain",
            "threshold", "decision_type", "left_child", "right_child", "leaf_value", "leaf_weight", "leaf_count",
            "internal_value", "internal_weight", "internal_count", "is_linear", "shrinkage");
    private static final Set<String> VERSIONS = Set.of("v2", "v3", "v4");
    /** decision_type bits: 1 categorical, 2 default left, 4..12 missing type (0 none, 1 zero, 2 NaN). */
    private static final int CATEGORICAL_MASK = 1;

    private final String text;
    private int pos;
    private int lineNumber;

    private LightGbmModelText(String text) {
        this.text = text;
    }

    /**
     * Checks LightGBM model text.
     *
     * @param text the text LightGBM would load
     * @throws InvalidArtifactException naming the first problem found
     */
    static void validate(String text) {
        if (text == null) {
            throw fail("no text");
        }
        new LightGbmModelText(text).check();
    }

    private void check() {
        checkCharacters();
        String first = nextLine();
        if (!"tree".equals(first)) {
            throw fail("the first line must be 'tree', not " + quote(first));
        }
        Header header = readHeader();
        int trees = 0;
        long[] sizes = header.treeSizes;
        while (true) {
            int lineStart = pos;
            String line = nextLine();
            if (line == null) {
                throw fail("the text ends after " + trees + " trees without 'end of trees' (truncated?)");
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("end of trees")) {
                if (sizes != null && trees < sizes.length) {
                    throw fail("tree_sizes lists " + sizes.length + " trees, the text has " + trees);
                }
                checkBlockSize(sizes, trees - 1, lineStart);
                break;
            }
            if (!line.equals("Tree=" + trees)) {
                throw fail("line " + lineNumber + ": expected 'Tree=" + trees + "' or 'end of trees', found "
                        + quote(line));
            }
            if (trees >= MAX_TREES) {
                throw fail("more than " + MAX_TREES + " trees");
            }
            if (sizes != null && trees >= sizes.length) {
                throw fail("tree_sizes lists " + sizes.length + " trees, the text has more");
            }
            if (trees > 0) {
                checkBlockSize(sizes, trees - 1, lineStart);
            }
            blockStart = lineStart;
            readTree(trees, header);
            trees++;
        }
        if (trees == 0) {
            throw fail("the model has no trees");
        }
        if (trees % header.treesPerIteration != 0) {
            throw fail(trees + " trees is not a multiple of num_tree_per_iteration=" + header.treesPerIteration);
        }
        readTrailer();
    }

    /** Byte offset (in UTF-8) of the current tree block's first line, to check tree_sizes. */
    private int blockStart;

    private void checkBlockSize(long[] sizes, int tree, int nextBlockStart) {
        if (sizes == null || tree < 0) {
            return;
        }
        long actual = utf8Length(blockStart, nextBlockStart);
        if (sizes[tree] != actual) {
            throw fail("tree_sizes[" + tree + "]=" + sizes[tree] + " but Tree=" + tree + " is " + actual
                    + " bytes long");
        }
    }

    private long utf8Length(int from, int to) {
        // checkCharacters refused surrogates, so a char is 1..3 UTF-8 bytes and Java's modified UTF-8 (what
        // the JNI layer hands LightGBM) agrees with standard UTF-8 byte for byte.
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }

    private void checkCharacters() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // NUL ends the C string early; '\r' changes what LightGBM counts as a line; surrogates change the
            // byte lengths tree_sizes describes. LightGBM never writes any of them.
            if ((c < 0x20 && c != '\n') || c == 0x7f || Character.isSurrogate(c)) {
                throw fail("character U+" + String.format("%04X", (int) c) + " at offset " + i
                        + " is not allowed");
            }
        }
    }

    /** The header fields that later checks need. */
    private static final class Header {
        int numClass;
        int treesPerIteration;
        int maxFeatureIdx;
        long[] treeSizes;
    }

    private Header readHeader() {
        Map<String, String> fields = new HashMap<>();
        while (true) {
            int lineStart = pos;
            String line = nextLine();
            if (line == null) {
                throw fail("the text ends inside the header (truncated?)");
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("Tree=") || line.equals("end of trees")) {
                pos = lineStart; // the tree loop reads it again
                lineNumber--;
                break;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            String value = eq < 0 ? "" : line.substring(eq + 1);
            if (!HEADER_KEYS.contains(key)) {
                throw fail("line " + lineNumber + ": unknown header field " + quote(key));
            }
            if (value.indexOf('=') >= 0 && !key.equals("feature_names")) {
                throw fail("line " + lineNumber + ": header field '" + key + "' has more than one '='");
            }
            if (fields.put(key, value) != null) {
                throw fail("header field '" + key + "' appears twice");
            }
        }
        Header h = new Header();
        String version = required(fields, "version");
        if (!VERSIONS.contains(version)) {
            throw fail("version=" + quote(version) + " is not one of " + VERSIONS);
        }
        h.numClass = boundedInt(required(fields, "num_class"), "num_class", 1, MAX_CLASSES);
        h.treesPerIteration = boundedInt(required(fields, "num_tree_per_iteration"), "num_tree_per_iteration", 1,
                MAX_CLASSES);
        boundedInt(required(fields, "label_index"), "label_index", 0, Integer.MAX_VALUE);
        h.maxFeatureIdx = boundedInt(required(fields, "max_feature_idx"), "max_feature_idx", 0, MAX_FEATURES - 1);
        if (fields.containsKey("average_output") && !fields.get("average_output").isEmpty()) {
            throw fail("average_output takes no value");
        }
        checkObjective(required(fields, "objective"), h);
        int width = h.maxFeatureIdx + 1;
        String[] names = tokens(required(fields, "feature_names"), "feature_names", width);
        for (String name : names) {
            if (name.isEmpty()) {
                throw fail("feature_names has an empty name");
            }
        }
        String[] infos = tokens(required(fields, "feature_infos"), "feature_infos", width);
        for (int i = 0; i < infos.length; i++) {
            checkFeatureInfo(infos[i], i);
        }
        if (fields.containsKey("monotone_constraints")) {
            String[] monotone = tokens(fields.get("monotone_constraints"), "monotone_constraints", width);
            for (int i = 0; i < monotone.length; i++) {
                boundedInt(monotone[i], "monotone_constraints[" + i + "]", -1, 1);
            }
        }
        if (fields.containsKey("tree_sizes")) {
            String sizes = fields.get("tree_sizes");
            int count = countTokens(sizes, "tree_sizes");
            if (count < 1 || count > MAX_TREES) {
                throw fail("tree_sizes lists " + count + " trees; expected 1.." + MAX_TREES);
            }
            h.treeSizes = new long[count];
            String[] parts = tokens(sizes, "tree_sizes", count);
            for (int i = 0; i < count; i++) {
                h.treeSizes[i] = boundedInt(parts[i], "tree_sizes[" + i + "]", 1, Integer.MAX_VALUE);
            }
        }
        return h;
    }

    private static void checkObjective(String objective, Header h) {
        // LightGBM builds the objective from this string; only the objectives this library trains are
        // accepted, in the form LightGBM writes them, so no other objective's parameters reach native code.
        boolean known = objective.equals("regression") || objective.equals("regression sqrt");
        if (objective.startsWith("binary sigmoid:")) {
            double sigmoid = finiteDouble(objective.substring("binary sigmoid:".length()), "objective sigmoid");
            if (!(sigmoid > 0)) {
                throw fail("objective sigmoid must be positive, got " + sigmoid);
            }
            known = true;
        }
        if (!known) {
            throw fail("objective " + quote(objective) + " is not one this library reads (regression, binary)");
        }
        if (h.numClass != 1 || h.treesPerIteration != 1) {
            throw fail("objective '" + objective + "' needs num_class=1 and num_tree_per_iteration=1, got "
                    + h.numClass + " and " + h.treesPerIteration);
        }
    }

    private static void checkFeatureInfo(String info, int i) {
        if (info.equals("none")) {
            return;
        }
        if (info.startsWith("[") && info.endsWith("]")) {
            int colon = info.indexOf(':');
            if (colon > 0 && colon == info.lastIndexOf(':')) {
                finiteDouble(info.substring(1, colon), "feature_infos[" + i + "] minimum");
                finiteDouble(info.substring(colon + 1, info.length() - 1), "feature_infos[" + i + "] maximum");
                return;
            }
        } else if (!info.isEmpty()) {
            // categorical: the category values separated by ':'
            for (String category : info.split(":", -1)) {
                boundedInt(category, "feature_infos[" + i + "] category", Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            return;
        }
        throw fail("feature_infos[" + i + "]=" + quote(info) + " is not 'none', '[min:max]' or categories");
    }

    private void readTree(int index, Header header) {
        String where = "Tree=" + index + " ";
        Map<String, String> fields = new HashMap<>();
        int lines = 0;
        while (true) {
            String line = nextLine();
            if (line == null) {
                throw fail(where + "is cut off (truncated?)");
            }
            if (line.isEmpty()) {
                break;
            }
            if (++lines > MAX_TREE_LINES) {
                throw fail(where + "has more than " + MAX_TREE_LINES + " lines");
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw fail(where + "line " + lineNumber + " is not 'key=value': " + quote(line));
            }
            String key = line.substring(0, eq);
            if (fields.put(key, line.substring(eq + 1)) != null) {
                throw fail(where + "has '" + key + "' twice");
            }
        }
        for (String key : TREE_KEYS) {
            if (!fields.containsKey(key)) {
                throw fail(where + "has no " + key);
            }
        }
        int leaves = boundedInt(fields.get("num_leaves"), where + "num_leaves", 1, MAX_LEAVES);
        int internal = leaves - 1;
        int numCat = boundedInt(fields.get("num_cat"), where + "num_cat", 0, internal);
        Set<String> expected = new HashSet<>(TREE_KEYS);
        if (numCat > 0) {
            expected.add("cat_boundaries");
            expected.add("cat_threshold");
        }
        for (String key : expected) {
            if (!fields.containsKey(key)) {
                throw fail(where + "has no " + key + " (num_cat=" + numCat + ")");
            }
        }
        for (String key : fields.keySet()) {
            if (!expected.contains(key)) {
                throw fail(where + "has unexpected field " + quote(key)
                        + (key.startsWith("cat_") ? " (num_cat=" + numCat + ")" : ""));
            }
        }
        if (boundedInt(fields.get("is_linear"), where + "is_linear", 0, 1) != 0) {
            throw fail(where + "is a linear tree, which this library does not read");
        }
        finiteDouble(fields.get("shrinkage"), where + "shrinkage");

        int[] split = ints(fields.get("split_feature"), where + "split_feature", internal, 0, header.maxFeatureIdx);
        int[] decision = ints(fields.get("decision_type"), where + "decision_type", internal, 0, 11);
        int[] left = ints(fields.get("left_child"), where + "left_child", internal, -leaves, internal - 1);
        int[] right = ints(fields.get("right_child"), where + "right_child", internal, -leaves, internal - 1);
        double[] threshold = doubles(fields.get("threshold"), where + "threshold", internal, numCat > 0);
        doubles(fields.get("split_gain"), where + "split_gain", internal, false);
        doubles(fields.get("internal_value"), where + "internal_value", internal, false);
        doubles(fields.get("internal_weight"), where + "internal_weight", internal, false);
        ints(fields.get("internal_count"), where + "internal_count", internal, 0, Integer.MAX_VALUE);
        doubles(fields.get("leaf_value"), where + "leaf_value", leaves, false);
        doubles(fields.get("leaf_weight"), where + "leaf_weight", leaves, false);
        ints(fields.get("leaf_count"), where + "leaf_count", leaves, 0, Integer.MAX_VALUE);
        for (int i = 0; i < internal; i++) {
            if (((decision[i] >> 2) & 3) == 3) {
                throw fail(where + "decision_type[" + i + "]=" + decision[i] + " has an unknown missing type");
            }
        }
        checkCategories(fields, where, numCat, decision, threshold);
        checkShape(where, leaves, left, right);
    }

    private static void checkCategories(Map<String, String> fields, String where, int numCat, int[] decision,
            double[] threshold) {
        int[] boundaries = null;
        if (numCat > 0) {
            boundaries = ints(fields.get("cat_boundaries"), where + "cat_boundaries", numCat + 1, 0,
                    Integer.MAX_VALUE);
            if (boundaries[0] != 0) {
                throw fail(where + "cat_boundaries[0]=" + boundaries[0] + " must be 0");
            }
            for (int i = 1; i <= numCat; i++) {
                if (boundaries[i] < boundaries[i - 1]) {
                    throw fail(where + "cat_boundaries is not non-decreasing at " + i);
                }
            }
            int words = boundaries[numCat];
            if (words > MAX_LEAVES * 64) {
                throw fail(where + "cat_boundaries ends at " + words + ", above " + (MAX_LEAVES * 64));
            }
            // cat_threshold holds unsigned 32-bit bitset words
            String catThreshold = fields.get("cat_threshold");
            int count = countTokens(catThreshold, where + "cat_threshold");
            if (count != words) {
                throw fail(where + "cat_threshold has " + count + " values; cat_boundaries says " + words);
            }
            for (String word : tokens(catThreshold, where + "cat_threshold", count)) {
                long v = parseLong(word, where + "cat_threshold");
                if (v < 0 || v > 0xFFFF_FFFFL) {
                    throw fail(where + "cat_threshold value " + v + " is not an unsigned 32-bit word");
                }
            }
        }
        for (int i = 0; i < decision.length; i++) {
            if ((decision[i] & CATEGORICAL_MASK) != 0) {
                if (numCat == 0) {
                    throw fail(where + "decision_type[" + i + "] is categorical but num_cat=0");
                }
                double t = threshold[i];
                // LightGBM casts the threshold to the index of the split's bitset in cat_boundaries
                if (t != Math.rint(t) || t < 0 || t >= numCat) {
                    throw fail(where + "categorical threshold[" + i + "]=" + t + " is not a category index 0.."
                            + (numCat - 1));
                }
            }
        }
    }

    /** Every node reached exactly once from the root: a tree, with no cycles, orphans or shared children. */
    private static void checkShape(String where, int leaves, int[] left, int[] right) {
        int internal = leaves - 1;
        if (internal == 0) {
            return;
        }
        boolean[] seenInternal = new boolean[internal];
        boolean[] seenLeaf = new boolean[leaves];
        int[] stack = new int[internal];
        int top = 0;
        stack[top++] = 0;
        seenInternal[0] = true;
        int reachedInternal = 1;
        int reachedLeaves = 0;
        while (top > 0) {
            int node = stack[--top];
            for (int side = 0; side < 2; side++) {
                int child = side == 0 ? left[node] : right[node];
                String name = (side == 0 ? "left_child[" : "right_child[") + node + "]=" + child;
                if (child >= 0) {
                    if (seenInternal[child]) {
                        throw fail(where + name + " reaches node " + child + " a second time (cycle or shared node)");
                    }
                    seenInternal[child] = true;
                    reachedInternal++;
                    stack[top++] = child;
                } else {
                    int leaf = ~child;
                    if (seenLeaf[leaf]) {
                        throw fail(where + name + " reaches leaf " + leaf + " a second time");
                    }
                    seenLeaf[leaf] = true;
                    reachedLeaves++;
                }
            }
        }
        if (reachedInternal != internal || reachedLeaves != leaves) {
            throw fail(where + "has nodes the root does not reach: " + reachedInternal + " of " + internal
                    + " internal nodes, " + reachedLeaves + " of " + leaves + " leaves");
        }
    }

    private void readTrailer() {
        // After the trees LightGBM writes feature importances and the training parameters; it keeps the
        // parameters as text only. Anything else means the text is not what LightGBM wrote.
        boolean inParameters = false;
        boolean sawParameters = false;
        boolean inImportances = false;
        String line;
        while ((line = nextLine()) != null) {
            if (inParameters) {
                if (line.equals("end of parameters")) {
                    inParameters = false;
                } else if (!line.isEmpty() && !isParameterLine(line)) {
                    throw fail("line " + lineNumber + ": not a parameter line: " + quote(line));
                }
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("feature_importances:") && !sawParameters && !inImportances) {
                inImportances = true;
            } else if (line.equals("parameters:") && !sawParameters) {
                inImportances = false;
                inParameters = true;
                sawParameters = true;
            } else if (line.startsWith("pandas_categorical:")) {
                inImportances = false;
            } else if (inImportances && line.indexOf('=') > 0) {
                finiteDouble(line.substring(line.lastIndexOf('=') + 1), "feature importance");
            } else {
                throw fail("line " + lineNumber + ": unexpected after 'end of trees': " + quote(line));
            }
        }
        if (inParameters) {
            throw fail("the parameters section has no 'end of parameters' (truncated?)");
        }
    }

    private static boolean isParameterLine(String line) {
        return line.startsWith("[") && line.endsWith("]") && line.indexOf(": ") > 0;
    }

    private String nextLine() {
        if (pos >= text.length()) {
            return null;
        }
        int end = text.indexOf('\n', pos);
        if (end < 0) {
            end = text.length();
        }
        String line = text.substring(pos, end);
        pos = end + 1;
        lineNumber++;
        return line;
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw fail("the header has no " + key);
        }
        return value;
    }

    /** Counts space-separated tokens, refusing empty ones (LightGBM's parsers do not agree on those). */
    private static int countTokens(String value, String what) {
        if (value.isEmpty()) {
            return 0;
        }
        int count = 1;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == ' ') {
                if (i == 0 || i == value.length() - 1 || value.charAt(i - 1) == ' ') {
                    throw fail(what + " has an empty value (extra space)");
                }
                count++;
            }
        }
        return count;
    }

    private static String[] tokens(String value, String what, int expected) {
        int count = countTokens(value, what);
        if (count != expected) {
            throw fail(what + " has " + count + " values; expected " + expected);
        }
        return count == 0 ? new String[0] : value.split(" ", -1);
    }

    private static int[] ints(String value, String what, int expected, int min, int max) {
        String[] parts = tokens(value, what, expected);
        int[] out = new int[expected];
        for (int i = 0; i < expected; i++) {
            out[i] = boundedInt(parts[i], what + "[" + i + "]", min, max);
        }
        return out;
    }

    private static double[] doubles(String value, String what, int expected, boolean keep) {
        String[] parts = tokens(value, what, expected);
        double[] out = keep ? new double[expected] : null;
        for (int i = 0; i < expected; i++) {
            double d = finiteDouble(parts[i], what + "[" + i + "]");
            if (keep) {
                out[i] = d;
            }
        }
        return out;
    }

    private static int boundedInt(String s, String what, int min, int max) {
        long v = parseLong(s, what);
        if (v < min || v > max) {
            throw fail(what + "=" + v + " is out of range " + min + ".." + max);
        }
        return (int) v;
    }

    private static long parseLong(String s, String what) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() - start > 18) {
            throw fail(what + "=" + quote(s) + " is not an integer");
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw fail(what + "=" + quote(s) + " is not an integer");
            }
        }
        return Long.parseLong(s);
    }

    private static double finiteDouble(String s, String what) {
        if (!isDecimal(s)) {
            throw fail(what + "=" + quote(s) + " is not a decimal number");
        }
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) {
            throw fail(what + "=" + quote(s) + " is not finite");
        }
        return d;
    }

    /** [+-]digits[.digits][e[+-]digits]: the syntax LightGBM writes and both parsers read alike. */
    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (n == 0 || n > 64) {
            return false;
        }
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static String quote(String s) {
        if (s == null) {
            return "(end of text)";
        }
        return "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
    }

    private static InvalidArtifactException fail(String message) {
        return new InvalidArtifactException(PREFIX + message);
    }
}
