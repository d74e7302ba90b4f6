// SPDX-License-Identifier: MIT
package vit.model.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

/**
 * The checks of exercise 07.4: softmax values worked out by hand, and a top-k by sorting. Run them on your
 * code with {@code mvn -pl 07-head-and-vit test -Pexercises -Dtest=PredictionsTest}.
 */
class PredictionsTest {
    @Test
    @DisplayName("Exercise 07.4: softmax by hand, even for logits whose exp overflows")
    void ex4_probabilities() {
        double[] p = Predictions.probabilities(Tensor.of(new float[] {0f, (float) Math.log(3)}, 2));
        assertThat(p).containsExactly(new double[] {0.25, 0.75}, offset(1e-6));
        double[] big = Predictions.probabilities(Tensor.of(new float[] {1000f, 1000f, 999f}, 3));
        double e = Math.exp(-1);
        assertThat(big).as("softmax(1000, 1000, 999): exp(1000) is infinite in float and double")
            .containsExactly(new double[] {1 / (2 + e), 1 / (2 + e), e / (2 + e)}, offset(1e-6));
        assertThat(Predictions.probabilities(Tensor.of(new float[] {-5f, 2f, 7f, 0f}, 4)))
            .containsExactly(new double[] {
                Math.exp(-5) / (Math.exp(-5) + Math.exp(2) + Math.exp(7) + 1),
                Math.exp(2) / (Math.exp(-5) + Math.exp(2) + Math.exp(7) + 1),
                Math.exp(7) / (Math.exp(-5) + Math.exp(2) + Math.exp(7) + 1),
                1 / (Math.exp(-5) + Math.exp(2) + Math.exp(7) + 1)}, offset(1e-6));
    }

    @Test
    @DisplayName("Exercise 07.4: the top k, largest first, ties to the lower index")
    void ex4_topK() {
        Tensor logits = Tensor.of(new float[] {0.5f, 3f, -1f, 3f, 2f, 9f, 0f}, 7);
        assertThat(Predictions.topK(logits, 5)).containsExactly(5, 1, 3, 4, 0);
        assertThat(Predictions.topK(logits, 1)).containsExactly(5);
        assertThat(Predictions.topK(logits, 7)).containsExactly(5, 1, 3, 4, 0, 6, 2);
    }
}
