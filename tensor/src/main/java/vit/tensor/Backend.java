// SPDX-License-Identifier: MIT
package vit.tensor;

/**
 * The kernels one device provides. {@link Tensor}'s operations check shapes, allocate the result and
 * record gradients; a backend only computes.
 *
 * <p>Contract for every kernel: inputs may be any strided view (a permuted, sliced or broadcast tensor,
 * where a broadcast dimension has stride 0), all on this backend's device; {@code out} is a fresh
 * contiguous tensor of the documented shape unless stated otherwise. Results must not depend on the
 * number of threads.
 */
public interface Backend {
    Device device();

    /** A zero-filled buffer of {@code length} floats. */
    Storage allocate(long length);

    /**
     * A buffer of {@code length} floats with any contents, for the {@code out} of a kernel that writes every element of it
     * ({@code torch.empty} to {@link #allocate}'s {@code torch.zeros}). A backend with nothing cheaper returns zeros.
     */
    default Storage allocateUninitialized(long length) {
        return allocate(length);
    }

    /** A buffer holding a copy of {@code host}. */
    Storage upload(float[] host);

    /** Copies {@code src} (any strides) into {@code dst} in row-major order. */
    void download(Tensor src, float[] dst);

    /** {@code dst[i] = src[i]} for every index; {@code dst} may itself be a strided view. Same shapes. */
    void copy(Tensor src, Tensor dst);

    /** {@code out[i] = op(x[i])}; same shapes. */
    void unary(UnaryOp op, Tensor x, Tensor out);

    /** {@code out[i] = op(a[i], b[i])}; {@code a} and {@code b} are already broadcast to out's shape. */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** {@code out[i] = op(a[i], s)}; same shapes. */
    void binaryScalar(BinaryOp op, Tensor a, float s, Tensor out);

    /** {@code out[i] = cond[i] != 0 ? a[i] : b[i]}; all three broadcast to out's shape. */
    void where(Tensor cond, Tensor a, Tensor b, Tensor out);

    /**
     * Reduces {@code x} over {@code dims} (sorted, distinct); {@code out} has x's rank with those dims of
     * size 1. {@link ReduceOp#ARGMAX} writes indices (over a single dim) as floats.
     */
    void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out);

    /**
     * Batched matrix product: {@code a} is {@code [batch..., M, K]}, {@code b} is {@code [batch..., K, N]}, both
     * already broadcast to out's batch dims, {@code out} is {@code [batch..., M, N]}. Strides of a and b are
     * arbitrary (a transposed view costs no copy where the backend can avoid it).
     */
    void matmul(Tensor a, Tensor b, Tensor out);

    /**
     * A linear layer, {@code out = activation(x @ weight^T + bias)}: {@code x} is {@code [batch..., M, K]} (rank 2 or
     * more), {@code weight} {@code [N, K]}, {@code bias} {@code [N]} or null, {@code activation} a unary op or null,
     * {@code out} {@code [batch..., M, N]}. The default composes {@link #matmul}, {@link #binary} and {@link #unary},
     * the last two in place in {@code out}; a backend may do it in one pass.
     */
    default void linear(Tensor x, Tensor weight, Tensor bias, UnaryOp activation, Tensor out) {
        int[] wDims = out.shape().dims().clone();
        wDims[wDims.length - 2] = x.size(-1);
        matmul(x, weight.mT().expand(wDims), out);
        if (bias != null) {
            binary(BinaryOp.ADD, out, bias.expand(out.shape()), out);
        }
        if (activation != null) {
            unary(activation, out, out);
        }
    }

    /** Softmax (or log-softmax) of {@code x} along {@code dim}. */
    void softmax(Tensor x, int dim, boolean log, Tensor out);

    /**
     * Layer norm over the last dimension: {@code (x - mean) / sqrt(var + eps) * weight + bias}, with the
     * biased variance; {@code weight}/{@code bias} are 1-D of the last dim's size. {@code mean} and
     * {@code rstd} (shape of x with last dim 1) receive the statistics the backward pass needs.
     */
    void layerNorm(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out, Tensor mean, Tensor rstd);

    /**
     * The gradients of {@link #layerNorm} given {@code g}, the gradient of its output, and the {@code mean} and
     * {@code rstd} it saved: with {@code xhat = (x - mean) rstd} and {@code gxhat = g weight},
     * {@code gx = (gxhat - mean(gxhat) - xhat mean(gxhat xhat)) rstd} (means over the last dim),
     * {@code gw = sum(g xhat)} and {@code gb = sum(g)} over every dim but the last. {@code gx} has x's shape,
     * {@code gw} and {@code gb} weight's. The default composes tensor operations (the {@code x - mean} difference
     * is centred once more, which takes the rounding of the float {@code mean} off); a backend may do it in one pass.
     */
    default void layerNormBackward(Tensor g, Tensor x, Tensor weight, Tensor mean, Tensor rstd, Tensor gx, Tensor gw, Tensor gb) {
        Tensor centered = x.sub(mean);
        Tensor xhat = centered.sub(centered.mean(-1, true)).mul(rstd);
        Tensor gxhat = g.mul(weight);
        copy(gxhat.sub(gxhat.mean(-1, true)).sub(xhat.mul(gxhat.mul(xhat).mean(-1, true))).mul(rstd), gx);
        Tensor rows = g.reshape(-1, x.size(-1));
        copy(rows.mul(xhat.reshape(-1, x.size(-1))).sum(0, false), gw);
        copy(rows.sum(0, false), gb);
    }

    /**
     * The exact GELU and its derivative, {@code out = GELU(x)} and {@code grad = GELU'(x)}, all three of x's shape: the
     * forward pass of a GELU that records gradients, whose backward is then {@code g * grad}. The default runs the two
     * unary operations; a backend may do both in one pass, as they share most of their arithmetic.
     */
    default void geluWithGrad(Tensor x, Tensor out, Tensor grad) {
        unary(UnaryOp.GELU_GRAD, x, grad);
        unary(UnaryOp.GELU, x, out);
    }

    /**
     * The gradient of {@link #softmax} along {@code dim} given {@code g}, the gradient of its output {@code y}:
     * {@code y (g - sum(g y))} for softmax, {@code g - exp(y) sum(g)} for log-softmax (sums along {@code dim}).
     * The default composes tensor operations; a backend may do it in one pass.
     */
    default void softmaxBackward(Tensor g, Tensor y, int dim, boolean log, Tensor gx) {
        if (log) {
            copy(g.sub(y.exp().mul(g.sum(dim, true))), gx);
        } else {
            copy(y.mul(g.sub(g.mul(y).sum(dim, true))), gx);
        }
    }

    /**
     * Unfolds image patches: {@code x} is {@code [N, C, H, W]}; {@code out} is {@code [N, OH*OW, C*KH*KW]} with
     * the patch features ordered {@code (c, kh, kw)}, zero where the window hangs into the padding.
     */
    void im2col(Tensor x, int kh, int kw, int stride, int padding, Tensor out);

    /** The adjoint of {@link #im2col}: adds every patch back into {@code out} {@code [N, C, H, W]} (zeroed first). */
    void col2im(Tensor cols, int kh, int kw, int stride, int padding, Tensor out);
}
