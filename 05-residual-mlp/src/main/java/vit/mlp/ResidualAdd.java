// SPDX-License-Identifier: MIT
package vit.mlp;

import vit.nn.Module;
import vit.tensor.Tensor;

/** {@code x + fn(x)}: the skip connection around each sub-block of the encoder. */
public final class ResidualAdd extends Module {
    private final Module fn;

    public ResidualAdd(Module fn) {
        this.fn = registerModule("fn", fn);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.add(fn.apply(x));
    }

    /** The wrapped branch. */
    public Module fn() {
        return fn;
    }
}
