// SPDX-License-Identifier: MIT
package vit.tensor;

/**
 * The neural-network functions of {@code torch.nn.functional} that the ViT needs, with gradients:
 * softmax, layer norm, linear, conv2d, dropout and cross-entropy.
 */
public final class Functional {
    private Functional() {
    }

    /** Softmax (or log-softmax) along {@code dim}, computed stably (the row maximum is subtracted). */
    public static Tensor softmax(Tensor x, int dim, boolean log) {
        x.checkOpen();
        int d = x.shape().normalize(dim);
        Tensor out = Tensor.wrap(x.backend().allocateUninitialized(x.numel()), x.shape());
        x.backend().softmax(x, d, log, out);
        return Autograd.record(out, log ? "LogSoftmaxBackward" : "SoftmaxBackward", new Tensor[] {x}, g -> {
            Tensor gx = Tensor.wrap(x.backend().allocateUninitialized(x.numel()), x.shape()); // written in full
            x.backend().softmaxBackward(g, out, d, log, gx);
            return new Tensor[] {gx};
        });
    }

    /**
     * Layer norm over the last dimension: {@code (x - mean) / sqrt(var + eps) * weight + bias}, with the
     * biased variance, as {@code torch.nn.functional.layer_norm(x, [n], weight, bias, eps)}.
     */
    public static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
        int n = x.size(-1);
        if (weight.rank() != 1 || weight.size(0) != n || bias.rank() != 1 || bias.size(0) != n) {
            throw new IllegalArgumentException("layer_norm: input " + x.shape() + " needs weight and bias of shape [" + n + "], got "
                + weight.shape() + " and " + bias.shape());
        }
        Elementwise.sameDevice("layer_norm", x, weight);
        x.checkOpen();
        Shape stat = x.shape().with(-1, 1);
        Tensor out = Tensor.wrap(x.backend().allocateUninitialized(x.numel()), x.shape());
        Tensor mean = Tensor.wrap(x.backend().allocateUninitialized(stat.numel()), stat);
        Tensor rstd = Tensor.wrap(x.backend().allocateUninitialized(stat.numel()), stat);
        x.backend().layerNorm(x, weight, bias, eps, out, mean, rstd);
        return Autograd.record(out, "LayerNormBackward", new Tensor[] {x, weight, bias}, g -> {
            // all three written in full, the sums too (not added to)
            Tensor gx = Tensor.wrap(x.backend().allocateUninitialized(x.numel()), x.shape());
            Tensor gw = Tensor.wrap(x.backend().allocateUninitialized(n), weight.shape());
            Tensor gb = Tensor.wrap(x.backend().allocateUninitialized(n), bias.shape());
            x.backend().layerNormBackward(g, x, weight, mean, rstd, gx, gw, gb);
            return new Tensor[] {gx, gw, gb};
        });
    }

    /** {@code x @ weight^T + bias}, as {@code torch.nn.functional.linear}; {@code bias} may be null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return linear(x, weight, bias, null);
    }

    /**
     * {@code activation(x @ weight^T + bias)}: the same numbers as {@link #linear(Tensor, Tensor, Tensor)} followed by the
     * activation, but when nothing records gradients the backend applies the activation as it finishes each tile of the
     * product (the CPU does so for the exact GELU), with no second pass over the output and no second tensor.
     * {@code activation} may be null.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias, UnaryOp activation) {
        if (weight.rank() != 2 || x.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("linear: input " + x.shape() + " has " + x.size(-1) + " features, the weight "
                + weight.shape() + " expects " + (weight.rank() == 2 ? weight.size(1) : "a 2-D weight"));
        }
        if (bias != null && (bias.rank() != 1 || bias.size(0) != weight.size(0))) {
            throw new IllegalArgumentException("linear: bias " + bias.shape() + " does not match the weight " + weight.shape()
                + " (expected [" + weight.size(0) + "])");
        }
        if (x.rank() < 2) {
            Tensor y = x.matmul(weight.mT());
            y = bias == null ? y : y.add(bias);
            return activation == null ? y : Elementwise.unary(activation, y);
        }
        // The backend does product and bias in one pass (the CPU adds the bias as each tile finishes), and with nothing
        // to record the activation too.
        Elementwise.sameDevice("linear", x, weight);
        if (bias != null) {
            Elementwise.sameDevice("linear", x, bias);
        }
        x.checkOpen();
        weight.checkOpen();
        if (bias != null) {
            bias.checkOpen();
        }
        boolean record = Autograd.needed(x, weight, bias);
        Shape s = x.shape().with(-1, weight.size(0));
        Tensor out = Tensor.wrap(x.backend().allocateUninitialized(s.numel()), s);
        x.backend().linear(x, weight, bias, record ? null : activation, out);
        if (!record) {
            return out;
        }
        // y = x W^T + b: gx = g W, gW = g^T x and gb = the column sums of g, over all the leading dims at once
        int k = weight.size(1);
        int n = weight.size(0);
        Tensor y = Autograd.record(out, "LinearBackward", new Tensor[] {x, weight, bias}, g -> {
            Tensor rows = g.reshape(-1, n);
            return new Tensor[] {
                x.requiresGrad() ? g.matmul(weight) : null,
                weight.requiresGrad() ? rows.mT().matmul(x.reshape(-1, k)) : null,
                bias != null && bias.requiresGrad() ? rows.sum(0, false) : null};
        });
        return activation == null ? y : Elementwise.unary(activation, y);
    }

    /**
     * 2-D convolution of {@code x} {@code [N, C, H, W]} with {@code weight} {@code [O, C, KH, KW]}: unfold the
     * patches (im2col), then one matrix product. {@code bias} may be null.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        if (x.rank() != 4 || weight.rank() != 4 || x.size(1) != weight.size(1)) {
            throw new IllegalArgumentException("conv2d: expected input [N, C, H, W] and weight [O, C, KH, KW] with equal C, got input "
                + x.shape() + " and weight " + weight.shape());
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d: stride must be >= 1 and padding >= 0, got stride " + stride + ", padding " + padding);
        }
        if (bias != null && (bias.rank() != 1 || bias.size(0) != weight.size(0))) {
            throw new IllegalArgumentException("conv2d: bias " + bias.shape() + " does not match the weight " + weight.shape()
                + " (expected [" + weight.size(0) + "])");
        }
        int n = x.size(0);
        int kh = weight.size(2);
        int kw = weight.size(3);
        int oh = (x.size(2) + 2 * padding - kh) / stride + 1;
        int ow = (x.size(3) + 2 * padding - kw) / stride + 1;
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " is larger than the padded input " + x.shape());
        }
        Tensor cols = im2col(x, kh, kw, stride, padding);                         // [N, OH*OW, C*KH*KW]
        Tensor y = linear(cols, weight.reshape(weight.size(0), -1), bias);      // [N, OH*OW, O]
        return y.permute(0, 2, 1).reshape(n, weight.size(0), oh, ow);            // [N, O, OH, OW]
    }

    /** The patches of {@code x} as rows: {@code [N, OH*OW, C*KH*KW]}, features ordered {@code (c, kh, kw)}. */
    public static Tensor im2col(Tensor x, int kh, int kw, int stride, int padding) {
        if (x.rank() != 4 || stride < 1 || padding < 0 || x.size(2) + 2 * padding < kh || x.size(3) + 2 * padding < kw) {
            throw new IllegalArgumentException("im2col: expected input [N, C, H, W] that holds a " + kh + "x" + kw + " window with padding "
                + padding + " and stride " + stride + " >= 1, got " + x.shape());
        }
        x.checkOpen();
        int n = x.size(0);
        int c = x.size(1);
        int h = x.size(2);
        int w = x.size(3);
        int oh = (h + 2 * padding - kh) / stride + 1;
        int ow = (w + 2 * padding - kw) / stride + 1;
        Shape s = Shape.of(n, oh * ow, c * kh * kw);
        Tensor out = Tensor.wrap(x.backend().allocate(s.numel()), s);
        x.backend().im2col(x, kh, kw, stride, padding, out);
        return Autograd.record(out, "Im2colBackward", new Tensor[] {x}, g -> {
            Tensor gx = Tensor.zeros(x.shape(), g.device());
            g.backend().col2im(g, kh, kw, stride, padding, gx);
            return new Tensor[] {gx};
        });
    }

    /**
     * Inverted dropout: zeroes each element with probability {@code p} and scales the rest by
     * {@code 1/(1-p)}, drawing the mask from {@code gen}.
     */
    public static Tensor dropout(Tensor x, float p, Generator gen) {
        if (p < 0 || p >= 1) {
            throw new IllegalArgumentException("dropout probability has to be in [0, 1), but got " + p + " (input " + x.shape() + ")");
        }
        if (p == 0) {
            return x;
        }
        float[] mask = new float[Math.toIntExact(x.numel())];
        float scale = 1f / (1f - p);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = gen.nextFloat() < p ? 0f : scale;
        }
        return x.mul(Tensor.of(mask, x.shape(), x.device()));
    }

    /**
     * Mean cross-entropy of {@code logits} {@code [N, C]} against class indices {@code targets}
     * ({@code [N]}, whole numbers stored as floats): {@code mean(-log_softmax(logits)[i, t_i])}.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        if (logits.rank() != 2 || targets.rank() != 1 || targets.size(0) != logits.size(0)) {
            throw new IllegalArgumentException("cross_entropy: expected logits [N, C] and targets [N], got " + logits.shape() + " and "
                + targets.shape());
        }
        int n = logits.size(0);
        int c = logits.size(1);
        float[] t = targets.toFloatArray();
        float[] oneHot = new float[n * c];
        for (int i = 0; i < n; i++) {
            int k = (int) t[i];
            if (k != t[i] || k < 0 || k >= c) {
                throw new IllegalArgumentException("cross_entropy: target " + t[i] + " at position " + i + " is not a class index in [0, " + c + ")");
            }
            oneHot[i * c + k] = 1f;
        }
        Tensor picked = logits.logSoftmax(1).mul(Tensor.of(oneHot, logits.shape(), logits.device()));
        return picked.sum().div(-n);
    }
}
