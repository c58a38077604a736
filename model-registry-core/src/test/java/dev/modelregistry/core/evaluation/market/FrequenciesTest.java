package dev.modelregistry.core.evaluation.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.market.BarFrequency;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import dev.modelregistry.core.evaluation.DefaultEvaluator;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrequenciesTest {
    private static final LocalDate START = LocalDate.of(2021, 1, 4);

    static boolean weekday(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** Business days at midnight UTC, with the given holidays left out. */
    static long[] businessDays(int days, Set<LocalDate> holidays) {
        List<Long> out = new ArrayList<>();
        for (LocalDate d = START; out.size() < days; d = d.plusDays(1)) {
            if (weekday(d) && !holidays.contains(d)) {
                out.add(d.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** 24-hour FX half-hours: Sunday 22:00 to Friday 22:00 UTC. */
    static long[] fxHalfHours(int weeks) {
        List<Long> out = new ArrayList<>();
        LocalDateTime t = START.minusDays(1).atTime(22, 0); // Sunday 22:00
        LocalDateTime end = t.plusWeeks(weeks);
        for (; t.isBefore(end); t = t.plusMinutes(30)) {
            LocalDateTime weekStart = t.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY))
                    .toLocalDate().atTime(22, 0);
            if (!t.isBefore(weekStart) && t.isBefore(weekStart.plusDays(5))) {
                out.add(t.toEpochSecond(ZoneOffset.UTC));
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** An equity session: 13 half-hour bars from 14:30 UTC on business days. */
    static long[] sessionHalfHours(int days) {
        List<Long> out = new ArrayList<>();
        for (long day : businessDays(days, Set.of())) {
            for (int b = 0; b < 13; b++) {
                out.add(day + 14 * 3600 + 1800 + b * 1800L);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void daily_business_days_are_252_a_year_whatever_the_weekends_and_holidays() {
        Set<LocalDate> holidays = Set.of(LocalDate.of(2021, 1, 18), LocalDate.of(2021, 2, 15), LocalDate.of(2021, 4, 2));
        long[] days = businessDays(300, holidays);
        BarFrequency f = Frequencies.infer(days);
        assertThat(f.kind()).isEqualTo("daily");
        assertThat(f.periodsPerYear()).isEqualTo(252);
        assertThat(f.spacingSeconds()).isEqualTo(86_400);
        // Every Friday (and every day before a holiday) is followed by a gap of more than 1.5 days.
        int expectedGaps = 0;
        for (int i = 0; i + 1 < days.length; i++) {
            expectedGaps += days[i + 1] - days[i] > 1.5 * 86_400 ? 1 : 0;
        }
        assertThat(f.gaps()).isEqualTo(expectedGaps).isGreaterThanOrEqualTo(59);
        // Epoch milliseconds read the same.
        long[] millis = java.util.Arrays.stream(days).map(s -> s * 1000).toArray();
        assertThat(Frequencies.infer(millis).periodsPerYear()).isEqualTo(252);
    }

    @Test
    void half_hourly_fx_around_the_clock_is_48_bars_times_260_weekdays() {
        BarFrequency f = Frequencies.infer(fxHalfHours(8));
        assertThat(f.kind()).isEqualTo("intraday");
        assertThat(f.spacingSeconds()).isEqualTo(1800);
        assertThat(f.periodsPerYear()).isEqualTo(48 * 260);
        assertThat(f.rule()).contains("48 bars a day", "30 min", "260 weekdays");
        // The weekend: one gap a week.
        assertThat(f.gaps()).isEqualTo(7);
    }

    @Test
    void half_hourly_equities_in_a_session_are_13_bars_times_252_days() {
        BarFrequency f = Frequencies.infer(sessionHalfHours(60));
        assertThat(f.periodsPerYear()).isEqualTo(13 * 252);
        assertThat(f.rule()).contains("13 bars a day", "252 trading days");
        assertThat(f.gaps()).isEqualTo(59); // every overnight break
    }

    @Test
    void weekly_monthly_crypto_and_counters_follow_the_documented_rule() {
        long[] weekly = new long[60];
        long[] monthly = new long[60];
        long[] everyDay = new long[400];
        long[] counter = new long[300];
        for (int i = 0; i < 60; i++) {
            weekly[i] = START.plusWeeks(i).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            monthly[i] = START.plusMonths(i).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        }
        for (int i = 0; i < everyDay.length; i++) {
            everyDay[i] = START.plusDays(i).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        }
        for (int i = 0; i < counter.length; i++) {
            counter[i] = i;
        }
        assertThat(Frequencies.infer(weekly).periodsPerYear()).isEqualTo(52);
        assertThat(Frequencies.infer(monthly).periodsPerYear()).isEqualTo(12);
        assertThat(Frequencies.infer(everyDay).periodsPerYear()).isEqualTo(365);
        assertThat(Frequencies.infer(counter).kind()).isEqualTo("index");
        assertThat(Frequencies.infer(counter).periodsPerYear()).isEqualTo(252);
        assertThat(Frequencies.infer(null).kind()).isEqualTo("undated");
    }

    @Test
    void the_report_annualises_half_hourly_fx_sharpe_by_the_inferred_factor_unless_the_options_fix_it() {
        long[] times = fxHalfHours(6);
        Random random = new Random(42);
        double[] actual = new double[times.length];
        double[] predicted = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            actual[i] = random.nextGaussian() * 0.001;
            predicted[i] = random.nextDouble() < 0.55 ? actual[i] : -actual[i];
        }
        Predictions p = Predictions.of(actual, predicted).withDates(times);
        // By hand: the strategy earns |r| on a hit and −|r| on a miss.
        double[] r = new double[times.length];
        double mean = 0;
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.signum(predicted[i]) * actual[i];
            mean += r[i] / r.length;
        }
        double ss = 0;
        for (double v : r) {
            ss += (v - mean) * (v - mean);
        }
        double perBar = mean / Math.sqrt(ss / (r.length - 1));

        StockMetrics inferred = new DefaultEvaluator().evaluate(p,
                EvaluationOptions.defaults().withDomain(MarketOptions.defaults())).section(StockMetrics.class)
                .orElseThrow();
        assertThat(inferred.frequency().periodsPerYear()).isEqualTo(12_480);
        assertThat(inferred.strategy().annualisation()).isEqualTo(12_480);
        assertThat(inferred.strategy().sharpe().getAsDouble()).isCloseTo(perBar * Math.sqrt(12_480), within(1e-9));

        StockMetrics fixed = new DefaultEvaluator().evaluate(p,
                EvaluationOptions.defaults().withDomain(MarketOptions.defaults().withAnnualisation(252)))
                .section(StockMetrics.class).orElseThrow();
        assertThat(fixed.frequency().kind()).isEqualTo("given");
        assertThat(fixed.strategy().sharpe().getAsDouble() * Math.sqrt(12_480.0 / 252))
                .isCloseTo(inferred.strategy().sharpe().getAsDouble(), within(1e-9));
    }
}
