// SPDX-License-Identifier: MIT
package vit.encoder.exercises;

import java.util.List;
import vit.nn.Module;
import vit.tensor.Tensor;

/**
 * Exercise 06.3 (see {@code 06-encoder/EXERCISES.md}): how the size of the token stream changes along the
 * encoder, pre-norm against post-norm. Check it with {@code mvn -pl 06-encoder test -Pexercises}.
 */
public final class NormGrowth {
    private NormGrowth() {
    }

    /**
     * Exercise 06.3: apply {@code blocks} one after the other to {@code x} and return, after each block, the
     * root mean square of all the numbers in the stream, {@code sqrt(mean(x^2))}.
     */
    public static double[] rmsAfterEachBlock(List<? extends Module> blocks, Tensor x) {
        throw new UnsupportedOperationException("Exercise 06.3: measure the stream after each block (NormGrowth.rmsAfterEachBlock)");
    }
}
