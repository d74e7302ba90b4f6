// SPDX-License-Identifier: MIT
package vit.model.exercises;

import vit.tensor.Tensor;

/**
 * Exercise 07.4 (see {@code 07-head-and-vit/EXERCISES.md}): from logits to a top-5 list. Check it with
 * {@code mvn -pl 07-head-and-vit test -Pexercises -Dtest=PredictionsTest}.
 */
public final class Predictions {
    private Predictions() {
    }

    /** Exercise 07.4: the softmax of one image's logits {@code [classes]}, by hand, safe for logits like 1000. */
    public static double[] probabilities(Tensor logits) {
        throw new UnsupportedOperationException("Exercise 07.4: softmax by hand (Predictions.probabilities)");
    }

    /** Exercise 07.4: the indices of the {@code k} largest logits, largest first (the lower index first on a tie). */
    public static int[] topK(Tensor logits, int k) {
        throw new UnsupportedOperationException("Exercise 07.4: the top k classes (Predictions.topK)");
    }
}
