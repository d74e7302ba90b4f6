// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** {@code y = x W^T + b}, as {@code nn.Linear(inFeatures, outFeatures)}: weight {@code [out, in]}, bias {@code [out]}. */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(int inFeatures, int outFeatures, Generator gen) {
        this(inFeatures, outFeatures, true, gen);
    }

    public Linear(int inFeatures, int outFeatures, boolean withBias, Generator gen) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Init.fanIn(Shape.of(outFeatures, inFeatures), inFeatures, gen));
        this.bias = withBias ? registerParameter("bias", Init.fanIn(Shape.of(outFeatures), inFeatures, gen)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.linear(x, weight.value(), bias == null ? null : bias.value(), null);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when built without one. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "Linear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null) + ")";
    }
}
