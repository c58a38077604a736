package dev.modelregistry.api.evaluation.market;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.evaluation.DomainOptions;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings of the market evaluation, which reads the labels as realised returns and the predictions
 * as predicted returns (regression only). Add them with
 * {@code EvaluationOptions.defaults().withDomain(MarketOptions.defaults())}; change them with the
 * {@code with} methods, each of which validates its value.
 *
 * <p>The gates: hit rate, drawdown, IC and Sharpe are hard (failing one rejects the model); the hit
 * rate's significance is soft (failing it withholds PROMOTE). On a regression they stand in for the
 * generic R² gate. The {@linkplain Plausibility plausibility ceilings} (R², hit rate, IC, Sharpe) flag results
 * too good to be real; exceeding one caps the recommendation at HOLD.
 *
 * <p>The score components, each normalised to [0, 1] (clamped) before weighting:
 * <ul>
 *   <li>{@code hit_rate}: {@code (h − 0.5) / 0.1} — a coin flip scores 0, 60 % scores 1;</li>
 *   <li>{@code ic}: mean IC {@code / 0.1};</li>
 *   <li>{@code sharpe}: annualised Sharpe {@code / 2};</li>
 *   <li>{@code max_drawdown}: {@code 1 − drawdown / 0.5}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param annualisation periods per year for annualised return, volatility and Sharpe (252 trading days)
 * @param costBps the one-way trading cost in basis points, charged on every unit of position change
 * @param minHitRate the lowest acceptable hit rate (share of predictions with the right sign)
 * @param maxHitRatePValue the highest one-sided binomial p-value for the hit rate to count as significant (soft)
 * @param maxDrawdown the deepest acceptable drawdown of the long/short strategy, as a fraction (0.25 = 25 %)
 * @param minIc the lowest acceptable mean information coefficient
 * @param minSharpe the lowest acceptable annualised Sharpe ratio
 * @param weights score component name to weight, each finite and at least 0; a missing one weighs 0
 * @param plausibility ceilings no real market model reaches; exceeding one caps the recommendation at HOLD
 */
