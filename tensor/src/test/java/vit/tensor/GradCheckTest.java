// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import vit.tensor.Reference.Kind;

/**
 * Every differentiable operation's {@code backward()} (float32) against central finite differences of the
 * float64 {@link Reference} version of the same function, for the loss {@code sum(out * randomWeights)}.
 * The numeric side never touches the core, so a wrong backward formula cannot hide behind a wrong forward.
 */
class GradCheckTest {
    /** Per element: {@code |analytic - numeric| <= RTOL * max(|numeric|, FLOOR * max|numeric|)}. */
    private static final double RTOL = 1e-5;
    private static final double FLOOR = 0.05;
    private static final double H = 1e-6;
    private static double worstSeen;

    private final Generator gen = new Generator(71);

    @FunctionalInterface
    interface Op {
        Tensor apply(Tensor[] in);
    }

    @FunctionalInterface
    interface RefOp {
        Reference apply(Reference[] in);
    }

    /** A leaf that requires grad, with the same (possibly non-contiguous) strides as {@code t}. */
    private static Tensor leaf(Tensor t) {
        return t.detach().requiresGrad(true);
    }

    private Tensor x(int... dims) {
        return leaf(Check.randn(gen, dims));
    }

    private Tensor positive(int... dims) {
        return leaf(Check.randn(gen, dims).abs().add(0.5f));
    }

    private static double lossOf(RefOp ref, Reference[] in, Reference w) {
        Reference out = ref.apply(in);
        assertThat(out.shape).containsExactly(w.shape);
        double s = 0;
        for (int i = 0; i < out.v.length; i++) {
            s += out.v[i] * w.v[i];
        }
        return s;
    }

    private void check(String name, Op op, RefOp ref, Tensor... in) {
        Tensor out = op.apply(in);
        assertThat(out.gradFn()).as(name + " records a grad_fn").isNotNull();
        Tensor w = Tensor.randn(out.shape(), gen);
        out.mul(w).sum().backward();
        Reference[] r = new Reference[in.length];
        for (int i = 0; i < in.length; i++) {
            r[i] = Reference.of(in[i]);
        }
        Reference rw = Reference.of(w);
        Check.close(name + " forward", out, ref.apply(r), 2e-5);
        StringBuilder shapes = new StringBuilder();
        double worst = 0;
        for (int i = 0; i < in.length; i++) {
            shapes.append(i == 0 ? "" : ", ").append(in[i].shape());
            if (!in[i].requiresGrad()) {
                continue;
            }
            assertThat(in[i].grad()).as(name + ": gradient of input " + i).isNotNull();
            assertThat(in[i].grad().shape()).isEqualTo(in[i].shape());
            float[] analytic = in[i].grad().toFloatArray();
            double[] numeric = new double[analytic.length];
            double[] v = r[i].v;
            double maxAbs = 0;
            for (int e = 0; e < v.length; e++) {
                double orig = v[e];
                v[e] = orig + H;
                double plus = lossOf(ref, r, rw);
                v[e] = orig - H;
                double minus = lossOf(ref, r, rw);
                v[e] = orig;
                numeric[e] = (plus - minus) / (2 * H);
                maxAbs = Math.max(maxAbs, Math.abs(numeric[e]));
            }
            for (int e = 0; e < v.length; e++) {
                double scale = Math.max(Math.abs(numeric[e]), FLOOR * maxAbs);
                double err = scale == 0 ? Math.abs(analytic[e]) : Math.abs(analytic[e] - numeric[e]) / scale;
                worst = Math.max(worst, err);
                assertThat(err).as("%s: d loss / d input %d at %d: analytic %s, numeric %s", name, i, e, analytic[e], numeric[e])
                    .isLessThan(RTOL);
            }
        }
        worstSeen = Math.max(worstSeen, worst);
        System.out.printf("gradcheck %-26s inputs %-36s out %-14s max rel error %.2e%n", name, shapes, out.shape(), worst);
    }

    @AfterAll
    static void report() {
        System.out.printf("gradcheck: worst relative error over all ops %.2e (tolerance %.0e)%n", worstSeen, RTOL);
    }

