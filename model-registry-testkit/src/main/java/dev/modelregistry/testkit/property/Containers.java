package dev.modelregistry.testkit.property;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collection generators. Beyond the minimum size, each element is preceded by a "one more?"
 * choice; deleting an element's choices therefore shortens the collection, and a replay that
 * runs out of choices reads 0 and stops.
 */
final class Containers {

    /** Average number of elements beyond the minimum, when the maximum allows. */
    private static final int AVERAGE_EXTRA = 10;

    private Containers() {
    }

    /** The chance of one more element, for {@link #AVERAGE_EXTRA} extra elements on average. */
    static double continueProbability(int minSize, int maxSize) {
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("need 0 <= min <= max but was [" + minSize + ", " + maxSize + "]");
        }
        double average = Math.min(maxSize - minSize, AVERAGE_EXTRA);
        return average / (average + 1);
    }

    static <T> Gen<List<T>> lists(Gen<? extends T> elements, int minSize, int maxSize) {
        Objects.requireNonNull(elements, "elements");
        double more = continueProbability(minSize, maxSize);
        return source -> {
            List<T> out = new ArrayList<>();
            while (out.size() < maxSize) {
                int span = source.openSpan();
                if (out.size() >= minSize && !source.weighted(more)) {
                    source.closeSpan(span);
                    break;
                }
                out.add(source.draw(elements));
                source.closeSpan(span);
            }
            return List.copyOf(out);
        };
    }

    static <T> Gen<Set<T>> sets(Gen<? extends T> elements, int minSize, int maxSize) {
        Objects.requireNonNull(elements, "elements");
        Gen<Map<T, Boolean>> keys = maps(elements, Gen.constant(Boolean.TRUE), minSize, maxSize);
        return keys.map(map -> Collections.unmodifiableSet(new LinkedHashSet<>(map.keySet())));
    }

    static <K, V> Gen<Map<K, V>> maps(Gen<? extends K> keys, Gen<? extends V> values, int minSize, int maxSize) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        double more = continueProbability(minSize, maxSize);
        // Duplicate keys are redrawn, but only so often: the key generator may have few values.
        int maxDuplicates = 10 + 2 * Math.min(maxSize, 1_000);
        return source -> {
            Map<K, V> out = new LinkedHashMap<>();
            int duplicates = 0;
            while (out.size() < maxSize) {
                int span = source.openSpan();
                if (out.size() >= minSize && !source.weighted(more)) {
                    source.closeSpan(span);
                    break;
                }
                K key = source.draw(keys);
                if (out.containsKey(key)) {
                    source.closeSpan(span);
                    if (++duplicates > maxDuplicates) {
                        break;
                    }
                    continue;
                }
                out.put(key, source.draw(values));
                source.closeSpan(span);
            }
            if (out.size() < minSize) {
                throw new GenerationException("could not generate " + minSize + " distinct keys or elements: "
                        + duplicates + " duplicates drawn, only " + out.size()
                        + " distinct. Widen the element generator or lower the minimum size");
            }
            return Collections.unmodifiableMap(out);
        };
    }
}
