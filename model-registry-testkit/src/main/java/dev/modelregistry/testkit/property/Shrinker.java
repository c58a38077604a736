package dev.modelregistry.testkit.property;

import dev.modelregistry.testkit.property.Source.Recording;
import dev.modelregistry.testkit.property.Source.Span;
import dev.modelregistry.testkit.property.Trial.Failed;
import dev.modelregistry.testkit.property.Trial.Outcome;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shrinks a failing try by editing its recorded choices, Hypothesis-style: delete parts, zero
 * blocks, minimise single values by binary search, lower equal values together and swap
 * neighbouring parts into order. A candidate is kept only if replaying it fails with the same
 * exception class and records a sequence that is smaller (shorter, or equally long and
 * lexicographically smaller), so shrinking always terminates; the replay budget bounds its time.
 */
final class Shrinker {

    private static final int MAX_ROUNDS = 50;
    private static final int MAX_REMEMBERED = 200_000;
    private static final int MAX_GROUP = 8;

    private final Trial trial;
    private final Class<?> errorType;
    private final Set<LongBuffer> tried = new HashSet<>();
    private int budget;
    private int shrinks;
    private Recording best;
    private Throwable bestError;
    private Object bestExample;

    Shrinker(Trial trial, Throwable error, int maxReplays) {
        this.trial = trial;
        this.errorType = error.getClass();
        this.bestError = error;
        this.budget = maxReplays;
    }

    /**
     * The smallest failure found.
     *
     * @param example the counterexample
     * @param error what the check threw for it
     * @param shrinks how many smaller failures were accepted on the way
     * @param exhausted whether shrinking stopped because the replay budget ran out
     */
    record Result(Object example, Throwable error, int shrinks, boolean exhausted) {
    }

    Result shrink(Recording failing, Object example) {
        best = failing;
        bestExample = example;
        for (int round = 0; round < MAX_ROUNDS && budget > 0; round++) {
            long[] before = best.values();
            deleteSpans();
            deleteBlocks();
            zeroBlocks();
            minimiseEach();
            lowerEqualValues();
            swapNeighbours();
            if (Arrays.equals(before, best.values())) {
                break;
            }
        }
        return new Result(bestExample, bestError, shrinks, budget <= 0);
    }

    /** Deletes whole generated parts, e.g. one list element with its "one more?" choice. */
    private void deleteSpans() {
        for (int i = best.spans().size() - 1; i >= 0 && budget > 0; i--) {
            if (i < best.spans().size()) {
                Span span = best.spans().get(i);
                consider(without(best.values(), span.start(), span.end()));
            }
        }
    }

    private void deleteBlocks() {
        for (int size : new int[] {8, 4, 2, 1}) {
            for (int i = best.values().length - size; i >= 0 && budget > 0; i--) {
                if (i + size <= best.values().length) {
                    consider(without(best.values(), i, i + size));
                }
            }
        }
    }

    private void zeroBlocks() {
        for (int size : new int[] {8, 4, 2}) {
            for (int i = best.values().length - size; i >= 0 && budget > 0; i--) {
                long[] values = best.values();
                if (i + size <= values.length && !isZero(values, i, i + size)) {
                    long[] candidate = values.clone();
                    Arrays.fill(candidate, i, i + size, 0);
                    consider(candidate);
                }
            }
        }
    }

    private void minimiseEach() {
        for (int i = 0; i < best.values().length && budget > 0; i++) {
            lower(new int[] {i});
        }
    }

    /**
     * Lowers values that occur several times with the same bound together, e.g. the key of a
     * put and of a later put of the same key, which lowering one at a time cannot do.
     */
    private void lowerEqualValues() {
        Map<List<Long>, List<Integer>> groups = new LinkedHashMap<>();
        long[] values = best.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                groups.computeIfAbsent(List.of(values[i], best.maxes()[i]), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> group : groups.values()) {
            if (group.size() < 2 || group.size() > MAX_GROUP) {
                continue;
            }
            lower(group.stream().mapToInt(Integer::intValue).toArray());
            for (int a = 0; a < group.size() && budget > 0; a++) {
                for (int b = a + 1; b < group.size() && budget > 0; b++) {
                    lower(new int[] {group.get(a), group.get(b)});
                }
            }
        }
    }

