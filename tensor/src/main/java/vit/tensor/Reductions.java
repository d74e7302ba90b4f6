// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.Arrays;

/** Sums, means, maxima and minima over dimensions, and their gradients. */
final class Reductions {
    private Reductions() {
    }

    static Tensor reduce(ReduceOp op, Tensor x, int[] dims, boolean keepdim) {
        x.checkOpen();
        int r = x.rank();
        boolean[] reduced = new boolean[r];
        for (int d : dims) {
            int n = x.shape().normalize(d);
            if (reduced[n]) {
                throw new IllegalArgumentException(op.name().toLowerCase(java.util.Locale.ROOT) + ": dim " + n + " appears multiple times in "
                    + Arrays.toString(dims) + " for shape " + x.shape());
            }
            reduced[n] = true;
        }
        int[] sorted = new int[dims.length];
        int k = 0;
        int[] keptSizes = x.shape().dims();
        for (int i = 0; i < r; i++) {
            if (reduced[i]) {
                sorted[k++] = i;
                if (x.size(i) == 0 && op != ReduceOp.SUM && op != ReduceOp.MEAN) {
                    throw new IllegalArgumentException(op + " over an empty dimension " + i + " of shape " + x.shape());
                }
                keptSizes[i] = 1;
            }
        }
        if (op == ReduceOp.ARGMAX && dims.length != 1) {
            throw new IllegalArgumentException("argmax reduces exactly one dimension, got " + Arrays.toString(dims));
        }
        Shape keep = Shape.of(keptSizes);
        Tensor kept = Tensor.wrap(x.backend().allocate(keep.numel()), keep);
        x.backend().reduce(op, x, sorted, kept);
        Tensor out = kept;
        if (!keepdim) {
            int[] squeezed = new int[r - dims.length];
            int j = 0;
            for (int i = 0; i < r; i++) {
                if (!reduced[i]) {
                    squeezed[j++] = keptSizes[i];
                }
            }
            out = kept.view(Shape.of(squeezed), Shape.of(squeezed).contiguousStrides(), 0);
        }
        if (!Autograd.needed(x) || op == ReduceOp.ARGMAX) {
            return out;
        }
        Tensor result = out;
        String name = op.name().charAt(0) + op.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "Backward";
        return Autograd.record(out, name, new Tensor[] {x}, g -> {
            Tensor gk = g.reshape(keptSizes);
            switch (op) {
                case SUM:
                    return new Tensor[] {gk.expand(x.shape()).contiguous()};
                case MEAN:
                    long count = x.numel() / Math.max(1, keep.numel());
                    return new Tensor[] {gk.div((float) count).expand(x.shape()).contiguous()};
                default:
                    // MAX/MIN: the gradient is shared among the elements equal to the extreme value.
                    Tensor hit = x.eq(result.reshape(keptSizes));
                    Tensor count2 = hit.sum(sorted, true);
                    return new Tensor[] {hit.mul(gk.div(count2))};
            }
        });
    }

    /** Sums {@code g} down to {@code shape}, undoing a broadcast (leading dims, and size-1 dims). */
    static Tensor sumTo(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        int lead = g.rank() - shape.rank();
        int[] dims = new int[g.rank()];
        int k = 0;
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (shape.dim(i - lead) == 1 && g.size(i) != 1)) {
                dims[k++] = i;
            }
        }
        Tensor s = k == 0 ? g : g.sum(Arrays.copyOf(dims, k), true);
        return s.reshape(shape.dims());
    }
}