public record MarketOptions(int annualisation, double costBps, double minHitRate, double maxHitRatePValue,
        double maxDrawdown, double minIc, double minSharpe, Map<String, Double> weights, Plausibility plausibility)
        implements DomainOptions {
    /** The domain's key in a report's sections. */
    public static final String DOMAIN = "market";
    /** The score components the market evaluation adds. */
    public static final Set<String> COMPONENTS = Set.of("hit_rate", "ic", "sharpe", "max_drawdown");

    /**
     * Validates the settings and copies the weights.
     *
     * @param annualisation at least 1
     * @param costBps finite, at least 0
     * @param minHitRate in [0, 1]
     * @param maxHitRatePValue in (0, 1]
     * @param maxDrawdown in [0, 1]
     * @param minIc in [-1, 1]
     * @param minSharpe finite
     * @param weights names from {@link #COMPONENTS}
     * @param plausibility not null
     * @throws InvalidArgumentException naming the first bad setting
     */
    public MarketOptions {
        if (annualisation < 1) {
            throw new InvalidArgumentException("annualisation must be >= 1, got " + annualisation);
        }
        if (!(costBps >= 0) || Double.isInfinite(costBps)) {
            throw new InvalidArgumentException("costBps must be finite and >= 0, got " + costBps);
        }
        check("minHitRate", minHitRate, 0, 1);
        check("maxHitRatePValue", maxHitRatePValue, Double.MIN_VALUE, 1);
        check("maxDrawdown", maxDrawdown, 0, 1);
        check("minIc", minIc, -1, 1);
        check("minSharpe", minSharpe, -Double.MAX_VALUE, Double.MAX_VALUE);
        Map<String, Double> copy = new TreeMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (!COMPONENTS.contains(e.getKey())) {
                throw new InvalidArgumentException("unknown market score component '" + e.getKey() + "'; known: "
                        + new TreeSet<>(COMPONENTS));
            }
            Double w = e.getValue();
            if (w == null || !(w >= 0) || w.isInfinite()) {
                throw new InvalidArgumentException("weight of '" + e.getKey() + "' must be finite and >= 0, got " + w);
            }
            copy.put(e.getKey(), w);
        }
        weights = Collections.unmodifiableMap(copy);
        java.util.Objects.requireNonNull(plausibility, "plausibility");
    }

    /**
     * The defaults: 252 periods a year, no cost; gates hit rate 0.5, hit-rate p-value 0.05, drawdown 0.25,
     * IC 0, Sharpe 0; weights hit_rate 0.25, ic 0.25, sharpe 0.2, max_drawdown 0.1; default
     * {@linkplain Plausibility#defaults() plausibility ceilings}.
     *
     * @return the default settings
     */
    public static MarketOptions defaults() {
        return new MarketOptions(252, 0, 0.5, 0.05, 0.25, 0.0, 0.0,
                Map.of("hit_rate", 0.25, "ic", 0.25, "sharpe", 0.2, "max_drawdown", 0.1), Plausibility.defaults());
    }

    /**
     * A copy with another annualisation factor.
     *
     * @param value periods per year, at least 1
     * @return the copy
     */
    public MarketOptions withAnnualisation(int value) {
        return new MarketOptions(value, costBps, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe, weights,
                plausibility);
    }

    /**
     * A copy with another trading cost.
     *
     * @param value basis points per unit of position change, at least 0
     * @return the copy
     */
    public MarketOptions withCostBps(double value) {
        return new MarketOptions(annualisation, value, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe,
                weights, plausibility);
    }

    /**
     * A copy with another minimum hit rate.
     *
     * @param value in [0, 1]
     * @return the copy
     */
    public MarketOptions withMinHitRate(double value) {
        return new MarketOptions(annualisation, costBps, value, maxHitRatePValue, maxDrawdown, minIc, minSharpe,
                weights, plausibility);
    }

    /**
     * A copy with another hit-rate significance level.
     *
     * @param value in (0, 1]
     * @return the copy
     */
    public MarketOptions withMaxHitRatePValue(double value) {
        return new MarketOptions(annualisation, costBps, minHitRate, value, maxDrawdown, minIc, minSharpe, weights,
                plausibility);
    }

    /**
     * A copy with another maximum drawdown.
     *
     * @param value in [0, 1]
     * @return the copy
     */
    public MarketOptions withMaxDrawdown(double value) {
        return new MarketOptions(annualisation, costBps, minHitRate, maxHitRatePValue, value, minIc, minSharpe,
                weights, plausibility);
    }

    /**
     * A copy with another minimum mean IC.
     *
     * @param value in [-1, 1]
     * @return the copy
     */
    public MarketOptions withMinIc(double value) {
        return new MarketOptions(annualisation, costBps, minHitRate, maxHitRatePValue, maxDrawdown, value, minSharpe,
                weights, plausibility);
    }

    /**
     * A copy with another minimum Sharpe ratio.
     *
     * @param value finite
     * @return the copy
     */
    public MarketOptions withMinSharpe(double value) {
        return new MarketOptions(annualisation, costBps, minHitRate, maxHitRatePValue, maxDrawdown, minIc, value,
                weights, plausibility);
    }

    /**
     * A copy with other score weights; components not given weigh 0.
     *
     * @param value component name (from {@link #COMPONENTS}) to weight
     * @return the copy
     */
    public MarketOptions withWeights(Map<String, Double> value) {
        return new MarketOptions(annualisation, costBps, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe,
                value, plausibility);
    }

    /**
     * The weight of a component.
     *
     * @param component the component name
     * @return its weight, 0 if not set
     */
    public double weight(String component) {
        return weights.getOrDefault(component, 0.0);
    }

    /**
     * A copy with other ceilings on metrics no real market model reaches, e.g.
     * {@code Plausibility.defaults().withMaxSharpe(6)}.
     *
     * @param value the ceilings
     * @return the copy
     */
    public MarketOptions withPlausibility(Plausibility value) {
        return new MarketOptions(annualisation, costBps, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe,
                weights, java.util.Objects.requireNonNull(value, "value"));
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
