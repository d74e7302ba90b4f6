// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import vit.tensor.Backend;
import vit.tensor.BinaryOp;
import vit.tensor.Device;
import vit.tensor.ReduceOp;
import vit.tensor.Storage;
import vit.tensor.Tensor;
import vit.tensor.UnaryOp;

/**
 * The CPU kernels: plain Java loops over strided rows, split across threads by {@link Parallel}; the
 * matrix product goes to {@link Gemm}. Every formula is in {@link Formulas}.
 */
public final class CpuBackend implements Backend {
    private static final CpuBackend INSTANCE = new CpuBackend();
    /** Elements below which a loop is not worth a thread. */
    static final int GRAIN = 1 << 14;
    /** Multiply-adds below which the products of a batch are spread over threads one whole product each. */
    private static final long SMALL_PRODUCT = 1 << 23;

    private CpuBackend() {
    }

    public static CpuBackend instance() {
        return INSTANCE;
    }

    static float[] data(Tensor t) {
        return ((CpuStorage) t.storage()).data();
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public Storage allocate(long length) {
        return new CpuStorage(ArrayPool.take(Math.toIntExact(length)), true);
    }

    @Override
    public Storage allocateUninitialized(long length) {
        return new CpuStorage(ArrayPool.takeUninitialized(Math.toIntExact(length)), true);
    }

    @Override
    public Storage upload(float[] host) {
        return new CpuStorage(host);
    }

    @Override
    public void download(Tensor src, float[] dst) {
        float[] s = data(src);
        Layout l = new Layout(src);
        int n = l.rowLength;
        int step = l.step(0);
        l.parallel((r, from, to) -> {
            int p = l.rowStart(0, r) + from * step;
            int o = r * n;
            if (step == 1) {
                System.arraycopy(s, p, dst, o + from, to - from);
            } else {
                for (int i = from; i < to; i++, p += step) {
                    dst[o + i] = s[p];
                }
            }
        });
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        float[] s = data(src);
        float[] d = data(dst);
        Layout l = new Layout(src, dst);
        int ss = l.step(0);
        int ds = l.step(1);
        l.parallel((r, from, to) -> {
            int p = l.rowStart(0, r) + from * ss;
            int q = l.rowStart(1, r) + from * ds;
            if (ss == 1 && ds == 1) {
                System.arraycopy(s, p, d, q, to - from);
            } else {
                for (int i = from; i < to; i++, p += ss, q += ds) {
                    d[q] = s[p];
                }
            }
        });
    }

    /** {@link Formulas#unary}, with the exact GELU and its derivative from {@link GeluKernel} (within 1 ulp of them, faster); one loop per case. */
    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        float[] a = data(x);
        float[] o = data(out);
        Layout l = new Layout(x, out);
        int as = l.step(0);
        l.parallel((r, from, to) -> {
            int p = l.rowStart(0, r) + from * as;
            int q = l.rowStart(1, r);
            if (op == UnaryOp.GELU) {
                GeluKernel.gelu(a, p, as, o, q + from, to - from);
            } else if (op == UnaryOp.GELU_GRAD) {
                GeluKernel.geluGrad(a, p, as, o, q + from, to - from);
            } else {
                for (int i = from; i < to; i++, p += as) {
                    o[q + i] = Formulas.unary(op, a[p]);
                }
            }
        });
    }

    @Override
    public void binary(BinaryOp op, Tensor x, Tensor y, Tensor out) {
        float[] a = data(x);
        float[] b = data(y);
        float[] o = data(out);
        Layout l = new Layout(x, y, out);
        int as = l.step(0);
        int bs = l.step(1);
        l.parallel((r, from, to) -> {
            int p = l.rowStart(0, r) + from * as;
            int q = l.rowStart(1, r) + from * bs;
            int w = l.rowStart(2, r);
            if (BinaryArithmetic.apply(op, a, p, as, b, q, bs, o, w + from, to - from)) {
                return;
            }
            for (int i = from; i < to; i++, p += as, q += bs) {
                o[w + i] = Formulas.binary(op, a[p], b[q]);
            }
        });
    }

