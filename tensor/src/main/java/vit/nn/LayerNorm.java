// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Functional;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Normalises each token over its last dimension, then scales and shifts:
 * {@code (x - mean) / sqrt(var + eps) * weight + bias}. The article uses PyTorch's default eps 1e-5,
 * timm's ViTs 1e-6.
 */
public final class LayerNorm extends Module {
    private final int size;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNorm(int size, float eps) {
        this.size = size;
        this.eps = eps;
        this.weight = registerParameter("weight", Tensor.ones(Shape.of(size)));
        this.bias = registerParameter("bias", Tensor.zeros(Shape.of(size)));
    }

    /** With PyTorch's default eps, 1e-5. */
    public LayerNorm(int size) {
        this(size, 1e-5f);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.size(-1) != size) {
            throw new IllegalArgumentException(this + " expects a last dimension of " + size + ", got input " + x.shape());
        }
        return Functional.layerNorm(x, weight.value(), bias.value(), eps);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public float eps() {
        return eps;
    }

    @Override
    public String toString() {
        return "LayerNorm((" + size + ",), eps=" + eps + ")";
    }
}
