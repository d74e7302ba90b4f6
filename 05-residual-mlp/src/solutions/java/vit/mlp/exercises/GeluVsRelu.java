// SPDX-License-Identifier: MIT
package vit.mlp.exercises;

import vit.mlp.FeedForwardBlock;
import vit.tensor.Generator;
import vit.tensor.Tensor;

/** Solutions of exercises 05.2 and 05.3 (see {@code 05-residual-mlp/EXERCISES.md}). */
public final class GeluVsRelu {
    private GeluVsRelu() {
    }

    /**
     * Exercise 05.2: run {@code x} through {@code block} and through a {@link ReluFeedForwardBlock} holding the
     * same weights, and return {@code ||relu - gelu|| / ||gelu||} (Euclidean norms over all elements).
     */
    public static double relativeChange(FeedForwardBlock block, Tensor x) {
        int e = block.fc1().weight().shape().dim(1);
        int expansion = block.fc1().weight().shape().dim(0) / e;
        ReluFeedForwardBlock relu = new ReluFeedForwardBlock(e, expansion, 0f, new Generator(0));
        relu.fc1().weight().set(block.fc1().weight().value());
        relu.fc1().bias().set(block.fc1().bias().value());
        relu.fc2().weight().set(block.fc2().weight().value());
        relu.fc2().bias().set(block.fc2().bias().value());
        boolean training = block.isTraining();
        block.eval();                                        // no dropout while measuring
        Tensor gelu = block.apply(x);
        block.train(training);
        Tensor diff = relu.eval().apply(x).sub(gelu);
        return Math.sqrt(diff.mul(diff).sum().item()) / Math.sqrt(gelu.mul(gelu).sum().item());
    }

    /** Exercise 05.3: GELU's tanh approximation, {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}, with tensor ops. */
    public static Tensor geluTanh(Tensor x) {
        Tensor inner = x.add(x.pow(3f).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
        return x.mul(0.5f).mul(inner.tanh().add(1f));
    }
}
