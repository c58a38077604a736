package dev.modelregistry.trainer.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.api.TrainingFailedException;
import java.io.IOException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Cuts a booster after early stopping to its best round, as the plain trainer keeps a snapshot of the best round:
 * xgboost4j-spark hands back every round up to the stop and xgboost4j has no slice, so the trees after the best
 * round are removed from the model's JSON form (one tree per round for the objectives used here), and the
 * result is loaded back and saved in UBJSON.
 *
 * <p>Stateless and thread-safe.
 */
final class BoosterTrim {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BoosterTrim() {
    }

    /**
     * The first {@code rounds} rounds of a booster, in UBJSON, with the best round recorded as the plain trainer
     * records it.
     *
     * @param booster the booster
     * @param rounds how many rounds to keep, from 1
     * @return the model bytes
     */
    static byte[] firstRounds(Booster booster, int rounds) {
        try {
            ObjectNode model = (ObjectNode) JSON.readTree(booster.toByteArray("json"));
            ObjectNode gb = (ObjectNode) model.path("learner").path("gradient_booster").path("model");
            ArrayNode trees = (ArrayNode) gb.get("trees");
            ArrayNode info = (ArrayNode) gb.get("tree_info");
            ArrayNode indptr = (ArrayNode) gb.get("iteration_indptr");
            if (indptr == null || indptr.size() <= rounds) {
                throw new TrainingFailedException("the booster has fewer than " + rounds + " rounds");
            }
            int keep = indptr.get(rounds).asInt();
            while (trees.size() > keep) {
                trees.remove(trees.size() - 1);
                info.remove(info.size() - 1);
            }
            while (indptr.size() > rounds + 1) {
                indptr.remove(indptr.size() - 1);
            }
            ((ObjectNode) gb.get("gbtree_model_param")).put("num_trees", Integer.toString(keep));
            Booster cut = XGBoost.loadModel(JSON.writeValueAsBytes(model));
            try {
                // the plain trainer reads the kept round back from this attribute (0-based, as xgboost writes it)
                cut.setAttr("best_iteration", Integer.toString(rounds - 1));
                return cut.toByteArray("ubj");
            } finally {
                cut.dispose();
            }
        } catch (XGBoostError | IOException | ClassCastException e) {
            throw new TrainingFailedException("cannot cut the booster to its best round " + rounds + ": "
                    + e.getMessage(), e);
        }
    }
}
