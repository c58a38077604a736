package dev.modelregistry.trainer.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceRoundsWithoutStrictImprovement() {
        EarlyStopping s = new EarlyStopping(2);
        assertThat(s.record(1, 1.0)).isTrue();
        assertThat(s.record(2, 0.5)).isTrue();
        assertThat(s.record(3, 0.5)).isFalse();
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.record(4, 0.7)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestIteration()).isEqualTo(2);
    }

    @Test
    void anImprovementResetsThePatience() {
        EarlyStopping s = new EarlyStopping(2);
        s.record(1, 1.0);
        s.record(2, 2.0);
        s.record(3, 0.9);
        s.record(4, 2.0);
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.bestIteration()).isEqualTo(3);
    }

    @Test
    void nanIsNeverAnImprovement() {
        EarlyStopping s = new EarlyStopping(1);
        assertThat(s.record(1, Double.NaN)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestIteration()).isZero();
    }

    @Test
    void patienceMustBePositive() {
        assertThatThrownBy(() -> new EarlyStopping(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
