// SPDX-License-Identifier: MIT
package vit.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The float64 control for the tensor core (public for the {@code vit.nn} tests): a row-major {@code double[]}
 * with an explicit shape, and every
 * operation written as plain nested loops over output coordinates. It shares no code with the core (no
 * strides, no kernels, no {@code Formulas}), so a test that compares the two can fail.
 */
public final class Reference {
    public final int[] shape;
    public final double[] v;

    public Reference(int[] shape, double[] v) {
        if (v.length != numel(shape)) {
            throw new IllegalArgumentException(v.length + " values for shape " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.v = v;
    }

    /** The exact float values of {@code t}, widened to double. */
    public static Reference of(Tensor t) {
        float[] f = t.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return new Reference(t.shape().dims(), d);
    }

    int rank() {
        return shape.length;
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** The coordinates of flat index {@code i} in {@code shape}, row-major. */
    static int[] coords(int i, int[] shape) {
        int[] c = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = i % shape[d];
            i /= shape[d];
        }
        return c;
    }

    /** The flat index of coordinates {@code c}. */
    int flat(int[] c) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + c[d];
        }
        return f;
    }

    double at(int... c) {
        return v[flat(c)];
    }

    int dim(int d) {
        return d < 0 ? d + shape.length : d;
    }

    /** The value at each output coordinate. */
    interface CoordFn {
        double at(int[] c);
    }

    /** Builds a tensor of {@code shape} by evaluating {@code f} at every coordinate. */
    static Reference build(int[] shape, CoordFn f) {
        double[] out = new double[numel(shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.at(coords(i, shape));
        }
        return new Reference(shape, out);
    }

    // ------------------------------------------------------------------ elementwise

    public Reference map(DoubleUnaryOperator f) {
        double[] out = new double[v.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(v[i]);
        }
        return new Reference(shape, out);
    }

    static int[] broadcastShape(int[]... shapes) {
        int r = 0;
        for (int[] s : shapes) {
            r = Math.max(r, s.length);
        }
        int[] out = new int[r];
        Arrays.fill(out, 1);
        for (int[] s : shapes) {
            for (int i = 0; i < s.length; i++) {
                int o = i + r - s.length;
                if (s[i] != 1) {
                    if (out[o] != 1 && out[o] != s[i]) {
                        throw new IllegalArgumentException("reference: shapes do not broadcast");
                    }
                    out[o] = s[i];
                }
            }
        }
        return out;
    }

    /** The value of this (broadcast) tensor at coordinates {@code c} of a larger broadcast shape. */
    double atBroadcast(int[] c) {
        int lead = c.length - shape.length;
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + (shape[d] == 1 ? 0 : c[d + lead]);
        }
        return v[f];
    }

    static Reference zip(Reference a, Reference b, DoubleBinaryOperator f) {
        return build(broadcastShape(a.shape, b.shape), c -> f.applyAsDouble(a.atBroadcast(c), b.atBroadcast(c)));
    }

    static Reference where(Reference cond, Reference a, Reference b) {
        return build(broadcastShape(cond.shape, a.shape, b.shape), c -> cond.atBroadcast(c) != 0 ? a.atBroadcast(c) : b.atBroadcast(c));
    }

    // ------------------------------------------------------------------ special functions

    private static final MathContext MC = new MathContext(130);
    private static final BigDecimal PI = new BigDecimal(
        "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955");
    private static final BigDecimal TWO_OVER_SQRT_PI = BigDecimal.valueOf(2).divide(PI.sqrt(MC), MC);
    private static final BigDecimal SQRT_2 = BigDecimal.valueOf(2).sqrt(MC);

    /**
     * {@code erf x} from its alternating Maclaurin series {@code 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1))},
     * summed in 130-digit decimal arithmetic so the huge cancelling terms at large x lose nothing.
     * (The core sums a different, all-positive series in double and a continued fraction; they share nothing.)
     */
    static BigDecimal erfBig(BigDecimal x) {
        // The terms peak near e^(x^2) and the tail we want is near e^(-x^2): carry enough digits for both.
        double x2d = x.doubleValue() * x.doubleValue();
        int digits = Math.min(MC.getPrecision(), 30 + (int) Math.ceil(0.87 * x2d));
        MathContext mc = new MathContext(digits);
        BigDecimal eps = BigDecimal.ONE.movePointLeft(digits - (int) Math.ceil(0.44 * x2d));
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal power = x; // (-1)^n x^(2n+1) / n!
        BigDecimal sum = x;
        for (int n = 1; n < 5000; n++) {
            power = power.multiply(x2, mc).divide(BigDecimal.valueOf(-n), mc);
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(term, mc);
            if (n > x2d && term.abs().compareTo(eps) < 0) {
                break;
            }
        }
        return sum.multiply(TWO_OVER_SQRT_PI, mc);
    }

