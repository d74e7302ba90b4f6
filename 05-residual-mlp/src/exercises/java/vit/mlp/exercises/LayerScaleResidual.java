// SPDX-License-Identifier: MIT
package vit.mlp.exercises;

import vit.nn.Module;
import vit.nn.Parameter;
import vit.tensor.Tensor;

/**
 * Exercise 05.4 (see {@code 05-residual-mlp/EXERCISES.md}): a residual with LayerScale (CaiT; timm's
 * {@code ls1}/{@code ls2}): {@code x + gamma * fn(x)}, with a learned {@code gamma} {@code [E]} registered
 * under the name {@code gamma} and filled with {@code init}. Check it with
 * {@code mvn -pl 05-residual-mlp test -Pexercises}.
 */
public final class LayerScaleResidual extends Module {
    public LayerScaleResidual(Module fn, int embSize, float init) {
        // Exercise 05.4: register fn and gamma.
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("Exercise 05.4: x + gamma * fn(x) (LayerScaleResidual.forward)");
    }

    public Parameter gamma() {
        throw new UnsupportedOperationException("Exercise 05.4: return gamma (LayerScaleResidual.gamma)");
    }
}
