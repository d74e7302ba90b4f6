// SPDX-License-Identifier: MIT
package vit.mlp.exercises;

import vit.mlp.FeedForwardBlock;
import vit.tensor.Tensor;

/**
 * Exercises 05.2 and 05.3 (see {@code 05-residual-mlp/EXERCISES.md}): how much the activation matters.
 * Replace each {@code throw} with your code, then check it: {@code mvn -pl 05-residual-mlp test -Pexercises}.
 */
public final class GeluVsRelu {
    private GeluVsRelu() {
    }

    /**
     * Exercise 05.2: run {@code x} through {@code block} and through a {@link ReluFeedForwardBlock} holding the
     * same weights, and return {@code ||relu - gelu|| / ||gelu||} (Euclidean norms over all elements).
     */
    public static double relativeChange(FeedForwardBlock block, Tensor x) {
        throw new UnsupportedOperationException("Exercise 05.2: measure how much ReLU changes the block's output (GeluVsRelu.relativeChange)");
    }

    /** Exercise 05.3: GELU's tanh approximation, {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}, with tensor ops. */
    public static Tensor geluTanh(Tensor x) {
        throw new UnsupportedOperationException("Exercise 05.3: write GELU's tanh approximation (GeluVsRelu.geluTanh)");
    }
}
