// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Tensor;

/** {@code max(x, 0)}. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
