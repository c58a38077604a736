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
 * <p>Annualisation: by default ({@link #INFER_ANNUALISATION}) the periods a year are inferred from the
 * predictions' dates and shown in the report as a {@link BarFrequency}. Dates are read as epoch seconds
 * (epoch milliseconds when they are 10¹¹ or more; a counter such as a day number when every date is below
 * 10⁸). With {@code Δ} the median spacing between consecutive distinct dates:
 * <ul>
 *   <li>no dates, or a counter: 252 (one period per distinct date, read as a trading day);</li>
 *   <li>{@code Δ} of 20 hours to 4 days: daily, 252 trading days; 365 when weekend days are more than a
 *       tenth of the dates (a market that trades every day, such as crypto);</li>
 *   <li>{@code Δ} up to 10 days: weekly, 52; 25 to 35 days: monthly, 12; 80 to 100 days: quarterly, 4;
 *       350 to 380 days: yearly, 1; other spacings of a day or more: {@code round(365.25 days / Δ)};</li>
 *   <li>{@code Δ} under 20 hours: intraday. Bars a day {@code b} is the median number of bars per UTC
 *       calendar day that has any. If {@code b · Δ} covers at least 20 hours the market trades around the
 *       clock (24-hour FX): {@code b × 260} weekdays a year, or {@code b × 365} when weekend days are more than
 *       a tenth of the trading days (crypto; a trading day holds at least half of {@code b} bars, so FX's
 *       Sunday-evening open does not count); otherwise it has a session (equities): {@code b × 252}.
 *       Half-hourly FX is thus 48 × 260 = 12 480 a year and half-hourly equities 13 × 252 = 3 276; a fixed 252
 *       would understate their Sharpe ratios by √(12 480 / 252) ≈ 7 and √13 ≈ 3.6.</li>
 * </ul>
 * Fix the factor with {@link #withAnnualisation(int)} when the rule does not fit the market.
 *
 * <p>Immutable and thread-safe.
 *
 * @param annualisation periods per year for annualised return, volatility and Sharpe, or
 *     {@link #INFER_ANNUALISATION} (0) to infer them from the dates
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
    /** The annualisation that means "infer the periods a year from the dates" (the default). */
    public static final int INFER_ANNUALISATION = 0;

    /**
     * Validates the settings and copies the weights.
     *
     * @param annualisation at least 1, or {@link #INFER_ANNUALISATION}
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
        if (annualisation < 0) {
            throw new InvalidArgumentException("annualisation must be >= 1 (or 0 to infer it from the dates), got "
                    + annualisation);
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
     * The defaults: periods a year inferred from the dates (252 without dates), no cost; gates hit rate 0.5, hit-rate p-value 0.05, drawdown 0.25,
     * IC 0, Sharpe 0; weights hit_rate 0.25, ic 0.25, sharpe 0.2, max_drawdown 0.1; default
     * {@linkplain Plausibility#defaults() plausibility ceilings}.
     *
     * @return the default settings
     */
    public static MarketOptions defaults() {
        return new MarketOptions(INFER_ANNUALISATION, 0, 0.5, 0.05, 0.25, 0.0, 0.0,
                Map.of("hit_rate", 0.25, "ic", 0.25, "sharpe", 0.2, "max_drawdown", 0.1), Plausibility.defaults());
    }

    /**
     * A copy with a fixed annualisation factor instead of the one inferred from the dates.
     *
     * @param value periods per year, at least 1 (252 trading days, 12 480 half-hours of 24-hour FX on weekdays)
     * @return the copy
     * @throws InvalidArgumentException if {@code value} is below 1
     */
    public MarketOptions withAnnualisation(int value) {
        if (value < 1) {
            throw new InvalidArgumentException("annualisation must be >= 1, got " + value
                    + "; use withInferredAnnualisation() to infer it");
        }
        return new MarketOptions(value, costBps, minHitRate, maxHitRatePValue, maxDrawdown, minIc, minSharpe, weights,
                plausibility);
    }

    /**
     * A copy that infers the annualisation factor from the dates (the default).
     *
     * @return the copy
     */
    public MarketOptions withInferredAnnualisation() {
        return new MarketOptions(INFER_ANNUALISATION, costBps, minHitRate, maxHitRatePValue, maxDrawdown, minIc,
                minSharpe, weights, plausibility);
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