    // ------------------------------------------------------------------ elementwise

    @Test
    void binaryOpsWithBroadcasting() {
        check("add", in -> in[0].add(in[1]), r -> Reference.zip(r[0], r[1], Double::sum), x(4, 1, 3), x(5, 1));
        check("sub", in -> in[0].sub(in[1]), r -> Reference.zip(r[0], r[1], (a, b) -> a - b), x(3, 5), leaf(Check.permuted(gen, 3, 5)));
        check("mul", in -> in[0].mul(in[1]), r -> Reference.zip(r[0], r[1], (a, b) -> a * b), x(2, 3, 4), x(3, 1));
        check("div", in -> in[0].div(in[1]), r -> Reference.zip(r[0], r[1], (a, b) -> a / b), x(1, 9), positive(4, 1));
        check("pow", in -> in[0].pow(in[1]), r -> Reference.zip(r[0], r[1], Math::pow), positive(3, 4), x(4));
        check("maximum", in -> in[0].maximum(in[1]), r -> Reference.zip(r[0], r[1], Math::max), x(3, 4), x(1, 4));
        check("minimum", in -> in[0].minimum(in[1]), r -> Reference.zip(r[0], r[1], Math::min), x(3, 4), x(3, 1));
        check("mul non-contiguous", in -> in[0].mul(in[1]), r -> Reference.zip(r[0], r[1], (a, b) -> a * b),
            leaf(Check.strided(gen, 3, 5)), leaf(Check.randn(gen, 1, 5).expand(3, 5)));
    }

    @Test
    void scalarOps() {
        check("add(2)", in -> in[0].add(2f), r -> r[0].map(a -> a + 2), x(3, 5));
        check("sub(2)", in -> in[0].sub(2f), r -> r[0].map(a -> a - 2), x(3, 5));
        check("mul(-3)", in -> in[0].mul(-3f), r -> r[0].map(a -> a * -3), x(3, 5));
        check("div(4)", in -> in[0].div(4f), r -> r[0].map(a -> a / 4), x(3, 5));
        check("pow(3)", in -> in[0].pow(3f), r -> r[0].map(a -> a * a * a), x(3, 5));
        check("pow(-0.5)", in -> in[0].pow(-0.5f), r -> r[0].map(a -> 1 / Math.sqrt(a)), positive(3, 5));
    }

    @Test
    void unaryOps() {
        check("neg", in -> in[0].neg(), r -> r[0].map(a -> -a), x(3, 5));
        check("exp", in -> in[0].exp(), r -> r[0].map(Math::exp), leaf(Check.permuted(gen, 3, 5)));
        check("log", in -> in[0].log(), r -> r[0].map(Math::log), positive(3, 5));
        check("sqrt", in -> in[0].sqrt(), r -> r[0].map(Math::sqrt), positive(3, 5));
        check("rsqrt", in -> in[0].rsqrt(), r -> r[0].map(a -> 1 / Math.sqrt(a)), positive(3, 5));
        check("abs", in -> in[0].abs(), r -> r[0].map(Math::abs), x(3, 5));
        check("tanh", in -> in[0].tanh(), r -> r[0].map(Math::tanh), x(3, 5));
        check("erf", in -> in[0].erf(), r -> r[0].map(Reference::erf), x(3, 5));
        check("relu", in -> in[0].relu(), r -> r[0].map(a -> Math.max(a, 0)), x(3, 5));
        check("gelu", in -> in[0].gelu(), r -> r[0].map(Reference::gelu), leaf(Check.randn(gen, 3, 5).mul(2.5f)));
        check("geluTanh", in -> in[0].geluTanh(), r -> r[0].map(Reference::geluTanh), leaf(Check.randn(gen, 3, 5).mul(2.5f)));
    }

