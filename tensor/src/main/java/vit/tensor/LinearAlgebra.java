// SPDX-License-Identifier: MIT
package vit.tensor;

/** Matrix products with PyTorch's {@code matmul} rules, and their gradients. */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        Elementwise.sameDevice("matmul", a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got " + a.shape() + " and " + b.shape());
        }
        if (a.rank() == 1 || b.rank() == 1) {
            int kb = b.rank() == 1 ? b.size(0) : b.size(-2);
            if (a.size(-1) != kb) {
                throw new IllegalArgumentException("matmul: shapes " + a.shape() + " and " + b.shape() + " cannot be multiplied ("
                    + a.size(-1) + " vs " + kb + " inner elements)");
            }
        }
        if (a.rank() == 1 && b.rank() == 1) {
            return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape(); // the dot product, 0-d as in PyTorch
        }
        if (a.rank() == 1) {
            return matmul(a.unsqueeze(0), b).squeeze(-2);
        }
        if (b.rank() == 1) {
            return matmul(a, b.unsqueeze(1)).squeeze(-1);
        }
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        if (b.size(-2) != k) {
            throw new IllegalArgumentException("matmul: shapes " + a.shape() + " and " + b.shape() + " cannot be multiplied ("
                + m + "x" + k + " and " + b.size(-2) + "x" + n + ")");
        }
        if (b.rank() == 2 && a.rank() > 2) {
            // A weight shared by a batch (a Linear's): one [M, k] @ [k, n] product over all rows, as PyTorch folds the
            // batch into M, not one small product per batch element. Each element is the same chain of multiply-adds.
            int[] dims = a.shape().dims().clone();
            dims[dims.length - 1] = n;
            return matmul(a.reshape(-1, k), b).reshape(dims);
        }
        Shape batchA = Shape.of(java.util.Arrays.copyOf(a.shape().dims(), a.rank() - 2));
        Shape batchB = Shape.of(java.util.Arrays.copyOf(b.shape().dims(), b.rank() - 2));
        Shape batch;
        try {
            batch = Shape.broadcast(batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: batch dimensions of " + a.shape() + " and " + b.shape() + " do not broadcast", e);
        }
        int[] outDims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        int[] aDims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        aDims[batch.rank()] = m;
        aDims[batch.rank() + 1] = k;
        int[] bDims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        bDims[batch.rank()] = k;
        bDims[batch.rank() + 1] = n;
        Shape outShape = Shape.of(outDims);
        a.checkOpen();
        b.checkOpen();
        Tensor out = Tensor.wrap(a.backend().allocateUninitialized(outShape.numel()), outShape);
        try (var off = GradMode.disabled()) {
            a.backend().matmul(a.expand(aDims), b.expand(bDims), out);
        }
        return Autograd.record(out, "MatmulBackward", new Tensor[] {a, b}, g -> new Tensor[] {
            a.requiresGrad() ? Reductions.sumTo(g.matmul(b.mT()), a.shape()) : null,
            b.requiresGrad() ? weightGrad(a, b, g) : null});
    }

    /**
     * d(loss)/d(b) for {@code a @ b}. A 2-D {@code b} shared by a batch of {@code a} (a Linear's weight) gets one
     * product over all rows, {@code a.reshape(-1, k)^T @ g.reshape(-1, n)}, instead of one product per batch
     * element summed afterwards: the same sum, one GEMM.
     */
    private static Tensor weightGrad(Tensor a, Tensor b, Tensor g) {
        if (b.rank() == 2 && a.rank() > 2) {
            int k = a.size(-1);
            int n = g.size(-1);
            return a.reshape(-1, k).mT().matmul(g.reshape(-1, n));
        }
        return Reductions.sumTo(a.mT().matmul(g), b.shape());
    }
}
