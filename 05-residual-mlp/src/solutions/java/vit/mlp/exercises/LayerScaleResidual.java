// SPDX-License-Identifier: MIT
package vit.mlp.exercises;

import vit.nn.Module;
import vit.nn.Parameter;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Solution of exercise 05.4 (see {@code 05-residual-mlp/EXERCISES.md}): {@code x + gamma * fn(x)}, a
 * per-channel scale on the branch that starts small so that every block starts close to the identity.
 */
public final class LayerScaleResidual extends Module {
    private final Module fn;
    private final Parameter gamma;

    public LayerScaleResidual(Module fn, int embSize, float init) {
        this.fn = registerModule("fn", fn);
        this.gamma = registerParameter("gamma", Tensor.full(Shape.of(embSize), init));
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.add(fn.apply(x).mul(gamma.value()));    // gamma [E] broadcasts over [B, N, E]
    }

    public Parameter gamma() {
        return gamma;
    }
}
