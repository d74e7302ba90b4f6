// SPDX-License-Identifier: MIT
package vit.model.exercises;

import vit.tensor.Tensor;

/** Solution of exercise 07.4 (see {@code 07-head-and-vit/EXERCISES.md}). */
public final class Predictions {
    private Predictions() {
    }

    /** Exercise 07.4: the softmax of one image's logits {@code [classes]}, by hand, safe for logits like 1000. */
    public static double[] probabilities(Tensor logits) {
        float[] z = logits.toFloatArray();
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);     // exp(1000) overflows; exp(1000 - max) cannot
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Exercise 07.4: the indices of the {@code k} largest logits, largest first (the lower index first on a tie). */
    public static int[] topK(Tensor logits, int k) {
        float[] z = logits.toFloatArray();
        if (k < 0 || k > z.length) {
            throw new IllegalArgumentException("top " + k + " of " + z.length + " classes");
        }
        int[] top = new int[k];
        boolean[] taken = new boolean[z.length];
        for (int r = 0; r < k; r++) {
            int best = -1;
            for (int i = 0; i < z.length; i++) {
                if (!taken[i] && (best < 0 || z[i] > z[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            top[r] = best;
        }
        return top;
    }
}
