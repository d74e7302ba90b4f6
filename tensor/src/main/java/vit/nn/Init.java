// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** Weight initialisations, each from an explicit generator. */
public final class Init {
    private Init() {
    }

    /** Uniform in {@code [-bound, bound)}. */
    public static Tensor uniform(Shape shape, float bound, Generator gen) {
        return Tensor.rand(shape, gen).mul(2 * bound).sub(bound);
    }

    /**
     * PyTorch's default for Linear and Conv2d ({@code kaiming_uniform_(a=sqrt(5))} for weights and the same
     * bound for biases): uniform in {@code +-1/sqrt(fanIn)}.
     */
    public static Tensor fanIn(Shape shape, int fanIn, Generator gen) {
        return uniform(shape, (float) (1 / Math.sqrt(fanIn)), gen);
    }

    /** Normal with mean 0 and the given standard deviation. */
    public static Tensor normal(Shape shape, float std, Generator gen) {
        return Tensor.randn(shape, gen).mul(std);
    }
}