    @Test
    void whereAndMaskedFill() {
        Tensor cond = Check.randn(gen, 4, 1, 3).gt(0f);
        check("where", in -> Tensor.where(in[0], in[1], in[2]), r -> Reference.where(r[0], r[1], r[2]), cond, x(5, 1), x(4, 5, 3));
        Tensor mask = Check.randn(gen, 1, 5).gt(0f);
        check("maskedFill", in -> in[0].maskedFill(in[1], -2f),
            r -> Reference.where(r[1], new Reference(new int[0], new double[] {-2}), r[0]), x(3, 5), mask);
    }

    // ------------------------------------------------------------------ reductions

    @Test
    void reductions() {
        int[][] dimSets = {{0}, {-1}, {0, 2}};
        for (int[] dims : dimSets) {
            for (boolean keep : new boolean[] {false, true}) {
                String d = java.util.Arrays.toString(dims) + (keep ? " keep" : "");
                check("sum " + d, in -> in[0].sum(dims, keep), r -> r[0].reduce(Kind.SUM, dims, keep), x(3, 4, 5));
                check("mean " + d, in -> in[0].mean(dims, keep), r -> r[0].reduce(Kind.MEAN, dims, keep), leaf(Check.permuted(gen, 3, 4, 5)));
                check("max " + d, in -> in[0].max(dims, keep), r -> r[0].reduce(Kind.MAX, dims, keep), x(3, 4, 5));
                check("min " + d, in -> in[0].min(dims, keep), r -> r[0].reduce(Kind.MIN, dims, keep), x(3, 4, 5));
            }
        }
        int[] all = {0, 1};
        check("sum()", in -> in[0].sum(), r -> r[0].reduce(Kind.SUM, all, false), x(3, 5));
        check("mean()", in -> in[0].mean(), r -> r[0].reduce(Kind.MEAN, all, false), x(3, 5));
        check("max()", in -> in[0].max(), r -> r[0].reduce(Kind.MAX, all, false), x(3, 5));
    }

    // ------------------------------------------------------------------ linear algebra and nn functions

    @Test
    void matmul() {
        RefOp mm = r -> Reference.matmul(r[0], r[1]);
        check("matmul 2-D", in -> in[0].matmul(in[1]), mm, x(3, 5), x(5, 4));
        check("matmul batch broadcast", in -> in[0].matmul(in[1]), mm, x(2, 1, 3, 5), x(3, 5, 4));
        check("matmul matrix @ batch", in -> in[0].matmul(in[1]), mm, x(3, 5), x(2, 5, 4));
        check("matmul transposed", in -> in[0].matmul(in[1]), mm, leaf(Check.permuted(gen, 3, 5)), leaf(Check.permuted(gen, 2, 5, 4)));
        check("matmul vector @ matrix", in -> in[0].matmul(in[1]), mm, x(5), x(5, 4));
        check("matmul batch @ vector", in -> in[0].matmul(in[1]), mm, x(2, 3, 5), x(5));
        check("matmul vector @ vector", in -> in[0].matmul(in[1]), mm, x(5), x(5));
    }

    @Test
    void softmaxAndLogSoftmax() {
        for (int dim : new int[] {-1, 0, 1}) {
            check("softmax(" + dim + ")", in -> in[0].softmax(dim), r -> r[0].softmax(dim, false), x(3, 4, 5));
            check("logSoftmax(" + dim + ")", in -> in[0].logSoftmax(dim), r -> r[0].softmax(dim, true), leaf(Check.permuted(gen, 3, 4, 5)));
        }
    }

    @Test
    void layerNorm() {
        float eps = 1e-5f;
        RefOp ln = r -> Reference.layerNorm(r[0], r[1], r[2], eps);
        check("layerNorm", in -> Functional.layerNorm(in[0], in[1], in[2], eps), ln, x(3, 4, 7), x(7), x(7));
        check("layerNorm 1-D", in -> Functional.layerNorm(in[0], in[1], in[2], eps), ln, x(5), x(5), x(5));
        check("layerNorm mean 300", in -> Functional.layerNorm(in[0], in[1], in[2], eps), ln, leaf(Check.randn(gen, 3, 9).add(300f)), x(9), x(9));
        check("layerNorm permuted", in -> Functional.layerNorm(in[0], in[1], in[2], eps), ln, leaf(Check.permuted(gen, 4, 6)), x(6), x(6));
    }