    @Override
    public void binaryScalar(BinaryOp op, Tensor x, float s, Tensor out) {
        float[] a = data(x);
        float[] o = data(out);
        Layout l = new Layout(x, out);
        int as = l.step(0);
        l.parallel((r, from, to) -> {
            int p = l.rowStart(0, r) + from * as;
            int w = l.rowStart(1, r) + from;
            if (as == 1 && ScalarArithmetic.apply(op, a, p, s, o, w, to - from)) {
                return;
            }
            for (int i = from; i < to; i++, p += as, w++) {
                o[w] = Formulas.binary(op, a[p], s);
            }
        });
    }

    @Override
    public void where(Tensor cond, Tensor x, Tensor y, Tensor out) {
        float[] c = data(cond);
        float[] a = data(x);
        float[] b = data(y);
        float[] o = data(out);
        Layout l = new Layout(cond, x, y, out);
        int cs = l.step(0);
        int as = l.step(1);
        int bs = l.step(2);
        l.parallel((r, from, to) -> {
            int pc = l.rowStart(0, r) + from * cs;
            int pa = l.rowStart(1, r) + from * as;
            int pb = l.rowStart(2, r) + from * bs;
            int w = l.rowStart(3, r);
            for (int i = from; i < to; i++, pc += cs, pa += as, pb += bs) {
                o[w + i] = c[pc] != 0 ? a[pa] : b[pb];
            }
        });
    }

