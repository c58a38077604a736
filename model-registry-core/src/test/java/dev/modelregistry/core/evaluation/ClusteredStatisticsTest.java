package dev.modelregistry.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelregistry.api.evaluation.ChampionChallengerReport;
import dev.modelregistry.api.evaluation.DieboldMariano;
import dev.modelregistry.api.evaluation.EvaluationOptions;
import dev.modelregistry.api.evaluation.EvaluationReport;
import dev.modelregistry.api.evaluation.LossFunction;
import dev.modelregistry.api.evaluation.Predictions;
import dev.modelregistry.api.evaluation.RuleOutcome;
import dev.modelregistry.api.evaluation.market.HitRate;
import dev.modelregistry.api.evaluation.market.MarketOptions;
import dev.modelregistry.api.evaluation.market.StockMetrics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.special.Beta;
import org.junit.jupiter.api.Test;

/**
 * The hit-rate test and Diebold–Mariano on a panel, checked against recomputations from first principles in
 * this test: exact binomial tails with big integers, per-date means and the Student tail through the
 * regularised incomplete beta function ({@code P(T ≥ t) = ½ I_{ν/(ν+t²)}(ν/2, ½)} for t ≥ 0).
 */
class ClusteredStatisticsTest {
    private static final EvaluationOptions OPTIONS = EvaluationOptions.defaults().withDomain(MarketOptions.defaults());

    /** A panel whose rows of one date share a market move, and whose predictions share a market call. */
    record Panel(double[] actual, double[] predicted, double[] other, long[] dates, List<String> assets) {
        Predictions predictions(double[] p) {
            return Predictions.of(actual, p).withDates(dates).withAssets(assets);
        }
    }