    @Test
    void linearConvAndIm2col() {
        check("linear", in -> Functional.linear(in[0], in[1], in[2]), r -> Reference.linear(r[0], r[1], r[2]), x(2, 3, 5), x(4, 5), x(4));
        check("linear no bias", in -> Functional.linear(in[0], in[1], null), r -> Reference.linear(r[0], r[1], null), x(3, 5), x(4, 5));
        check("linear of a permuted input", in -> Functional.linear(in[0].permute(1, 0, 2), in[1], in[2]),
            r -> Reference.linear(r[0].permute(1, 0, 2), r[1], r[2]), x(3, 2, 5), x(4, 5), x(4));
        check("linear with GELU", in -> Functional.linear(in[0], in[1], in[2], UnaryOp.GELU),
            r -> Reference.linear(r[0], r[1], r[2]).map(Reference::gelu), x(2, 3, 5), x(4, 5), x(4));
        check("conv2d stride 2 pad 1", in -> Functional.conv2d(in[0], in[1], in[2], 2, 1), r -> Reference.conv2d(r[0], r[1], r[2], 2, 1),
            x(2, 3, 7, 6), x(4, 3, 3, 3), x(4));
        check("conv2d stride 1 pad 0", in -> Functional.conv2d(in[0], in[1], in[2], 1, 0), r -> Reference.conv2d(r[0], r[1], r[2], 1, 0),
            leaf(Check.permuted(gen, 1, 2, 5, 6)), x(3, 2, 2, 3), x(3));
        check("conv2d patchify k=s=4", in -> Functional.conv2d(in[0], in[1], in[2], 4, 0), r -> Reference.conv2d(r[0], r[1], r[2], 4, 0),
            x(2, 3, 8, 12), x(5, 3, 4, 4), x(5));
        check("im2col k3 s2 p1", in -> Functional.im2col(in[0], 3, 3, 2, 1), r -> Reference.im2col(r[0], 3, 3, 2, 1), x(2, 2, 5, 6));
    }

    @Test
    void crossEntropyAndDropout() {
        Tensor targets = Tensor.of(new float[] {2, 0, 4, 4}, 4);
        check("crossEntropy", in -> Functional.crossEntropy(in[0], in[1]), r -> Reference.crossEntropy(r[0], r[1]), x(4, 5), targets);
        float p = 0.4f;
        check("dropout fixed mask", in -> Functional.dropout(in[0], p, new Generator(5)), r -> {
            Generator g = new Generator(5);
            return r[0].map(a -> g.nextFloat() < p ? 0 : a * (double) (1f / (1f - p)));
        }, x(6, 7));
    }

    // ------------------------------------------------------------------ views and joins

