package dev.modelregistry.core.internal.metadata;

import dev.modelregistry.api.version.Feature;
import dev.modelregistry.api.version.FeatureChange;
import dev.modelregistry.api.version.MetricDelta;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.ModelVersion;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.api.version.ValueChange;
import dev.modelregistry.api.version.VersionDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes the structured difference of two versions. A pure function. */
public final class VersionDiffer {
    private VersionDiffer() {
    }

    static VersionDiff diff(ModelVersion from, ModelVersion to) {
        ModelMetadata a = from.metadata();
        ModelMetadata b = to.metadata();
        Map<String, ValueChange> fields = new TreeMap<>();
        field(fields, "formatId", Optional.of(a.formatId()), Optional.of(b.formatId()));
        field(fields, "modelType", Optional.of(a.modelType()), Optional.of(b.modelType()));
        field(fields, "description", Optional.of(a.description()), Optional.of(b.description()));
        field(fields, "trainerId", a.training().map(TrainingInfo::trainerId), b.training().map(TrainingInfo::trainerId));
        field(fields, "libraryVersion", a.training().map(TrainingInfo::libraryVersion),
                b.training().map(TrainingInfo::libraryVersion));
        field(fields, "target", a.features().target(), b.features().target());

        Map<String, String> hpA = a.training().map(TrainingInfo::hyperParameters).orElse(Map.of());
        Map<String, String> hpB = b.training().map(TrainingInfo::hyperParameters).orElse(Map.of());
        Map<String, MetricDelta> metrics = new TreeMap<>();
        for (String name : union(a.metrics().keySet(), b.metrics().keySet())) {
            metrics.put(name, new MetricDelta(Optional.ofNullable(a.metrics().get(name)),
                    Optional.ofNullable(b.metrics().get(name))));
        }
        return new VersionDiff(from.ref().toString(), to.ref().toString(), from.artifact().equals(to.artifact()),
                fields, changes(hpA, hpB), metrics, features(a.features().features(), b.features().features()),
                changes(from.tags(), to.tags()));
    }

    private static void field(Map<String, ValueChange> out, String name, Optional<String> a, Optional<String> b) {
        if (!a.equals(b)) {
            out.put(name, new ValueChange(a, b));
        }
    }

    private static Map<String, ValueChange> changes(Map<String, String> a, Map<String, String> b) {
        Map<String, ValueChange> out = new TreeMap<>();
        for (String key : union(a.keySet(), b.keySet())) {
            Optional<String> va = Optional.ofNullable(a.get(key));
            Optional<String> vb = Optional.ofNullable(b.get(key));
            if (!va.equals(vb)) {
                out.put(key, new ValueChange(va, vb));
            }
        }
        return out;
    }

    private static List<FeatureChange> features(List<Feature> a, List<Feature> b) {
        List<FeatureChange> out = new ArrayList<>();
        List<String> namesA = a.stream().map(Feature::name).toList();
        List<String> namesB = b.stream().map(Feature::name).toList();
        for (String name : union(namesA, namesB)) {
            int ia = namesA.indexOf(name);
            int ib = namesB.indexOf(name);
            Optional<String> da = ia < 0 ? Optional.empty() : Optional.of(a.get(ia).type() + "@" + ia);
            Optional<String> db = ib < 0 ? Optional.empty() : Optional.of(b.get(ib).type() + "@" + ib);
            FeatureChange.Kind kind;
            if (ia < 0) {
                kind = FeatureChange.Kind.ADDED;
            } else if (ib < 0) {
                kind = FeatureChange.Kind.REMOVED;
            } else if (!Objects.equals(a.get(ia).type(), b.get(ib).type())) {
                kind = FeatureChange.Kind.TYPE_CHANGED;
            } else if (ia != ib) {
                kind = FeatureChange.Kind.MOVED;
            } else {
                continue;
            }
            out.add(new FeatureChange(name, kind, da, db));
        }
        return out;
    }

    private static TreeSet<String> union(java.util.Collection<String> a, java.util.Collection<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
