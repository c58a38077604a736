package dev.modelregistry.trainer.tribuo;

import dev.modelregistry.api.InvalidArgumentException;
import dev.modelregistry.api.training.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Converts between this library's rows and Tribuo's examples.
 *
 * <p>Features are named by position ({@code f0}, {@code f1}, …) inside the Tribuo model, so a model
 * read back knows its column order from its width alone; the registry's manifest keeps the real
 * names. The single output dimension is called {@value #TARGET}.
 *
 * <p>Thread-safe: stateless.
 */
final class TribuoData {
    /** The name of the one regression output dimension. */
    static final String TARGET = "target";

    /** One fixed factory: regression only, default dimension separator. */
    static final RegressionFactory FACTORY = new RegressionFactory();

    /** Tribuo uses this output for examples to be predicted; its value is ignored. */
    private static final Regressor UNKNOWN = RegressionFactory.UNKNOWN_REGRESSOR;

    /** The widest model read or built; the width often comes from a stored manifest, so it is bounded first. */
    static final int MAX_FEATURES = 1_000_000;

    private TribuoData() {
    }

    /**
     * Refuses a width outside 1..{@value #MAX_FEATURES} before anything is sized by it.
     *
     * @param featureCount the width
     * @throws InvalidArgumentException if it is out of bounds
     */
    static void checkFeatureCount(int featureCount) {
        if (featureCount < 1 || featureCount > MAX_FEATURES) {
            throw new InvalidArgumentException("featureCount must be 1.." + MAX_FEATURES + ", got " + featureCount);
        }
    }

    /**
     * The Tribuo feature names for a width.
     *
     * @param featureCount the width
     * @return {@code f0} … {@code f(featureCount-1)}
     * @throws InvalidArgumentException if the width is outside 1..{@value #MAX_FEATURES}
     */
    static String[] featureNames(int featureCount) {
        checkFeatureCount(featureCount);
        String[] names = new String[featureCount];
        for (int i = 0; i < featureCount; i++) {
            names[i] = "f" + i;
        }
        return names;
    }

    /**
     * The column index of a Tribuo feature name this module created.
     *
     * @param name the name
     * @return the index, or -1 if the name is not of the form {@code f<index>}
     */
    static int featureIndex(String name) {
        if (name.length() < 2 || name.charAt(0) != 'f') {
            return -1;
        }
        try {
            int i = Integer.parseInt(name.substring(1));
            // Reject "f01", "f+1" and the like: only the exact form featureNames() produces counts.
            return ("f" + i).equals(name) ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Converts a training dataset, refusing rows that are not finite (the registry imputes first).
     *
     * @param data the rows and labels
     * @return a Tribuo dataset with one regression output named {@value #TARGET}
     * @throws InvalidArgumentException naming the first row with a NaN or infinite value
     */
    static MutableDataset<Regressor> toTribuo(Dataset data) {
        int p = data.featureCount();
        String[] names = featureNames(p);
        // The fingerprint ties Tribuo's data provenance to the exact rows the registry trained on.
        SimpleDataSourceProvenance source = new SimpleDataSourceProvenance(
                "model-registry dataset sha256:" + data.fingerprint(), FACTORY);
        MutableDataset<Regressor> out = new MutableDataset<>(source, FACTORY);
        for (int r = 0; r < data.rowCount(); r++) {
            double[] row = data.row(r);
            requireFinite(row, "row " + r);
            // ArrayExample copies and sorts names and values, so sharing the names array is safe.
            out.add(new ArrayExample<>(new Regressor(TARGET, data.label(r)), names, row));
        }
        return out;
    }

    /**
     * One example to predict.
     *
     * @param names the model's feature names, in column order
     * @param row the values; checked by the caller
     * @return the example
     */
    static Example<Regressor> example(String[] names, double[] row) {
        return new ArrayExample<>(UNKNOWN, names, row);
    }

    /**
     * Several examples to predict.
     *
     * @param names the model's feature names, in column order
     * @param rows the rows; checked by the caller
     * @return the examples
     */
    static List<Example<Regressor>> examples(String[] names, double[][] rows) {
        List<Example<Regressor>> out = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            out.add(example(names, row));
        }
        return out;
    }

    /**
     * Refuses NaN and infinite values.
     *
     * @param row the values
     * @param what how to name the row in the message
     * @throws InvalidArgumentException naming the row and column
     */
    static void requireFinite(double[] row, String what) {
        for (int c = 0; c < row.length; c++) {
            if (!Double.isFinite(row[c])) {
                throw new InvalidArgumentException(what + " has " + row[c] + " in column " + c
                        + "; Tribuo trainers need finite values (impute missing values first)");
            }
        }
    }
}