    static Panel panel(int assets, int days, long seed, boolean ragged) {
        Random random = new Random(seed);
        List<Double> a = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<Double> q = new ArrayList<>();
        List<Long> d = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int t = 0; t < days; t++) {
            double market = random.nextGaussian() * 0.01;
            // The model calls the market right 60 % of the days, for every asset at once.
            double call = (random.nextDouble() < 0.6 ? Math.signum(market) : -Math.signum(market)) * 0.002;
            for (int k = 0; k < assets; k++) {
                if (ragged && random.nextInt(4) == 0 && k > 0) {
                    continue;
                }
                a.add(market + random.nextGaussian() * 0.003);
                p.add(call + random.nextGaussian() * 0.0005);
                q.add(random.nextGaussian() * 0.002);
                d.add(20_000L + t);
                keys.add("A" + k);
            }
        }
        return new Panel(a.stream().mapToDouble(Double::doubleValue).toArray(),
                p.stream().mapToDouble(Double::doubleValue).toArray(),
                q.stream().mapToDouble(Double::doubleValue).toArray(), d.stream().mapToLong(Long::longValue).toArray(),
                keys);
    }

    /** P(T ≥ t) for Student's t with ν degrees of freedom, from the incomplete beta function. */
    static double studentUpper(double nu, double t) {
        double half = 0.5 * Beta.regularizedBeta(nu / (nu + t * t), nu / 2, 0.5);
        return t >= 0 ? half : 1 - half;
    }

    /** P(X ≥ k) for X ~ Binomial(n, ½), exactly. */
    static double binomialUpper(int n, int k) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;
        for (int i = 0; i <= n; i++) {
            if (i >= k) {
                sum = sum.add(choose);
            }
            choose = choose.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return new BigDecimal(sum).divide(new BigDecimal(BigInteger.TWO.pow(n)), MathContext.DECIMAL128).doubleValue();
    }

    @Test
    void on_a_panel_the_hit_rate_p_value_clusters_by_date_and_equals_the_t_test_of_daily_hit_rates() {
        Panel panel = panel(9, 120, 7, false);
        HitRate hit = new DefaultEvaluator().evaluate(panel.predictions(panel.predicted()), OPTIONS)
                .section(StockMetrics.class).orElseThrow().hitRate();

        // Equal rows per date: the per-date hit rates' mean, tested against 0.5 with G − 1 degrees of freedom.
        double[] daily = new double[120];
        int hits = 0;
        for (int i = 0; i < panel.actual().length; i++) {
            boolean h = Math.signum(panel.actual()[i]) == Math.signum(panel.predicted()[i]);
            hits += h ? 1 : 0;
            daily[(int) (panel.dates()[i] - 20_000L)] += h ? 1.0 / 9 : 0;
        }
        double mean = 0;
        for (double r : daily) {
            mean += r / daily.length;
        }
        double ss = 0;
        for (double r : daily) {
            ss += (r - mean) * (r - mean);
        }
        double t = (mean - 0.5) / Math.sqrt(ss / (daily.length - 1) / daily.length);
        assertThat(hit.dates()).isEqualTo(120);
        assertThat(hit.pValueByDate().getAsDouble()).isCloseTo(studentUpper(119, t), within(1e-12));
        assertThat(hit.pValue().getAsDouble()).isCloseTo(binomialUpper(1080, hits),
                within(1e-12 + 1e-9 * binomialUpper(1080, hits)));
        // Nine rows that move together are not nine coin flips: the stacked test overstates the evidence.
        assertThat(hit.pValue().getAsDouble()).isLessThan(hit.pValueByDate().getAsDouble() / 10);
    }

    @Test
    void with_a_ragged_panel_the_clustered_variance_weights_each_date_by_its_rows() {
        Panel panel = panel(9, 80, 11, true);
        EvaluationReport report = new DefaultEvaluator().evaluate(panel.predictions(panel.predicted()), OPTIONS);
        HitRate hit = report.section(StockMetrics.class).orElseThrow().hitRate();

        int n = panel.actual().length;
        double[] h = new double[n];
        double rate = 0;
        for (int i = 0; i < n; i++) {
            h[i] = Math.signum(panel.actual()[i]) == Math.signum(panel.predicted()[i]) ? 1 : 0;
            rate += h[i] / n;
        }
        double[] score = new double[80];
        for (int i = 0; i < n; i++) {
            score[(int) (panel.dates()[i] - 20_000L)] += h[i] - rate;
        }
        double sum = 0;
        for (double s : score) {
            sum += s * s;
        }
        double variance = 80.0 / 79 * sum / ((double) n * n);
        double expected = studentUpper(79, (rate - 0.5) / Math.sqrt(variance));
        assertThat(hit.pValueByDate().getAsDouble()).isCloseTo(expected, within(1e-12));
        RuleOutcome significance = report.decision().rules().stream()
                .filter(r -> r.rule().equals("hit_rate_significance")).findFirst().orElseThrow();
        assertThat(significance.observed().getAsDouble()).as("the gate uses the clustered p-value")
                .isEqualTo(hit.pValueByDate().getAsDouble());
        assertThat(report.metrics()).containsKeys("hit_rate_p_value", "hit_rate_p_value_by_date");
    }

    @Test
    void one_row_per_date_or_no_dates_keeps_the_binomial_test_alone() {
        Panel panel = panel(1, 200, 3, false);
        HitRate dated = new DefaultEvaluator().evaluate(panel.predictions(panel.predicted()), OPTIONS)
                .section(StockMetrics.class).orElseThrow().hitRate();
        HitRate undated = new DefaultEvaluator().evaluate(Predictions.of(panel.actual(), panel.predicted()), OPTIONS)
                .section(StockMetrics.class).orElseThrow().hitRate();
        assertThat(dated.pValueByDate()).isEmpty();
        assertThat(dated.dates()).isEqualTo(200);
        assertThat(undated.pValueByDate()).isEmpty();
        assertThat(undated.dates()).isZero();
        assertThat(dated.gatingPValue()).isEqualTo(dated.pValue());
    }

    @Test
    void on_a_panel_diebold_mariano_runs_on_per_date_mean_loss_differentials() {
        Panel panel = panel(9, 150, 5, true);
        ChampionChallengerReport c = new DefaultEvaluator().compare(panel.predictions(panel.other()),
                panel.predictions(panel.predicted()), OPTIONS.withDieboldMariano(LossFunction.SQUARED, 1));
        DieboldMariano dm = c.dieboldMariano();

        double[] sum = new double[150];
        int[] rows = new int[150];
        for (int i = 0; i < panel.actual().length; i++) {
            int day = (int) (panel.dates()[i] - 20_000L);
            double champion = panel.actual()[i] - panel.other()[i];
            double challenger = panel.actual()[i] - panel.predicted()[i];
            sum[day] += champion * champion - challenger * challenger;
            rows[day]++;
        }
        int n = 150;
        double mean = 0;
        for (int t = 0; t < n; t++) {
            mean += sum[t] / rows[t] / n;
        }
        double gamma0 = 0;
        for (int t = 0; t < n; t++) {
            double e = sum[t] / rows[t] - mean;
            gamma0 += e * e / n;
        }
        double stat = mean / Math.sqrt(gamma0 / n);
        double corrected = stat * Math.sqrt((n + 1 - 2.0) / n);
        assertThat(dm.aggregation()).isEqualTo(DieboldMariano.Aggregation.DATE_MEANS);
        assertThat(dm.count()).isEqualTo(150);
        assertThat(dm.meanDifferential()).isCloseTo(mean, within(1e-15));
        assertThat(dm.statistic().getAsDouble()).isCloseTo(stat, within(1e-9));
        assertThat(dm.correctedStatistic().getAsDouble()).isCloseTo(corrected, within(1e-9));
        assertThat(dm.pValue().getAsDouble())
                .isCloseTo(Math.min(1, 2 * studentUpper(n - 1, Math.abs(corrected))), within(1e-12));
        assertThat(c.stackedDieboldMariano()).hasValueSatisfying(s -> {
            assertThat(s.aggregation()).isEqualTo(DieboldMariano.Aggregation.ROWS);
            assertThat(s.count()).isEqualTo(panel.actual().length);
        });
    }

    @Test
    void without_a_panel_diebold_mariano_stays_over_rows_with_no_stacked_twin() {
        Panel panel = panel(1, 150, 5, false);
        ChampionChallengerReport c = new DefaultEvaluator().compare(panel.predictions(panel.other()),
                panel.predictions(panel.predicted()), OPTIONS);
        assertThat(c.dieboldMariano().aggregation()).isEqualTo(DieboldMariano.Aggregation.ROWS);
        assertThat(c.stackedDieboldMariano()).isEmpty();
    }
}
