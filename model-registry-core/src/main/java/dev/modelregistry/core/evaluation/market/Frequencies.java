package dev.modelregistry.core.evaluation.market;

import dev.modelregistry.api.evaluation.market.BarFrequency;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Infers the bar frequency and annualisation factor from time stamps, by the rule {@link MarketOptions}
 * documents. Stateless, thread-safe.
 */
final class Frequencies {
    /** Times at or above this are epoch milliseconds (10¹¹ seconds is the year 5138). */
    static final long MILLIS_FROM = 100_000_000_000L;
    /** Times all below this are a counter, not epoch seconds (10⁸ seconds is March 1973). */
    static final long CLOCK_FROM = 100_000_000L;
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;

    private Frequencies() {
    }

    /** The frequency the options ask for: fixed, or inferred from the dates (null when there are none). */
    static BarFrequency of(MarketOptions options, long[] dates) {
        if (options.annualisation() != MarketOptions.INFER_ANNUALISATION) {
            return BarFrequency.given(options.annualisation());
        }
        return infer(dates);
    }

    /** The inferred frequency of rows with these dates (never decreasing), or of undated rows when null. */
    static BarFrequency infer(long[] dates) {
        if (dates == null) {
            return new BarFrequency("undated", 0, 252, "no dates: 252, one period per row read as a trading day", 0);
        }
        long[] distinct = Arrays.stream(dates).distinct().toArray();
        long max = Arrays.stream(distinct).map(Math::abs).max().orElse(0);
        if (max < CLOCK_FROM || distinct.length < 2) {
            return new BarFrequency("index", 0, 252, "a time index, not a clock: 252, one period per distinct date"
                    + " read as a trading day", 0);
        }
        boolean millis = max >= MILLIS_FROM;
        long[] seconds = millis ? Arrays.stream(distinct).map(t -> Math.floorDiv(t, 1000)).toArray() : distinct;
        long[] gaps = new long[seconds.length - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = seconds[i + 1] - seconds[i];
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        long spacing = sorted[sorted.length / 2];
        if (spacing <= 0) {
            return new BarFrequency("index", 0, 252, "no spacing between dates: 252", 0);
        }
        int longGaps = (int) Arrays.stream(gaps).filter(g -> g > 1.5 * spacing).count();
        TreeMap<LocalDate, Integer> barsPerDay = new TreeMap<>();
        for (long s : seconds) {
            barsPerDay.merge(Instant.ofEpochSecond(s).atOffset(ZoneOffset.UTC).toLocalDate(), 1, Integer::sum);
        }
        int[] counts = barsPerDay.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int bars = counts[counts.length / 2];
        // A trading day holds at least half the usual bars: FX's Sunday-evening open is not a weekend session.
        long fullDays = barsPerDay.values().stream().filter(c -> 2 * c >= bars).count();
        long weekendDays = barsPerDay.entrySet().stream().filter(e -> 2 * e.getValue() >= bars)
                .filter(e -> e.getKey().getDayOfWeek() == DayOfWeek.SATURDAY
                        || e.getKey().getDayOfWeek() == DayOfWeek.SUNDAY).count();
        boolean everyDay = weekendDays * 10 > fullDays;
        double days = spacing / (double) DAY;
        if (spacing >= 20 * HOUR) {
            if (days <= 4) {
                return everyDay
                        ? new BarFrequency("daily", spacing, 365, "daily bars on weekends too: 365 days", longGaps)
                        : new BarFrequency("daily", spacing, 252, "daily bars: 252 trading days", longGaps);
            }
            if (days <= 10) {
                return new BarFrequency("weekly", spacing, 52, "weekly bars: 52", longGaps);
            }
            if (days >= 25 && days <= 35) {
                return new BarFrequency("monthly", spacing, 12, "monthly bars: 12", longGaps);
            }
            if (days >= 80 && days <= 100) {
                return new BarFrequency("quarterly", spacing, 4, "quarterly bars: 4", longGaps);
            }
            if (days >= 350 && days <= 380) {
                return new BarFrequency("yearly", spacing, 1, "yearly bars: 1", longGaps);
            }
            int n = (int) Math.max(1, Math.round(365.25 / days));
            return new BarFrequency("every-n-days", spacing, n,
                    String.format(Locale.ROOT, "bars every %.1f days: 365.25 / %.1f = %d", days, days, n), longGaps);
        }
        boolean aroundTheClock = bars * spacing >= 20 * HOUR;
        int tradingDays = aroundTheClock ? (everyDay ? 365 : 260) : 252;
        String market = aroundTheClock
                ? (everyDay ? "365 days (trades around the clock, every day)"
                        : "260 weekdays (trades around the clock on weekdays, as FX)")
                : "252 trading days (a session market)";
        return new BarFrequency("intraday", spacing, bars * tradingDays,
                bars + " bars a day (every " + duration(spacing) + ") × " + market, longGaps);
    }

    /** A spacing in words: {@code 30 min}, {@code 4 h}, {@code 15 s}. */
    static String duration(long seconds) {
        if (seconds % HOUR == 0) {
            return seconds / HOUR + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
