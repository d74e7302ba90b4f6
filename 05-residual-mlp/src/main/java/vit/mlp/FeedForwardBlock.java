// SPDX-License-Identifier: MIT
package vit.mlp;

import vit.nn.Dropout;
import vit.nn.GELU;
import vit.nn.Linear;
import vit.nn.Sequential;
import vit.nn.Summary;
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.Tensor;
import vit.tensor.UnaryOp;

/**
 * The MLP of each encoder block, a subclass of Sequential as in the article:
 * {@code Linear(E, expansion*E) -> GELU -> Dropout -> Linear(expansion*E, E)}, applied to every token.
 *
 * <p>It runs its layers in that order, with one shortcut that changes no number: {@code fc1} and the GELU run as one
 * {@link Functional#linear(Tensor, Tensor, Tensor, UnaryOp) linear with an activation}, which on the CPU applies the
 * GELU as each tile of the product finishes instead of in a second pass over a second {@code [B, N, expansion*E]}
 * tensor. The shortcut lives here, where the two layers are known, not in {@link Sequential}, which only applies its
 * children in order. It records the gradients the two layers would, and while a {@link Summary} records the layers'
 * outputs the layers run one by one.
 */
public class FeedForwardBlock extends Sequential {
    public FeedForwardBlock(int embSize, int expansion, float dropout, Generator gen) {
        super(new Linear(embSize, expansion * embSize, gen),
              new GELU(),
              new Dropout(dropout, gen),
              new Linear(expansion * embSize, embSize, gen));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (Summary.isRecording()) {
            return super.forward(x);
        }
        Linear fc1 = fc1();
        Tensor hidden = Functional.linear(x, fc1.weight().value(), fc1.bias().value(), UnaryOp.GELU);   // (B, N, expansion*E)
        return fc2().apply(get(2).apply(hidden));
    }

    public Linear fc1() {
        return (Linear) get(0);
    }

    public Linear fc2() {
        return (Linear) get(3);
    }
}
