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
    /** For {@code x.select(selectDim, selectIndex)}, whose gradient {@link GradSum} places (no {@link #backward}); else -1. */
    private final int selectDim;
    private final int selectIndex;

    /**
     * @param name     shown in errors and graph dumps, e.g. {@code MatmulBackward}
     * @param inputs   the operation's tensor inputs, in order
     * @param backward maps d(loss)/d(output) to d(loss)/d(input) for each input (null where none is needed)
     */
    public Node(String name, Tensor[] inputs, Function<Tensor, Tensor[]> backward) {
        this(name, inputs, backward, -1, -1);
    }

    private Node(String name, Tensor[] inputs, Function<Tensor, Tensor[]> backward, int selectDim, int selectIndex) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
        this.selectDim = selectDim;
        this.selectIndex = selectIndex;
    }

    /**
     * {@code x.select(dim, index)}'s node. It has no backward function: backward hands its gradient to the input's
     * {@link GradSum} as a slice, and never calls {@link #apply} on it.
     */
    static Node select(Tensor x, int dim, int index) {
        return new Node("SelectBackward", new Tensor[] {x}, null, dim, index);
    }

    /** The dimension this node selects along, or -1 when it is no select. */
    int selectDim() {
        return selectDim;
    }

    int selectIndex() {
        return selectIndex;
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
