package dev.modelregistry.core.evaluation.market;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.market.HitRate;
import dev.modelregistry.api.evaluation.market.InformationCoefficient;
import dev.modelregistry.api.evaluation.market.StrategyMetrics;
import dev.modelregistry.core.internal.Stats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Hit rate with its one-sided binomial p-value (an exact upper tail, summed in log space), the Spearman information coefficient (per date in a
 * cross-section), and the long/short strategy {@code sign(prediction) · return} with costs, annualised
 * return and volatility, Sharpe, drawdown and turnover. Stateless, thread-safe.
 */
final class StockScorer {
    private StockScorer() {
    }

    /** The strategy's metrics with its per-period returns (for charts). */
    record Strategy(StrategyMetrics metrics, double[] returns) {
    }

    /** Groups consecutive rows sharing a date; without dates every row is its own period. */
    static List<int[]> periods(int n, long[] dates) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || dates == null || dates[i] != dates[start]) {
                int[] idx = new int[i - start];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = start + k;
                }
                out.add(idx);
                start = i;
            }
        }
        return out;
    }

    static HitRate hitRate(double[] actual, double[] predicted) {
        return hitRate(actual, predicted, periods(actual.length, null), false);
    }

    /**
     * The hit rate with its binomial p-value and, when {@code dated} and some period holds more than one row,
     * the date-clustered p-value {@link HitRate} documents.
     */
    static HitRate hitRate(double[] actual, double[] predicted, List<int[]> periods, boolean dated) {
        Stats.SignAgreement signs = Stats.signAgreement(actual, predicted);
        long hits = signs.agree();
        long trials = signs.compared();
        if (trials == 0) {
            return new HitRate(0, 0, actual.length, OptionalDouble.empty(), OptionalDouble.empty(),
                    dated ? periods.size() : 0, OptionalDouble.empty());
        }
        // Survival function, not 1 - CDF: on tens of thousands of bars the tail is far below 1e-16.
        double p = Stats.binomialHalfUpperTail(trials, hits);
        double rate = (double) hits / trials;
        int dates = 0;
        OptionalDouble byDate = OptionalDouble.empty();
        if (dated) {
            boolean panel = periods.stream().anyMatch(g -> g.length > 1);
            double sumSquares = 0;
            for (int[] g : periods) {
                double s = 0;
                int compared = 0;
                for (int i : g) {
                    double a = Math.signum(actual[i]);
                    double q = Math.signum(predicted[i]);
                    if (a != 0 && q != 0 && !Double.isNaN(a) && !Double.isNaN(q)) {
                        s += (a == q ? 1 : 0) - rate;
                        compared++;
                    }
                }
                if (compared > 0) {
                    dates++;
                    sumSquares += s * s;
                }
            }
            double variance = dates < 2 ? 0 : (double) dates / (dates - 1) * sumSquares / ((double) trials * trials);
            if (panel && variance > 0) {
                double t = (rate - 0.5) / Math.sqrt(variance);
                byDate = OptionalDouble.of(Math.max(0, Math.min(1, Stats.studentUpperTail(dates - 1, t))));
            }
        }
        return new HitRate(hits, trials, actual.length - trials, OptionalDouble.of(rate),
                OptionalDouble.of(Math.max(0, Math.min(1, p))), dates, byDate);
    }

    static InformationCoefficient ic(double[] actual, double[] predicted, List<int[]> periods) {
        boolean cross = periods.stream().anyMatch(p -> p.length > 1);
        if (!cross) {
            OptionalDouble rho = Stats.spearman(predicted, actual);
            int n = actual.length;
            OptionalDouble t = OptionalDouble.empty();
            if (rho.isPresent() && n > 2 && Math.abs(rho.getAsDouble()) < 1) {
                double r = rho.getAsDouble();
                t = OptionalDouble.of(r * Math.sqrt((n - 2) / (1 - r * r)));
            }
            return new InformationCoefficient(false, rho.isPresent() ? 1 : 0, rho.isPresent() ? 0 : 1, rho,
                    OptionalDouble.empty(), OptionalDouble.empty(), t);
        }
        List<Double> ics = new ArrayList<>();
        int undefined = 0;
        for (int[] p : periods) {
            OptionalDouble rho = p.length < 2 ? OptionalDouble.empty()
                    : Stats.spearman(subset(predicted, p), subset(actual, p));
            if (rho.isPresent()) {
                ics.add(rho.getAsDouble());
            } else {
                undefined++;
            }
        }
        double[] v = ics.stream().mapToDouble(Double::doubleValue).toArray();
        OptionalDouble mean = v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Stats.mean(v).orElseThrow());
        OptionalDouble std = Stats.sampleStd(v);
        OptionalDouble icir = mean.isPresent() && std.isPresent() && std.getAsDouble() > 0
                ? OptionalDouble.of(mean.getAsDouble() / std.getAsDouble()) : OptionalDouble.empty();
        OptionalDouble t = icir.isPresent() ? OptionalDouble.of(icir.getAsDouble() * Math.sqrt(v.length))
                : OptionalDouble.empty();
        return new InformationCoefficient(true, v.length, undefined, mean, std, icir, t);
    }

    static Strategy strategy(double[] actual, double[] predicted, List<int[]> periods, String[] assets,
            int annualisation, double costBps) {
        boolean cross = periods.stream().anyMatch(p -> p.length > 1);
        boolean positionsKnown = !cross || assets != null;
        if (!positionsKnown && costBps > 0) {
            throw new InvalidArgumentException("a trading cost on a cross-section needs asset keys to know each"
                    + " asset's position change; add them with Predictions.withAssets");
        }
        Map<String, Double> previous = new HashMap<>();
        double[] returns = new double[periods.size()];
        double turnoverSum = 0;
        for (int t = 0; t < periods.size(); t++) {
            int[] rows = periods.get(t);
            double gross = 0;
            double change = 0;
            for (int i : rows) {
                double position = Math.signum(predicted[i]);
                gross += position * actual[i];
                if (positionsKnown) {
                    String key = assets == null ? "" : assets[i];
                    change += Math.abs(position - previous.getOrDefault(key, 0.0));
                    previous.put(key, position);
                }
            }
            double meanChange = change / rows.length;
            turnoverSum += meanChange;
            returns[t] = gross / rows.length - costBps / 10_000 * meanChange;
        }
        double equity = 1;
        double peak = 1;
        double maxDrawdown = 0;
        for (double r : returns) {
            equity *= 1 + r;
            peak = Math.max(peak, equity);
            maxDrawdown = Math.max(maxDrawdown, 1 - equity / peak);
        }
        double mean = Stats.mean(returns).orElseThrow();
        OptionalDouble std = Stats.sampleStd(returns);
        double root = Math.sqrt(annualisation);
        OptionalDouble vol = std.isPresent() ? OptionalDouble.of(std.getAsDouble() * root) : OptionalDouble.empty();
        OptionalDouble sharpe = std.isPresent() && std.getAsDouble() > 0
                ? OptionalDouble.of(mean / std.getAsDouble() * root) : OptionalDouble.empty();
        OptionalDouble turnover = positionsKnown ? OptionalDouble.of(turnoverSum / periods.size())
                : OptionalDouble.empty();
        return new Strategy(new StrategyMetrics(periods.size(), annualisation, costBps, equity - 1,
                mean * annualisation, vol, sharpe, maxDrawdown, turnover), returns);
    }

    private static double[] subset(double[] x, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }
}
