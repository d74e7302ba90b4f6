// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Tensor;

/** {@code GELU(x) = x * Phi(x)}, exact (erf-based) by default, or its tanh approximation. */
public final class GELU extends Module {
    private final boolean tanh;

    public GELU() {
        this(false);
    }

    /** @param tanh use the tanh approximation ({@code approximate='tanh'}) */
    public GELU(boolean tanh) {
        this.tanh = tanh;
    }

    /** Whether this is the tanh approximation. */
    public boolean approximate() {
        return tanh;
    }

    @Override
    public Tensor forward(Tensor x) {
        return tanh ? x.geluTanh() : x.gelu();
    }

    @Override
    public String toString() {
        return tanh ? "GELU(approximate='tanh')" : "GELU(approximate='none')";
    }
}