    @Test
    void viewsAndJoins() {
        check("reshape", in -> in[0].reshape(5, -1).exp(), r -> r[0].reshape(5, 6).map(Math::exp), x(3, 2, 5));
        check("reshape of permuted (copy)", in -> in[0].permute(2, 0, 1).reshape(-1, 5), r -> r[0].permute(2, 0, 1).reshape(6, 5), x(3, 2, 5));
        check("view", in -> in[0].view(6, 5), r -> r[0].reshape(6, 5), x(3, 2, 5));
        check("permute", in -> in[0].permute(-1, 0, 1), r -> r[0].permute(2, 0, 1), x(3, 2, 5));
        check("transpose", in -> in[0].transpose(0, -1), r -> r[0].transpose(0, 2), x(3, 2, 5));
        check("select", in -> in[0].select(1, -1), r -> r[0].select(1, 1), x(3, 2, 5));
        // select's gradients are kept as slices until needed (GradSum): every slice of a permuted tensor (no zeros, in
        // the permuted layout), some slices (zeros elsewhere), one slice twice, slices along two dims, and a dense term
        check("q, k, v selected from a permuted tensor", in -> {
            Tensor t = in[0].reshape(2, 5, 3, 4).permute(2, 0, 3, 1);   // as attention's (qkv) b h n d
            return t.select(0, 0).mul(t.select(0, 1)).add(t.select(0, 2)).reshape(-1, 5).exp();
        }, r -> {
            Reference t = r[0].reshape(2, 5, 3, 4).permute(2, 0, 3, 1);
            return Reference.zip(Reference.zip(t.select(0, 0), t.select(0, 1), (a, b) -> a * b), t.select(0, 2), Double::sum)
                .reshape(8, 5).map(Math::exp);
        }, x(2, 5, 12));
        check("some slices, one twice", in -> in[0].select(0, 2).mul(in[0].select(0, 0)).add(in[0].select(0, 2)),
            r -> Reference.zip(Reference.zip(r[0].select(0, 2), r[0].select(0, 0), (a, b) -> a * b), r[0].select(0, 2), Double::sum),
            x(4, 3, 2));
        check("slices along two dims and a dense term", in -> in[0].select(1, 1).add(in[0].select(2, 0)).mul(in[0].sum(1, false)),
            r -> Reference.zip(Reference.zip(r[0].select(1, 1), r[0].select(2, 0), Double::sum), r[0].reduce(Kind.SUM, new int[] {1}, false),
                (a, b) -> a * b),
            x(3, 3, 3));
        check("slice step 2", in -> in[0].slice(-1, 1, 5, 2), r -> r[0].slice(2, 1, 5, 2), x(3, 2, 5));
        check("expand", in -> in[0].expand(4, 3, 5), r -> r[0].expand(4, 3, 5), x(3, 1));
        check("repeat", in -> in[0].repeat(2, 1, 3), r -> r[0].repeat(2, 1, 3), x(3, 2));
        check("unsqueeze", in -> in[0].unsqueeze(1), r -> r[0].unsqueeze(1), x(3, 2));
        check("squeeze", in -> in[0].squeeze(1), r -> r[0].reshape(3, 2), x(3, 1, 2));
        check("flatten", in -> in[0].flatten(1, 2), r -> r[0].reshape(3, 10), leaf(Check.permuted(gen, 3, 2, 5)));
        check("cat", in -> Tensor.cat(List.of(in[0], in[1], in[0]), -1), r -> Reference.cat(List.of(r[0], r[1], r[0]), 1), x(3, 2), x(3, 4));
        check("stack", in -> Tensor.stack(List.of(in[0], in[1]), 1), r -> Reference.stack(List.of(r[0], r[1]), 1), x(3, 2), x(3, 2));
        check("chunk", in -> {
            List<Tensor> c = in[0].chunk(3, 1);
            return Tensor.cat(List.of(c.get(2).mul(3f), c.get(0)), 1);
        }, r -> Reference.cat(List.of(r[0].slice(1, 6, 7, 1).map(a -> 3 * a), r[0].slice(1, 0, 3, 1)), 1), x(2, 7));
        check("split", in -> {
            List<Tensor> s = in[0].split(new int[] {1, 4}, 0);
            return s.get(1).mul(s.get(0));
        }, r -> Reference.zip(r[0].slice(0, 1, 5, 1), r[0].slice(0, 0, 1, 1), (a, b) -> a * b), x(5, 3));
        check("contiguous of strided", in -> in[0].contiguous(), r -> r[0], leaf(Check.strided(gen, 3, 4)));
    }

    // ------------------------------------------------------------------ graph behaviour

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        check("x * x + exp(x) * x", in -> in[0].mul(in[0]).add(in[0].exp().mul(in[0])), r -> r[0].map(a -> a * a + Math.exp(a) * a), x(3, 5));
        check("diamond", in -> {
            Tensor z = in[0].tanh();
            return z.matmul(z.mT()).add(z.sum(-1, true));
        }, r -> {
            Reference z = r[0].map(Math::tanh);
            return Reference.zip(Reference.matmul(z, z.transpose(0, 1)), z.reduce(Kind.SUM, new int[] {1}, true), Double::sum);
        }, x(3, 4));
    }
}
