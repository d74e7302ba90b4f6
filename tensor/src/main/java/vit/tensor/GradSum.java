// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.Arrays;

/**
 * The gradient of one tensor while backward collects it: the dense contributions added up, and the slices that
 * {@code SelectBackward} gives, kept as they came until the gradient is needed.
 *
 * <p>Why not the zero tensor with one slice filled that PyTorch's select backward makes: attention selects q, k and v
 * from one {@code [3, B, H, N, d]} tensor, so a training step zeroed three such tensors per block, added them up in
 * two more passes, and then copied the sum into the layout of the linear layer that made them. Here the three slices
 * are copied once into one tensor, laid out as the selected-from tensor is, with no zeroing when the slices cover it.
 */
final class GradSum {
    private Tensor dense;
    /** The slices along {@link #dim}, by index; null where none came. */
    private Tensor[] slices;
    private int dim = -1;
    private int count;

    /** Adds a whole gradient. */
    void add(Tensor g) {
        dense = dense == null ? g : dense.add(g);
    }

    /** Adds {@code g} as the gradient of {@code x.select(d, index)}. */
    void addSlice(Tensor x, int d, int index, Tensor g) {
        if (slices != null && d != dim) {
            add(slices(x));
        }
        if (slices == null) {
            slices = new Tensor[x.size(d)];
            dim = d;
            count = 0;
        }
        if (slices[index] == null) {
            slices[index] = g;
            count++;
        } else {
            slices[index] = slices[index].add(g);
        }
    }

    /** The gradient of {@code x}, the sum of all that came. */
    Tensor sum(Tensor x) {
        if (slices == null) {
            return dense;
        }
        Tensor s = slices(x);
        return dense == null ? s : dense.add(s);
    }

    /** The slices written into one tensor of x's shape and layout; zeros where no slice came. */
    private Tensor slices(Tensor x) {
        Tensor out = like(x, count < slices.length);
        for (int i = 0; i < slices.length; i++) {
            if (slices[i] != null) {
                out.backend().copy(slices[i], out.select(dim, i));
            }
        }
        slices = null;
        dim = -1;
        return out;
    }

    /**
     * A new tensor of x's shape whose elements lie in memory in the order x's do, when x covers its storage densely (a
     * permuted contiguous tensor, as attention's rearranged q, k, v are): then the gradient reaches the layer that made
     * x contiguous, and its reshapes stay views. Contiguous otherwise.
     */
    private static Tensor like(Tensor x, boolean zeroed) {
        int rank = x.rank();
        int[] strides = x.strides();
        // outermost first: the dimensions of size above 1 by falling stride, then those of size 1 (anywhere will do)
        Integer[] order = new Integer[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> x.size(a) == 1 || x.size(b) == 1
            ? Boolean.compare(x.size(a) == 1, x.size(b) == 1)
            : Integer.compare(strides[b], strides[a]));
        int[] sizes = new int[rank];
        long expected = 1;
        boolean dense = true;
        for (int k = rank - 1; k >= 0; k--) {
            int d = order[k];
            sizes[k] = x.size(d);
            if (sizes[k] != 1 && strides[d] != expected) {
                dense = false;
            }
            expected *= sizes[k];
        }
        Backend b = x.backend();
        Storage s = zeroed ? b.allocate(x.numel()) : b.allocateUninitialized(x.numel());
        if (!dense) {
            return Tensor.wrap(s, x.shape());
        }
        int[] back = new int[rank];
        for (int k = 0; k < rank; k++) {
            back[order[k]] = k;
        }
        return Views.permute(Tensor.wrap(s, Shape.of(sizes)), back);
    }
}
