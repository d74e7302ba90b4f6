// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.function.Function;

/**
 * One recorded operation of the autograd graph: its inputs, and how to turn the gradient of its output
 * into gradients of its inputs (reverse mode). Backward formulas are written with tensor operations, so
 * they run on whatever device the tensors live on.
 */
public final class Node {
    private final String name;
    private final Tensor[] inputs;
    private final Function<Tensor, Tensor[]> backward;

    /**
     * @param name     shown in errors and graph dumps, e.g. {@code MatmulBackward}
     * @param inputs   the operation's tensor inputs, in order
     * @param backward maps d(loss)/d(output) to d(loss)/d(input) for each input (null where none is needed)
     */
    public Node(String name, Tensor[] inputs, Function<Tensor, Tensor[]> backward) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
    }

    public String name() {
        return name;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Tensor[] apply(Tensor gradOutput) {
        Tensor[] g = backward.apply(gradOutput);
        if (g.length != inputs.length) {
            throw new IllegalStateException(name + " returned " + g.length + " gradients for " + inputs.length + " inputs");
        }
        return g;
    }

    @Override
    public String toString() {
        return name;
    }
}
