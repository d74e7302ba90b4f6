// SPDX-License-Identifier: MIT
package vit.encoder.exercises;

import java.util.List;
import vit.nn.Module;
import vit.tensor.Tensor;

/** Solution of exercise 06.3 (see {@code 06-encoder/EXERCISES.md}). */
public final class NormGrowth {
    private NormGrowth() {
    }

    /**
     * Exercise 06.3: apply {@code blocks} one after the other to {@code x} and return, after each block, the
     * root mean square of all the numbers in the stream, {@code sqrt(mean(x^2))}.
     */
    public static double[] rmsAfterEachBlock(List<? extends Module> blocks, Tensor x) {
        double[] rms = new double[blocks.size()];
        for (int i = 0; i < rms.length; i++) {
            x = blocks.get(i).apply(x);
            rms[i] = Math.sqrt(x.mul(x).mean().item());
        }
        return rms;
    }
}