    static double erf(double x) {
        if (Math.abs(x) > 12) {
            return Math.signum(x);
        }
        return erfBig(new BigDecimal(x)).doubleValue();
    }

    /** The standard normal CDF {@code (1 + erf(x / sqrt 2)) / 2}, with the sum done before rounding (exact for tiny tails). */
    static double phi(double x) {
        if (x < -15) {
            return 0; // below 4e-51: GELU underflows float32 long before
        }
        if (x > 15) {
            return 1;
        }
        BigDecimal e = erfBig(new BigDecimal(x).divide(SQRT_2, MC));
        return BigDecimal.ONE.add(e, MC).multiply(new BigDecimal("0.5"), MC).doubleValue();
    }

    /** Exact GELU {@code x * Phi(x)}. */
    public static double gelu(double x) {
        return x * phi(x);
    }

    /**
     * GELU's tanh approximation {@code x/2 (1 + tanh u)}, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, written as
     * {@code x e^u / (e^u + e^-u)} so the lower tail keeps its digits ({@code 1 + tanh u} cancels for {@code u << 0}).
     */
    static double geluTanh(double x) {
        double u = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
        return x * Math.exp(u) / (Math.exp(u) + Math.exp(-u));
    }

    // ------------------------------------------------------------------ reductions

    enum Kind { SUM, MEAN, MAX, MIN }

    Reference reduce(Kind kind, int[] dims, boolean keepdim) {
        boolean[] red = new boolean[rank()];
        for (int d : dims) {
            red[dim(d)] = true;
        }
        int[] kept = shape.clone();
        for (int d = 0; d < rank(); d++) {
            if (red[d]) {
                kept[d] = 1;
            }
        }
        double[] acc = new double[numel(kept)];
        int[] count = new int[acc.length];
        Arrays.fill(acc, kind == Kind.MAX ? Double.NEGATIVE_INFINITY : kind == Kind.MIN ? Double.POSITIVE_INFINITY : 0);
        Reference keptRef = new Reference(kept, acc);
        for (int i = 0; i < v.length; i++) {
            int[] c = coords(i, shape);
            for (int d = 0; d < rank(); d++) {
                if (red[d]) {
                    c[d] = 0;
                }
            }
            int o = keptRef.flat(c);
            switch (kind) {
                case MAX -> acc[o] = Math.max(acc[o], v[i]);
                case MIN -> acc[o] = Math.min(acc[o], v[i]);
                default -> acc[o] += v[i];
            }
            count[o]++;
        }
        if (kind == Kind.MEAN) {
            for (int o = 0; o < acc.length; o++) {
                acc[o] /= count[o];
            }
        }
        if (keepdim) {
            return keptRef;
        }
        int[] squeezed = new int[rank() - dims.length];
        for (int d = 0, k = 0; d < rank(); d++) {
            if (!red[d]) {
                squeezed[k++] = shape[d];
            }
        }
        return new Reference(squeezed, acc);
    }

    /** The index of the first maximum along {@code dim}. */
    Reference argmax(int dim, boolean keepdim) {
        int d = dim(dim);
        int[] kept = shape.clone();
        kept[d] = 1;
        Reference r = build(kept, c -> {
            int[] q = c.clone();
            int best = 0;
            for (int i = 0; i < shape[d]; i++) {
                q[d] = i;
                int[] qb = q.clone();
                qb[d] = best;
                if (at(q) > at(qb)) {
                    best = i;
                }
            }
            return best;
        });
        return keepdim ? r : r.reshape(remove(shape, d));
    }

    // ------------------------------------------------------------------ linear algebra and nn functions

