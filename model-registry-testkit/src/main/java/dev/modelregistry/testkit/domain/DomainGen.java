package dev.modelregistry.testkit.domain;

import dev.modelregistry.api.Names;
import dev.modelregistry.api.version.Feature;
import dev.modelregistry.api.version.FeatureSchema;
import dev.modelregistry.api.version.FeatureType;
import dev.modelregistry.api.version.Lineage;
import dev.modelregistry.api.version.ModelMetadata;
import dev.modelregistry.api.version.TrainingInfo;
import dev.modelregistry.testkit.property.Alphabet;
import dev.modelregistry.testkit.property.Gen;
import dev.modelregistry.testkit.property.Weighted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generators of the registry's domain values, for property tests of anything that stores,
 * validates or serialises them.
 *
 * <pre>{@code
 * Property.forAll(DomainGen.metadata()).check(m ->
 *         assertThat(roundTrip(m)).isEqualTo(m));
 * Property.forAll(DomainGen.invalidModelNames()).check(name ->
 *         assertThatThrownBy(() -> Names.requireModelName(name)).isInstanceOf(InvalidNameException.class));
 * }</pre>
 *
 * <p>Valid values are generated valid by construction (they pass the checks in {@link Names} and
 * the records' constructors), and each generator favours small values while still producing the
 * edge cases (one character, the longest allowed name, empty collections, non-ASCII text).
 *
 * <p>Thread-safe: every generator is immutable and stateless, as all {@link Gen}s are; the factory
 * methods may be called from any thread and their results shared.
 */
public final class DomainGen {

    /** Characters allowed after the first one in model names, tag keys and metric names. */
    private static final Alphabet DOTTED_REST = Alphabet.of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");
    /** Characters allowed in alias and environment names. */
    private static final Alphabet SIMPLE = Alphabet.of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
    /** Non-ASCII code points (every Unicode scalar value above U+007F). */
    private static final Alphabet NON_ASCII = Alphabet.of("\u00e9\u00fc\u00df\u0130\u212a\u65e5\ud83d\ude00")
            .union(Alphabet.range(0x80, 0xD7FF)).union(Alphabet.range(0xE000, 0x10FFFF));
    /** ASCII control characters: what tag values and names must never hold (tab aside for values). */
    private static final Alphabet CONTROL = Alphabet.of("\u0000\n\r\u001b\u007f").union(Alphabet.range(0x00, 0x1F));
    /**
     * Text allowed in tag values: printable ASCII, tab, then every non-control code point beyond
     * (U+0080–U+009F are control characters too). Large, so drawing favours its first code points.
     */
    private static final Alphabet TEXT = Alphabet.ASCII_PRINTABLE.union(Alphabet.of("\t\u00e9\u00fc\u65e5\ud83d\ude00"))
            .union(Alphabet.range(0xA0, 0xD7FF)).union(Alphabet.range(0xE000, 0x10FFFF));
    private static final List<String> WORDS = List.of("model", "auc", "rmse", "loss", "val", "train", "team",
            "owner", "price", "spx", "eu", "v2", "x", "f1", "lr", "depth", "p99", "latency", "A", "Z9");
    private static final List<String> BAD_PIECES = List.of("/", "\\", "..", "%", "%2e", "%2f", "%00", " ", ":",
            "*", "?", "<", ">", "|", "\"", "'", "~", "@", "#", "+", "=", ",", ";", "!", "$", "&");

    private DomainGen() {
    }

    // ---------------------------------------------------------------- names

    /**
     * Valid model names: 1–255 characters from {@code A-Z a-z 0-9 . _ -}, starting with a letter or
     * digit and never containing {@code ..}; mostly short, sometimes up to the 255-character limit.
     * Every value passes {@link Names#requireModelName} (and the same rules as tag keys and metric
     * names). Shrinks toward {@code "a"}.
     *
     * @return the generator
     */
    public static Gen<String> modelNames() {
        return dotted(Gen.frequency(
                Weighted.of(16, Gen.integers(0, 15)),
                Weighted.of(3, Gen.integers(16, 100)),
                Weighted.of(1, Gen.integers(101, Names.MAX_NAME_LENGTH - 1)),
                Weighted.of(1, Gen.constant(Names.MAX_NAME_LENGTH - 1))));
    }

    /**
     * Strings that {@link Names#requireModelName} rejects, one flaw or more each: a valid name with
     * {@code /}, {@code \}, {@code ..}, {@code %}, a space or another forbidden character, an ASCII
     * control character or a non-ASCII code point inserted anywhere; a leading {@code .},
     * {@code _} or {@code -}; the empty string; 256 to 400 otherwise valid characters; hostile
     * path-like strings ({@link Gen#pathLike}).
     *
     * @return the generator
     */
    public static Gen<String> invalidModelNames() {
        Gen<String> withBadPiece = inserting(modelNames(), Gen.elementOf(BAD_PIECES));
        Gen<String> withControl = inserting(modelNames(), Gen.strings(CONTROL, 1, 3));
        Gen<String> withNonAscii = inserting(modelNames(), Gen.strings(NON_ASCII, 1, 3));
        Gen<String> badStart = Gen.zip(Gen.elementOf(".", "_", "-", "..", "./", "../"), modelNames(), String::concat);
        Gen<String> tooLong = Gen.integers(Names.MAX_NAME_LENGTH + 1, 400)
                .flatMap(length -> dotted(Gen.constant(length - 1)));
        Gen<String> hostile = Gen.pathLike(0, 30).filter(name -> !isValid(name));
        return Gen.frequency(
                Weighted.of(6, withBadPiece),
                Weighted.of(2, withControl),
                Weighted.of(2, withNonAscii),
                Weighted.of(2, badStart),
                Weighted.of(1, Gen.constant("")),
                Weighted.of(1, tooLong),
                Weighted.of(2, hostile))
                .map(DomainGen::requireInvalid);
    }

    /**
     * Valid alias names: 1–255 characters from {@code A-Z a-z 0-9 _ -}, never a reserved name
     * ({@code latest}, {@code v<digits>} in any case). Every value passes
     * {@link Names#requireAliasName}. Mostly short; shrinks toward {@code "a"}.
     *
     * @return the generator
     */
    public static Gen<String> aliasNames() {
        Gen<String> common = Gen.elementOf("champion", "challenger", "staging", "production", "canary", "shadow",
                "v", "vx", "latest_", "v1a", "Latest-2");
        Gen<String> random = Gen.frequency(
                        Weighted.of(16, Gen.integers(1, 16)),
                        Weighted.of(2, Gen.integers(17, Names.MAX_NAME_LENGTH)),
                        Weighted.of(1, Gen.constant(Names.MAX_NAME_LENGTH)))
                .flatMap(length -> Gen.strings(SIMPLE, length, length))
                // A reserved name starts with 'l' or 'v'; replacing that first character unreserves it.
                .map(alias -> Names.isReservedAlias(alias) ? "_" + alias.substring(1) : alias);
        return Gen.frequency(Weighted.of(4, random), Weighted.of(1, common));
    }

    /**
     * Reserved alias names: {@code latest} and {@code v} followed by 1 to 12 digits, each letter in
     * random case ({@code LaTeSt}, {@code V007}). {@link Names#isReservedAlias} is true for every
     * value and {@link Names#requireAliasName} rejects it.
     *
     * @return the generator
     */
    public static Gen<String> reservedAliasNames() {
        Gen<String> latest = Gen.listOf(Gen.booleans(), 6, 6).map(upper -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                char c = "latest".charAt(i);
                out.append(upper.get(i) ? Character.toUpperCase(c) : c);
            }
            return out.toString();
        });
        Gen<String> numbered = Gen.zip(Gen.elementOf("v", "V"), Gen.strings(Alphabet.DIGITS, 1, 12), String::concat);
        return Gen.oneOf(latest, numbered);
    }

    /**
     * Valid tag keys (the model-name rules): mostly words joined by {@code .}, {@code -} or
     * {@code _} such as {@code team.owner}, sometimes any valid model name. Every value passes
     * {@link Names#requireTagKey}.
     *
     * @return the generator
     */
    public static Gen<String> tagKeys() {
        return Gen.frequency(Weighted.of(3, words()), Weighted.of(1, modelNames()));
    }

    /**
     * Valid tag values: any text without control characters other than tab, from empty to a few
     * hundred code points, including non-ASCII letters, CJK and astral code points (emoji). Every
     * value passes {@link Names#requireTagValue}. Shrinks toward {@code ""}.
     *
     * @return the generator
     */
    public static Gen<String> tagValues() {
        return Gen.frequency(
                Weighted.of(8, Gen.strings(TEXT, 0, 30)),
                Weighted.of(1, Gen.integers(31, 300).flatMap(length -> Gen.strings(TEXT, length, length))),
                Weighted.of(1, Gen.elementOf("", " ", "\t", "prod", "caf\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\ude00",
                        "a\tb", "\u202eevil", "null", "{\"json\": true}", "'; DROP TABLE model; --")));
    }

    /**
     * Valid tag maps: 0 to 8 entries of {@link #tagKeys()} to {@link #tagValues()}.
     *
     * @return the generator; maps are unmodifiable, in insertion order
     */
    public static Gen<Map<String, String>> tags() {
        return Gen.mapOf(tagKeys(), tagValues(), 0, 8);
    }

    /**
     * Valid metric maps: 0 to 8 entries of a metric name (model-name rules, e.g. {@code val.auc})
     * to a finite double: mostly in {@code [0, 1]} or {@code [-1e6, 1e6]}, sometimes any finite
     * value including {@code ±Double.MAX_VALUE}, {@code Double.MIN_VALUE} and {@code -0.0}.
     *
     * @return the generator; maps are unmodifiable, in insertion order
     */
    public static Gen<Map<String, Double>> metrics() {
        Gen<Double> values = Gen.frequency(
                Weighted.of(3, Gen.doubles(0, 1)),
                Weighted.of(3, Gen.doubles(-1e6, 1e6)),
                Weighted.of(1, Gen.doubles().filter(Double::isFinite)));
        return Gen.mapOf(Gen.frequency(Weighted.of(3, words()), Weighted.of(1, modelNames())), values, 0, 8);
    }

    // ---------------------------------------------------------------- metadata parts

    /**
     * Valid feature schemas: 0 to 10 features with distinct names (identifiers mostly, sometimes
     * any non-blank text) and random {@link FeatureType}s, an optional target and an optional
     * time column.
     *
     * @return the generator
     */
    public static Gen<FeatureSchema> featureSchemas() {
        Gen<String> columnNames = columnNames();
        Gen<List<Feature>> features = Gen.setOf(columnNames, 0, 10).flatMap(names ->
                Gen.listOf(Gen.elementOf(FeatureType.values()), names.size(), names.size()).map(types -> {
                    List<Feature> out = new ArrayList<>();
                    int i = 0;
                    for (String name : names) {
                        out.add(new Feature(name, types.get(i++)));
                    }
                    return out;
                }));
        return Gen.zip(features, Gen.optionalOf(columnNames), Gen.optionalOf(Gen.elementOf("time", "date", "ts")),
                FeatureSchema::new);
    }

    /**
     * Valid training provenance: a trainer id, a library version, 0 to 6 hyper-parameters, and each
     * optional part (dataset fingerprint, data start and end with end not before start, training
     * time, best iteration) present or absent. Row counts range over all non-negative longs;
     * instants lie between the years 1 and 9999 with nanosecond precision.
     *
     * @return the generator
     */
    public static Gen<TrainingInfo> trainingInfos() {
        Gen<String> trainerIds = Gen.frequency(
                Weighted.of(3, Gen.elementOf("xgboost", "lightgbm", "sklearn-linear", "tribuo", "smile")),
                Weighted.of(1, modelNames()));
        Gen<String> libraryVersions = Gen.frequency(
                Weighted.of(3, Gen.zip(Gen.integers(0, 20), Gen.integers(0, 50), Gen.integers(0, 99),
                        (a, b, c) -> a + "." + b + "." + c)),
                Weighted.of(1, Gen.elementOf("", "unknown", "2.1.0-SNAPSHOT", "1.0.0+build.7")));
        Gen<Map<String, String>> hyperParameters = Gen.mapOf(
                Gen.frequency(Weighted.of(3, Gen.elementOf("max_depth", "eta", "n_estimators", "alpha", "lambda",
                        "objective", "seed")), Weighted.of(1, words())),
                Gen.frequency(Weighted.of(3, Gen.doubles(-1e3, 1e3).map(String::valueOf)),
                        Weighted.of(1, tagValues())),
                0, 6);
        Gen<Optional<String>> fingerprints = Gen.optionalOf(Gen.longs().map(seed -> {
            byte[] digest = new byte[32];
            new SplittableRandom(seed).nextBytes(digest);
            return HexFormat.of().formatHex(digest);
        }));
        Gen<Long> rowCounts = Gen.frequency(Weighted.of(4, Gen.longs(0, 1_000_000)),
                Weighted.of(1, Gen.longs(0, Long.MAX_VALUE)));
        Gen<Optional<Integer>> bestIterations = Gen.optionalOf(Gen.integers(0, 100_000));
        return source -> {
            String trainerId = source.draw(trainerIds);
            String libraryVersion = source.draw(libraryVersions);
            Map<String, String> hyper = source.draw(hyperParameters);
            Optional<String> fingerprint = source.draw(fingerprints);
            long rows = source.draw(rowCounts);
            Optional<Instant> start = source.draw(Gen.optionalOf(instants()));
            Optional<Duration> length = source.draw(Gen.optionalOf(durations()));
            Optional<Instant> end = start.flatMap(s -> length.map(d -> plusCapped(s, d)));
            if (source.draw(Gen.integers(0, 9)) == 9) { // sometimes an end without a start
                start = Optional.empty();
            }
            Optional<Duration> trainingTime = source.draw(Gen.optionalOf(durations()));
            Optional<Integer> best = source.draw(bestIterations);
            return new TrainingInfo(trainerId, libraryVersion, hyper, fingerprint, rows, start, end,
                    trainingTime, best);
        };
    }

    /**
     * Valid lineage: 0 to 3 parents as {@code name/N}, 0 to 3 dataset names or URIs, and an
     * optional source (a commit id or a notebook path).
     *
     * @return the generator
     */
    public static Gen<Lineage> lineages() {
        Gen<String> parents = Gen.zip(modelNames(), Gen.integers(1, 1_000_000), (name, n) -> name + "/" + n);
        Gen<String> datasets = Gen.frequency(
                Weighted.of(2, Gen.zip(Gen.elementOf("s3://bucket/", "file:///data/", "hf://datasets/", ""),
                        modelNames(), String::concat)),
                Weighted.of(1, tagValues()));
        Gen<String> sources = Gen.frequency(
                Weighted.of(2, Gen.longs().map(bits -> String.format(Locale.ROOT, "%016x", bits))),
                Weighted.of(1, Gen.zip(Gen.constant("notebooks/"), modelNames(), (dir, name) -> dir + name + ".ipynb")),
                Weighted.of(1, tagValues()));
        return Gen.zip(Gen.listOf(parents, 0, 3), Gen.listOf(datasets, 0, 3), Gen.optionalOf(sources), Lineage::new);
    }

    /**
     * Valid {@link ModelMetadata} documents exercising every optional part: a format id and model
     * type (common ones or any identifier), a description (empty, plain or any Unicode text,
     * control characters included), training info present or absent, {@link #metrics()},
     * {@link #featureSchemas()}, {@link #lineages()} and {@link #tags()} as properties.
     *
     * @return the generator
     */
    public static Gen<ModelMetadata> metadata() {
        Gen<String> formats = Gen.frequency(
                Weighted.of(3, Gen.elementOf("bytes", "xgboost-json", "lightgbm-text", "onnx", "tribuo")),
                Weighted.of(1, modelNames()));
        Gen<String> modelTypes = Gen.frequency(
                Weighted.of(3, Gen.elementOf("xgboost-regressor", "linear", "gbm-classifier", "bytes")),
                Weighted.of(1, modelNames()));
        Gen<String> descriptions = Gen.frequency(
                Weighted.of(2, Gen.constant("")),
                Weighted.of(2, tagValues()),
                Weighted.of(1, Gen.strings(Alphabet.UNICODE, 0, 40)));
        return source -> new ModelMetadata(
                source.draw(formats),
                source.draw(modelTypes),
                source.draw(descriptions),
                source.draw(Gen.optionalOf(trainingInfos())),
                source.draw(metrics()),
                source.draw(featureSchemas()),
                source.draw(lineages()),
                source.draw(tags()));
    }

    // ---------------------------------------------------------------- payloads

    /**
     * Artifact contents: byte arrays of many sizes, weighted toward small ones: empty, one byte,
     * up to 64 bytes drawn byte by byte (these shrink byte-wise), and larger arrays of 65 bytes
     * to 64 KiB filled from a drawn seed or with one repeated byte. Each generated array is new.
     *
     * @return the generator
     */
    public static Gen<byte[]> artifacts() {
        Gen<byte[]> seeded = Gen.zip(Gen.frequency(
                        Weighted.of(4, Gen.integers(65, 4_096)),
                        Weighted.of(1, Gen.integers(4_097, 64 * 1024))),
                Gen.longs(), (size, seed) -> {
                    byte[] out = new byte[size];
                    new SplittableRandom(seed).nextBytes(out);
                    return out;
                });
        Gen<byte[]> repeated = Gen.zip(Gen.integers(65, 64 * 1024), Gen.integers(Byte.MIN_VALUE, Byte.MAX_VALUE),
                (size, value) -> {
                    byte[] out = new byte[size];
                    Arrays.fill(out, value.byteValue());
                    return out;
                });
        return Gen.frequency(
                Weighted.of(1, Gen.bytes(0, 0)),
                Weighted.of(1, Gen.bytes(1, 1)),
                Weighted.of(8, Gen.bytes(0, 64)),
                Weighted.of(4, seeded),
                Weighted.of(1, repeated));
    }

    /**
     * Small tabular datasets: 1 to 8 distinct feature names, 0 to 40 rows of values (mostly in
     * {@code [-1000, 1000]}, sometimes NaN or ±Infinity), finite labels, and a strictly increasing
     * time index in epoch milliseconds (steps of 1 ms to one day).
     *
     * @return the generator
     */
    public static Gen<DatasetSample> datasets() {
        Gen<Double> values = Gen.frequency(
                Weighted.of(30, Gen.doubles(-1_000, 1_000)),
                Weighted.of(1, Gen.elementOf(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        Gen<Double> labels = Gen.doubles(-1_000, 1_000);
        Gen<Integer> steps = Gen.frequency(Weighted.of(3, Gen.integers(1, 1_000)),
                Weighted.of(1, Gen.integers(1, 86_400_000)));
        Gen<Set<String>> featureNames = Gen.setOf(
                Gen.frequency(Weighted.of(3, words()), Weighted.of(1, columnNames())), 1, 8);
        Gen<Integer> rowCounts = Gen.frequency(Weighted.of(1, Gen.constant(0)), Weighted.of(9, Gen.integers(1, 40)));
        return source -> {
            List<String> names = List.copyOf(source.draw(featureNames));
            int rowCount = source.draw(rowCounts);
            long time = source.draw(Gen.longs(0, 4_102_444_800_000L)); // up to 2100-01-01
            double[][] rows = new double[rowCount][names.size()];
            double[] y = new double[rowCount];
            long[] t = new long[rowCount];
            for (int r = 0; r < rowCount; r++) {
                for (int c = 0; c < names.size(); c++) {
                    rows[r][c] = source.draw(values);
                }
                y[r] = source.draw(labels);
                if (r > 0) {
                    time += source.draw(steps);
                }
                t[r] = time;
            }
            return new DatasetSample(names, rows, y, t);
        };
    }

    /**
     * Synthetic daily return panels, the data quants test on: {@code minAssets} to {@code maxAssets} assets
     * named {@code A0}, {@code A1}, …; {@code minDays} to {@code maxDays} business days from a random
     * Monday in 2000–2019, about one weekday in 40 a holiday; returns {@code β_a · m_t + e_{a,t}} with a
     * market factor {@code m_t} and noise {@code e} each of 1 % standard deviation and betas in [0.5, 1.5]
     * (so one date's rows are correlated); about one cell in 30 missing (NaN), never a whole date. Large
     * panels cost one choice (a seed), so shrinking keeps their size.
     *
     * @param minAssets at least 1
     * @param maxAssets at least {@code minAssets}
     * @param minDays at least 1
     * @param maxDays at least {@code minDays}
     * @return the generator
     * @throws IllegalArgumentException if a bound is out of range
     */
    public static Gen<PanelSample> panels(int minAssets, int maxAssets, int minDays, int maxDays) {
        if (minAssets < 1 || maxAssets < minAssets || minDays < 1 || maxDays < minDays) {
            throw new IllegalArgumentException("need 1 <= minAssets <= maxAssets and 1 <= minDays <= maxDays, got "
                    + minAssets + ".." + maxAssets + " assets, " + minDays + ".." + maxDays + " days");
        }
        return Gen.zip(Gen.integers(minAssets, maxAssets), Gen.integers(minDays, maxDays), Gen.longs(),
                (assets, days, seed) -> panel(assets, days, seed));
    }

    /** One panel from a seed (see {@link #panels}). */
    static PanelSample panel(int assetCount, int days, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        java.time.LocalDate day = java.time.LocalDate.of(2000 + random.nextInt(20), 1, 3)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
        double[] beta = new double[assetCount];
        List<String> assets = new ArrayList<>();
        for (int a = 0; a < assetCount; a++) {
            beta[a] = 0.5 + random.nextDouble();
            assets.add("A" + a);
        }
        long[] times = new long[days];
        double[][] returns = new double[days][assetCount];
        int kept = 0;
        while (kept < days) {
            boolean weekend = day.getDayOfWeek() == java.time.DayOfWeek.SATURDAY
                    || day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY;
            if (!weekend && random.nextInt(40) != 0) {
                times[kept] = day.atStartOfDay().toEpochSecond(java.time.ZoneOffset.UTC);
                double market = random.nextGaussian() * 0.01;
                int missing = 0;
                for (int a = 0; a < assetCount; a++) {
                    boolean gone = random.nextInt(30) == 0 && missing < assetCount - 1;
                    returns[kept][a] = gone ? Double.NaN : beta[a] * market + random.nextGaussian() * 0.01;
                    missing += gone ? 1 : 0;
                }
                kept++;
            }
            day = day.plusDays(1);
        }
        return new PanelSample(assets, times, returns);
    }

    // ---------------------------------------------------------------- helpers

    /** Valid dotted names of {@code 1 + restLength} characters: a letter or digit, then the rest. */
    private static Gen<String> dotted(Gen<Integer> restLength) {
        Gen<String> first = Gen.strings(Alphabet.ALPHANUMERIC, 1, 1);
        return Gen.zip(first, restLength.flatMap(length -> Gen.strings(DOTTED_REST, length, length)),
                (head, rest) -> noDoubleDots(head + rest));
    }

    /** Replaces the second dot of every {@code ..} so the name keeps its length. */
    private static String noDoubleDots(String name) {
        String out = name;
        while (out.contains("..")) {
            out = out.replace("..", "._");
        }
        return out;
    }

    /** Short words joined by {@code .}, {@code -} or {@code _}: {@code val.auc}, {@code team-owner}. */
    private static Gen<String> words() {
        return Gen.zip(Gen.listOf(Gen.elementOf(WORDS), 1, 3), Gen.elementOf(".", "_", "-"),
                (parts, separator) -> String.join(separator, parts));
    }

    /** Column names: identifiers mostly, sometimes any non-blank text. */
    private static Gen<String> columnNames() {
        return Gen.frequency(
                Weighted.of(4, Gen.elementOf("price", "volume", "return_1d", "x", "y", "feature 1", "\u00e9t\u00e9")),
                Weighted.of(4, modelNames()),
                Weighted.of(1, Gen.strings(TEXT, 1, 20).filter(name -> !name.isBlank())));
    }

    /** Inserts a drawn piece into a drawn name at a drawn position. */
    private static Gen<String> inserting(Gen<String> names, Gen<String> pieces) {
        return source -> {
            String name = source.draw(names);
            String piece = source.draw(pieces);
            int at = source.draw(Gen.integers(0, name.length()));
            return name.substring(0, at) + piece + name.substring(at);
        };
    }

    /** Instants from the year 1 to 9999, with nanoseconds; epoch 0 and whole seconds are likely. */
    private static Gen<Instant> instants() {
        Gen<Long> seconds = Gen.frequency(
                Weighted.of(3, Gen.longs(0, 4_102_444_800L)),
                Weighted.of(1, Gen.longs(-62_135_596_800L, 253_402_300_799L)));
        return Gen.zip(seconds, nanos(), Instant::ofEpochSecond);
    }

    /** Non-negative durations up to about a year, with nanoseconds. */
    private static Gen<Duration> durations() {
        return Gen.zip(Gen.longs(0, 31_622_400L), nanos(), Duration::ofSeconds);
    }

    /** Nanoseconds of a second: zero half the time. */
    private static Gen<Integer> nanos() {
        return Gen.frequency(Weighted.of(1, Gen.constant(0)), Weighted.of(1, Gen.integers(0, 999_999_999)));
    }

    private static Instant plusCapped(Instant start, Duration length) {
        Instant max = Instant.ofEpochSecond(253_402_300_799L, 999_999_999);
        Instant end = start.plus(length);
        return end.isAfter(max) ? max : end;
    }

    private static boolean isValid(String modelName) {
        try {
            Names.requireModelName(modelName);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String requireInvalid(String modelName) {
        if (isValid(modelName)) {
            throw new IllegalStateException("DomainGen.invalidModelNames produced a valid name: " + modelName);
        }
        return modelName;
    }
}