    /** Moves a smaller part before an equally long larger neighbour, e.g. sorts list elements. */
    private void swapNeighbours() {
        boolean swapped = true;
        while (swapped && budget > 0) {
            swapped = false;
            Map<Integer, List<Span>> byStart = new LinkedHashMap<>();
            for (Span span : best.spans()) {
                byStart.computeIfAbsent(span.start(), k -> new ArrayList<>()).add(span);
            }
            outer:
            for (Span a : best.spans()) {
                for (Span b : byStart.getOrDefault(a.end(), List.of())) {
                    long[] values = best.values();
                    if (b.depth() == a.depth() && b.length() == a.length()
                            && Arrays.compare(values, b.start(), b.end(), values, a.start(), a.end()) < 0
                            && consider(swap(values, a, b))) {
                        swapped = true;
                        break outer;
                    }
                }
            }
        }
    }

    /** Sets the (equal) values at {@code positions} as low as still fails: first 0, then by binary search. */
    private void lower(int[] positions) {
        long current = valueAt(positions);
        if (current <= 0 || consider(with(positions, 0))) {
            return;
        }
        long low = 0; // known to pass (or be rejected)
        long high = current; // known to fail
        while (low + 1 < high && budget > 0) {
            long mid = low + (high - low) / 2;
            if (consider(with(positions, mid))) {
                high = valueAt(positions);
                if (high < 0) {
                    return; // the structure changed: the positions mean something else now
                }
            } else {
                low = mid;
            }
        }
    }

    /** The common value at {@code positions}, or -1 if they no longer hold one value. */
    private long valueAt(int[] positions) {
        long[] values = best.values();
        long value = -1;
        for (int position : positions) {
            if (position >= values.length || (value >= 0 && values[position] != value)) {
                return -1;
            }
            value = values[position];
        }
        return value;
    }

    private long[] with(int[] positions, long value) {
        long[] candidate = best.values().clone();
        for (int position : positions) {
            candidate[position] = value;
        }
        return candidate;
    }

    private boolean consider(long[] candidate) {
        if (budget <= 0 || compare(candidate, best.values()) >= 0) {
            return false;
        }
        if (tried.size() > MAX_REMEMBERED) {
            tried.clear();
        }
        if (!tried.add(LongBuffer.wrap(candidate))) {
            return false;
        }
        budget--;
        Source source = Source.replay(candidate);
        Outcome outcome;
        try {
            outcome = trial.run(source);
        } catch (RuntimeException invalid) {
            return false; // not generatable from these choices (filter, assumption, too few distinct values ...)
        }
        if (!(outcome instanceof Failed failed) || failed.error().getClass() != errorType) {
            return false;
        }
        Recording replayed = source.recording();
        if (compare(replayed.values(), best.values()) >= 0) {
            return false;
        }
        best = replayed;
        bestError = failed.error();
        bestExample = source.example();
        shrinks++;
        return true;
    }

    /** Shortlex order: shorter first, then lexicographic; smaller means simpler. */
    static int compare(long[] a, long[] b) {
        return a.length != b.length ? Integer.compare(a.length, b.length) : Arrays.compare(a, b);
    }

    private static long[] without(long[] values, int from, int to) {
        long[] out = new long[values.length - (to - from)];
        System.arraycopy(values, 0, out, 0, from);
        System.arraycopy(values, to, out, from, values.length - to);
        return out;
    }

    private static long[] swap(long[] values, Span a, Span b) {
        long[] out = values.clone();
        System.arraycopy(values, b.start(), out, a.start(), b.length());
        System.arraycopy(values, a.start(), out, a.start() + b.length(), a.length());
        return out;
    }

    private static boolean isZero(long[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (values[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