    /** {@code torch.matmul}: 1-D operands are vectors, batch dims broadcast. */
    static Reference matmul(Reference a, Reference b) {
        Reference a2 = a.rank() == 1 ? a.reshape(1, a.shape[0]) : a;
        Reference b2 = b.rank() == 1 ? b.reshape(b.shape[0], 1) : b;
        int m = a2.shape[a2.rank() - 2];
        int k = a2.shape[a2.rank() - 1];
        int n = b2.shape[b2.rank() - 1];
        if (b2.shape[b2.rank() - 2] != k) {
            throw new IllegalArgumentException("reference matmul: inner sizes differ");
        }
        int[] batch = broadcastShape(Arrays.copyOf(a2.shape, a2.rank() - 2), Arrays.copyOf(b2.shape, b2.rank() - 2));
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Reference out = build(outShape, c -> {
            int[] ca = Arrays.copyOf(c, c.length);
            int[] cb = Arrays.copyOf(c, c.length);
            int i = c[c.length - 2];
            int j = c[c.length - 1];
            double s = 0;
            for (int p = 0; p < k; p++) {
                ca[c.length - 2] = i;
                ca[c.length - 1] = p;
                cb[c.length - 2] = p;
                cb[c.length - 1] = j;
                s += a2.atBroadcastMatrix(ca) * b2.atBroadcastMatrix(cb);
            }
            return s;
        });
        int[] finalShape = outShape;
        if (a.rank() == 1) {
            finalShape = remove(finalShape, finalShape.length - 2);
        }
        if (b.rank() == 1) {
            finalShape = remove(finalShape, finalShape.length - 1);
        }
        return out.reshape(finalShape);
    }