    @Override
    public void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out) {
        if ((op == ReduceOp.SUM || op == ReduceOp.MEAN) && SumKernel.reduce(op == ReduceOp.MEAN, x, dims, out)) {
            return;
        }
        // Reorder x as [kept dims..., reduced dims...]; each output element reduces one inner block.
        int r = x.rank();
        int[] order = new int[r];
        boolean[] red = new boolean[r];
        for (int d : dims) {
            red[d] = true;
        }
        int k = 0;
        for (int i = 0; i < r; i++) {
            if (!red[i]) {
                order[k++] = i;
            }
        }
        int keptRank = k;
        for (int d : dims) {
            order[k++] = d;
        }
        int[] xs = x.strides();
        int[] sizes = new int[r];
        int[] strides = new int[r];
        for (int i = 0; i < r; i++) {
            sizes[i] = x.size(order[i]);
            strides[i] = xs[order[i]];
        }
        int inner = 1;
        for (int i = keptRank; i < r; i++) {
            inner *= sizes[i];
        }
        int innerCount = inner;
        int outer = Math.toIntExact(out.numel());
        float[] a = data(x);
        float[] o = data(out);
        int base = x.offset();
        Parallel.range(outer, Math.max(1, GRAIN / Math.max(1, innerCount)), (from, to) -> {
            int[] idx = new int[r];
            for (int e = from; e < to; e++) {
                int pos = base;
                int rem = e;
                for (int i = keptRank - 1; i >= 0; i--) {
                    pos += (rem % sizes[i]) * strides[i];
                    rem /= sizes[i];
                }
                java.util.Arrays.fill(idx, 0);
                double acc = op == ReduceOp.MAX || op == ReduceOp.ARGMAX ? Double.NEGATIVE_INFINITY
                    : op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : 0;
                int best = 0;
                boolean nan = false;
                int p = pos;
                for (int j = 0; j < innerCount; j++) {
                    float v = a[p];
                    switch (op) {
                        case SUM:
                        case MEAN:
                            acc += v;
                            break;
                        case MAX:
                            nan |= Float.isNaN(v);
                            acc = Math.max(acc, v);
                            break;
                        case MIN:
                            nan |= Float.isNaN(v);
                            acc = Math.min(acc, v);
                            break;
                        default:
                            if (v > acc || (Float.isNaN(v) && !nan)) {
                                acc = v;
                                best = j;
                                nan |= Float.isNaN(v);
                            }
                    }
                    // advance the odometer over the reduced dims
                    for (int i = r - 1; i >= keptRank; i--) {
                        if (++idx[i] < sizes[i]) {
                            p += strides[i];
                            break;
                        }
                        idx[i] = 0;
                        p -= strides[i] * (sizes[i] - 1);
                    }
                }
                float result;
                switch (op) {
                    case MEAN:
                        result = (float) (acc / innerCount);
                        break;
                    case ARGMAX:
                        result = best;
                        break;
                    case MAX:
                    case MIN:
                        result = nan ? Float.NaN : (float) acc;
                        break;
                    default:
                        result = (float) acc;
                }
                o[out.offset() + e] = result;
            }
        });
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        int r = out.rank();
        int m = out.size(-2);
        int n = out.size(-1);
        int k = a.size(-1);
        int batches = Math.toIntExact(out.numel() / Math.max(1, (long) m * n));
        int[] as = a.strides();
        int[] bs = b.strides();
        int[] os = out.strides();
        int[] sizes = out.shape().dims();
        float[] ad = data(a);
        float[] bd = data(b);
        float[] od = data(out);
        Parallel.Range products = (from, to) -> {
            for (int bi = from; bi < to; bi++) {
                int pa = a.offset();
                int pb = b.offset();
                int po = out.offset();
                int rem = bi;
                for (int d = r - 3; d >= 0; d--) {
                    int idx = rem % sizes[d];
                    rem /= sizes[d];
                    pa += idx * as[d];
                    pb += idx * bs[d];
                    po += idx * os[d];
                }
                Gemm.sgemm(m, n, k, ad, pa, as[r - 2], as[r - 1], bd, pb, bs[r - 2], bs[r - 1], od, po, os[r - 2]);
            }
        };
        if ((long) m * n * k <= SMALL_PRODUCT) {
            // Many small products (attention's [197, 64] @ [64, 197] per head): one thread each, all threads busy.
            // Inside a worker, Gemm runs on the calling thread: the same arithmetic, so the same numbers.
            Parallel.range(batches, 1, products);
        } else {
            products.run(0, batches);
        }
    }

    /**
     * {@code out = activation(x @ weight^T + bias)} as one {@link Gemm} call over all rows of {@code x}, the bias
     * added (and a GELU applied) as each tile of the product finishes ({@link GemmEpilogue}): the same numbers as the
     * matmul followed by the add and {@link #unary}, without the second pass over {@code out}.
     */
    @Override
    public void linear(Tensor x, Tensor weight, Tensor bias, UnaryOp activation, Tensor out) {
        int k = x.size(-1);
        int n = weight.size(0);
        int m = Math.toIntExact(out.numel() / Math.max(1, n));
        int rowStride = rowStride(x);
        Tensor rows = rowStride >= 0 ? x : x.contiguous();
        if (rowStride < 0) {
            rowStride = k;
        }
        Tensor b = bias == null || bias.strides()[0] == 1 ? bias : bias.contiguous();
        int colStride = rows.strides()[rows.rank() - 1];
        int[] ws = weight.strides(); // B = weight^T: B[p][j] = weight[j][p]
        GemmEpilogue fused = activation == UnaryOp.GELU ? GemmEpilogue.GELU : GemmEpilogue.NONE;
        Gemm.sgemm(m, n, k, data(rows), rows.offset(), rowStride, colStride, data(weight), weight.offset(), ws[1], ws[0],
            data(out), out.offset(), n, b == null ? null : data(b), b == null ? 0 : b.offset(), fused);
        if (activation != null && fused == GemmEpilogue.NONE) {
            unary(activation, out, out);
        }
    }

    /** The distance between consecutive rows of {@code x} seen as {@code [M, K]} (all dims but the last merged), or -1. */
    private static int rowStride(Tensor x) {
        int[] strides = x.strides();
        int stride = -1;
        long expected = -1;
        for (int d = x.rank() - 2; d >= 0; d--) {
            int size = x.size(d);
            if (size == 1) {
                continue;
            }
            if (stride < 0) {
                stride = strides[d];
            } else if (strides[d] != expected) {
                return -1;
            }
            expected = (long) strides[d] * size;
        }
        return stride < 0 ? x.size(-1) : stride;
    }

    @Override
    public void softmax(Tensor x, int dim, boolean log, Tensor out) {
        float[] a = data(x);
        float[] o = data(out);
        int n = x.size(dim);
        int xs = x.strides()[dim];
        int os = out.strides()[dim];
        Layout lines = Layout.without(dim, x, out);
        int count = Math.toIntExact(x.numel() / Math.max(1, n));
        Parallel.range(count, Math.max(1, GRAIN / Math.max(1, n)), (from, to) -> {
            for (int r = from; r < to; r++) {
                if (!log && xs == 1 && os == 1) {
                    SoftmaxKernel.row(a, lines.position(0, r), o, lines.position(1, r), n);
                } else {
                    Formulas.softmaxRow(a, lines.position(0, r), xs, o, lines.position(1, r), os, n, log);
                }
            }
        });
    }

    @Override
    public void layerNorm(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out, Tensor mean, Tensor rstd) {
        int n = x.size(-1);
        int rows = Math.toIntExact(x.numel() / Math.max(1, n));
        float[] xd = data(x);
        float[] w = data(weight.contiguous());
        float[] bd = data(bias.contiguous());
        int wo = weight.isContiguous() ? weight.offset() : 0;
        int bo = bias.isContiguous() ? bias.offset() : 0;
        float[] o = data(out);
        float[] md = data(mean);
        float[] rd = data(rstd);
        int xs = x.strides()[x.rank() - 1];
        Layout lines = Layout.without(x.rank() - 1, x);
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, n)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int p = lines.position(0, r);
                int base = out.offset() + r * n;
                if (xs == 1) {
                    LayerNormKernel.row(xd, p, n, eps, w, wo, bd, bo, o, base, md, mean.offset() + r, rd, rstd.offset() + r);
                } else {
                    Formulas.layerNormRow(xd, p, xs, n, eps, w, wo, bd, bo, o, base, md, mean.offset() + r, rd, rstd.offset() + r);
                }
            }
        });
    }

    /** GELU and GELU' in one pass of {@link GeluKernel}: the same bits as the two unary operations. */
    @Override
    public void geluWithGrad(Tensor x, Tensor out, Tensor grad) {
        float[] xd = data(x);
        float[] o = data(out);
        float[] d = data(grad);
        Layout l = new Layout(x, out, grad);
        int xs = l.step(0);
        l.parallel((r, from, to) -> {
            int p = l.rowStart(0, r) + from * xs;
            GeluKernel.geluWithGrad(xd, p, xs, o, l.rowStart(1, r) + from, d, l.rowStart(2, r) + from, to - from);
        });
    }

    /** One pass per row ({@link NormBackward#layerNormRow}), then the column sums of {@code g xhat} and {@code g}. */
    @Override
    public void layerNormBackward(Tensor g, Tensor x, Tensor weight, Tensor mean, Tensor rstd, Tensor gx, Tensor gw, Tensor gb) {
        int n = x.size(-1);
        int rows = Math.toIntExact(x.numel() / Math.max(1, n));
        Tensor gc = g.contiguous();
        Tensor xc = x.contiguous();
        Tensor wc = weight.contiguous();
        float[] gd = data(gc);
        float[] xd = data(xc);
        float[] w = data(wc);
        float[] md = data(mean);
        float[] rd = data(rstd);
        float[] o = data(gx);
        // From the pool, not new: a fresh rows x n scratch per layer norm was three quarters of a training step's
        // allocation, and each young collection copied the step's live ones (1.2 s pauses, 8% of the run).
        float[] gxw = ArrayPool.takeUninitialized(rows * n); // layerNormRow writes every g xhat
        try {
            Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, 4 * n)), (from, to) -> {
                for (int r = from; r < to; r++) {
                    NormBackward.layerNormRow(gd, gc.offset() + r * n, xd, xc.offset() + r * n, n, md[mean.offset() + r],
                        rd[rstd.offset() + r], w, wc.offset(), o, gxw, r * n);
                }
            });
            SumKernel.columns(false, gxw, 0, rows, n, data(gw), gw.offset());
        } finally {
            ArrayPool.give(gxw);
        }
        SumKernel.columns(false, gd, gc.offset(), rows, n, data(gb), gb.offset());
    }

    @Override
    public void softmaxBackward(Tensor g, Tensor y, int dim, boolean log, Tensor gx) {
        int n = y.size(dim);
        if (log || dim != y.rank() - 1 || !y.isContiguous()) {
            Backend.super.softmaxBackward(g, y, dim, log, gx);
            return;
        }
        Tensor gc = g.contiguous();
        float[] gd = data(gc);
        float[] yd = data(y);
        float[] o = data(gx);
        int rows = Math.toIntExact(y.numel() / Math.max(1, n));
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, 2 * n)), (from, to) -> {
            for (int r = from; r < to; r++) {
                NormBackward.softmaxRow(gd, gc.offset() + r * n, yd, y.offset() + r * n, n, o, gx.offset() + r * n);
            }
        });
    }

    @Override
    public void im2col(Tensor x, int kh, int kw, int stride, int padding, Tensor out) {
        int nb = x.size(0);
        int c = x.size(1);
        int h = x.size(2);
        int w = x.size(3);
        int oh = (h + 2 * padding - kh) / stride + 1;
        int ow = (w + 2 * padding - kw) / stride + 1;
        int[] s = x.strides();
        float[] xd = data(x);
        float[] o = data(out);
        int feat = c * kh * kw;
        Parallel.range(nb * oh * ow, Math.max(1, GRAIN / Math.max(1, feat)), (from, to) -> {
            for (int row = from; row < to; row++) {
                int n = row / (oh * ow);
                int pix = row % (oh * ow);
                int y0 = (pix / ow) * stride - padding;
                int x0 = (pix % ow) * stride - padding;
                int base = out.offset() + row * feat;
                int f = 0;
                for (int ci = 0; ci < c; ci++) {
                    for (int i = 0; i < kh; i++) {
                        int yy = y0 + i;
                        for (int j = 0; j < kw; j++, f++) {
                            int xx = x0 + j;
                            o[base + f] = yy < 0 || yy >= h || xx < 0 || xx >= w ? 0f
                                : xd[x.offset() + n * s[0] + ci * s[1] + yy * s[2] + xx * s[3]];
                        }
                    }
                }
            }
        });
    }

    @Override
    public void col2im(Tensor cols, int kh, int kw, int stride, int padding, Tensor out) {
        int nb = out.size(0);
        int c = out.size(1);
        int h = out.size(2);
        int w = out.size(3);
        int oh = (h + 2 * padding - kh) / stride + 1;
        int ow = (w + 2 * padding - kw) / stride + 1;
        Tensor src = cols.contiguous();
        float[] cd = data(src);
        float[] o = data(out);
        int[] s = out.strides();
        int feat = c * kh * kw;
        // Parallel over (image, channel) planes: each output element is written by one thread only.
        Parallel.range(nb * c, 1, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int n = plane / c;
                int ci = plane % c;
                for (int pix = 0; pix < oh * ow; pix++) {
                    int y0 = (pix / ow) * stride - padding;
                    int x0 = (pix % ow) * stride - padding;
                    int base = src.offset() + (n * oh * ow + pix) * feat + ci * kh * kw;
                    for (int i = 0; i < kh; i++) {
                        int yy = y0 + i;
                        if (yy < 0 || yy >= h) {
                            continue;
                        }
                        for (int j = 0; j < kw; j++) {
                            int xx = x0 + j;
                            if (xx >= 0 && xx < w) {
                                o[out.offset() + n * s[0] + ci * s[1] + yy * s[2] + xx * s[3]] += cd[base + i * kw + j];
                            }
                        }
                    }
                }
            }
        });
    }
}