    /** Like {@link #atBroadcast} but the last two coordinates are never broadcast. */
    private double atBroadcastMatrix(int[] c) {
        int lead = c.length - shape.length;
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            boolean matrixDim = d >= shape.length - 2;
            f = f * shape[d] + (!matrixDim && shape[d] == 1 ? 0 : c[d + lead]);
        }
        return v[f];
    }

    Reference softmax(int dim, boolean log) {
        int d = dim(dim);
        return build(shape, c -> {
            int[] q = c.clone();
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < shape[d]; i++) {
                q[d] = i;
                max = Math.max(max, at(q));
            }
            double s = 0;
            for (int i = 0; i < shape[d]; i++) {
                q[d] = i;
                s += Math.exp(at(q) - max);
            }
            double x = at(c);
            return log ? x - max - Math.log(s) : Math.exp(x - max) / s;
        });
    }

    /** Layer norm over the last dim with the biased variance. */
    public static Reference layerNorm(Reference x, Reference w, Reference b, double eps) {
        int n = x.shape[x.rank() - 1];
        return build(x.shape, c -> {
            int[] q = c.clone();
            double mean = 0;
            for (int i = 0; i < n; i++) {
                q[q.length - 1] = i;
                mean += x.at(q);
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                q[q.length - 1] = i;
                var += (x.at(q) - mean) * (x.at(q) - mean);
            }
            var /= n;
            int j = c[c.length - 1];
            return (x.at(c) - mean) / Math.sqrt(var + eps) * w.v[j] + b.v[j];
        });
    }

    /** {@code y[..., o] = sum_i x[..., i] w[o, i] + b[o]}; {@code b} may be null. */
    public static Reference linear(Reference x, Reference w, Reference b) {
        int in = w.shape[1];
        int[] outShape = x.shape.clone();
        outShape[outShape.length - 1] = w.shape[0];
        return build(outShape, c -> {
            int[] q = c.clone();
            int o = c[c.length - 1];
            double s = b == null ? 0 : b.v[o];
            for (int i = 0; i < in; i++) {
                q[q.length - 1] = i;
                s += x.at(q) * w.at(o, i);
            }
            return s;
        });
    }

    /** Direct convolution: {@code y[n,o,i,j] = b[o] + sum_{c,p,q} x[n, c, i*s+p-pad, j*s+q-pad] w[o,c,p,q]}. */
    public static Reference conv2d(Reference x, Reference w, Reference b, int stride, int pad) {
        int nb = x.shape[0];
        int ch = x.shape[1];
        int h = x.shape[2];
        int wd = x.shape[3];
        int kh = w.shape[2];
        int kw = w.shape[3];
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (wd + 2 * pad - kw) / stride + 1;
        return build(new int[] {nb, w.shape[0], oh, ow}, c -> {
            double s = b == null ? 0 : b.v[c[1]];
            for (int ci = 0; ci < ch; ci++) {
                for (int p = 0; p < kh; p++) {
                    for (int q = 0; q < kw; q++) {
                        int yy = c[2] * stride + p - pad;
                        int xx = c[3] * stride + q - pad;
                        if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                            s += x.at(c[0], ci, yy, xx) * w.at(c[1], ci, p, q);
                        }
                    }
                }
            }
            return s;
        });
    }

    /** Patches as rows, {@code [N, OH*OW, C*KH*KW]}, features ordered (c, kh, kw). */
    static Reference im2col(Reference x, int kh, int kw, int stride, int pad) {
        int h = x.shape[2];
        int wd = x.shape[3];
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (wd + 2 * pad - kw) / stride + 1;
        return build(new int[] {x.shape[0], oh * ow, x.shape[1] * kh * kw}, c -> {
            int ci = c[2] / (kh * kw);
            int p = c[2] / kw % kh;
            int q = c[2] % kw;
            int yy = c[1] / ow * stride + p - pad;
            int xx = c[1] % ow * stride + q - pad;
            return yy < 0 || yy >= h || xx < 0 || xx >= wd ? 0 : x.at(c[0], ci, yy, xx);
        });
    }

    /** {@code mean_i -log softmax(logits[i])[t_i]}. */
    static Reference crossEntropy(Reference logits, Reference targets) {
        Reference ls = logits.softmax(1, true);
        double s = 0;
        for (int i = 0; i < logits.shape[0]; i++) {
            s -= ls.at(i, (int) targets.v[i]);
        }
        return new Reference(new int[0], new double[] {s / logits.shape[0]});
    }

    // ------------------------------------------------------------------ shape manipulation

    Reference reshape(int... dims) {
        int[] d = dims.clone();
        int known = 1;
        int infer = -1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                infer = i;
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            d[infer] = v.length / known;
        }
        return new Reference(d, v.clone());
    }

    Reference permute(int... p) {
        int[] out = new int[p.length];
        int[] pp = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            pp[i] = dim(p[i]);
            out[i] = shape[pp[i]];
        }
        return build(out, c -> {
            int[] q = new int[c.length];
            for (int i = 0; i < c.length; i++) {
                q[pp[i]] = c[i];
            }
            return at(q);
        });
    }

    Reference transpose(int a, int b) {
        int[] p = new int[rank()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        p[dim(a)] = dim(b);
        p[dim(b)] = dim(a);
        return permute(p);
    }

    /** {@code x[start:end:step]} along {@code dim}, start and end already within {@code [0, size]}. */
    Reference slice(int dim, int start, int end, int step) {
        int d = dim(dim);
        int[] out = shape.clone();
        out[d] = Math.max(0, (end - start + step - 1) / step);
        return build(out, c -> {
            int[] q = c.clone();
            q[d] = start + c[d] * step;
            return at(q);
        });
    }

    Reference select(int dim, int index) {
        int d = dim(dim);
        return build(remove(shape, d), c -> at(insert(c, d, index)));
    }

    Reference expand(int... dims) {
        return build(dims, this::atBroadcast);
    }

    Reference unsqueeze(int dim) {
        int d = dim < 0 ? dim + rank() + 1 : dim;
        return new Reference(insert(shape, d, 1), v.clone());
    }

    Reference repeat(int... times) {
        int lead = times.length - rank();
        int[] out = new int[times.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = times[i] * (i < lead ? 1 : shape[i - lead]);
        }
        return build(out, c -> {
            int[] q = new int[rank()];
            for (int i = 0; i < q.length; i++) {
                q[i] = c[i + lead] % shape[i];
            }
            return at(q);
        });
    }

    static Reference cat(List<Reference> parts, int dim) {
        Reference first = parts.get(0);
        int d = first.dim(dim);
        int[] out = first.shape.clone();
        out[d] = parts.stream().mapToInt(p -> p.shape[d]).sum();
        return build(out, c -> {
            int i = c[d];
            for (Reference p : parts) {
                if (i < p.shape[d]) {
                    int[] q = c.clone();
                    q[d] = i;
                    return p.at(q);
                }
                i -= p.shape[d];
            }
            throw new AssertionError();
        });
    }

    static Reference stack(List<Reference> parts, int dim) {
        int d = dim < 0 ? dim + parts.get(0).rank() + 1 : dim;
        return cat(parts.stream().map(p -> p.unsqueeze(d)).toList(), d);
    }

    static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        for (int k = 0, j = 0; k < a.length; k++) {
            if (k != i) {
                out[j++] = a[k];
            }
        }
        return out;
    }

    static int[] insert(int[] a, int i, int value) {
        int[] out = new int[a.length + 1];
        for (int k = 0, j = 0; k < out.length; k++) {
            out[k] = k == i ? value : a[j++];
        }
        return out;
    }
}
