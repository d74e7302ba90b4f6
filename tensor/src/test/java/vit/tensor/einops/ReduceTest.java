// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static vit.tensor.einops.Loops.assertMatches;
import static vit.tensor.einops.Loops.doubles;
import static vit.tensor.einops.Loops.flat;
import static vit.tensor.einops.Loops.randn;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

class ReduceTest {
    @Test
    void meanOverTokens() {
        int B = 3, N = 7, E = 5;
        Tensor x = randn(21, B, N, E);
        double[] v = doubles(x);
        double[] mean = new double[B * E];
        for (int b = 0; b < B; b++) {
            for (int e = 0; e < E; e++) {
                double s = 0;
                for (int n = 0; n < N; n++) {
                    s += v[flat(new int[] {B, N, E}, b, n, e)];
                }
                mean[b * E + e] = s / N;
            }
        }
        assertMatches("reduce b n e -> b e, mean", Einops.reduce(x, "b n e -> b e", "mean"), new int[] {B, E}, mean, 1e-6);
        assertMatches("Reduce layer, mean", new Reduce("b n e -> b e", "mean").forward(x), new int[] {B, E}, mean, 1e-6);
    }

    /** 2x3 pooling written as anonymous axes: every reduction against explicit loops. */
    @Test
    void poolingWithAnonymousAxesForEveryReduction() {
        int B = 2, C = 3, H = 5, W = 3;
        Tensor x = randn(22, B, C, 2 * H, 3 * W);
        check(x, "max", Math::max, Double.NEGATIVE_INFINITY, false);
        check(x, "min", Math::min, Double.POSITIVE_INFINITY, false);
        check(x, "sum", Double::sum, 0, false);
        check(x, "mean", Double::sum, 0, true);
    }

    private static void check(Tensor x, String reduction, DoubleBinaryOperator op, double identity, boolean divide) {
        int B = x.size(0), C = x.size(1), H = x.size(2) / 2, W = x.size(3) / 3;
        int[] in = x.shape().dims();
        double[] v = doubles(x);
        double[] out = new double[B * C * H * W];
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < C; c++) {
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        double acc = identity;
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 3; j++) {
                                acc = op.applyAsDouble(acc, v[flat(in, b, c, h * 2 + i, w * 3 + j)]);
                            }
                        }
                        out[flat(new int[] {B, C, H, W}, b, c, h, w)] = divide ? acc / 6 : acc;
                    }
                }
            }
        }
        Tensor y = Einops.reduce(x, "b c (h 2) (w 3) -> b c h w", reduction);
        assertMatches("reduce b c (h 2) (w 3) -> b c h w, " + reduction, y, new int[] {B, C, H, W}, out, 1e-5);
    }

    @Test
    void keepUnitAxesSumGroupsAndEllipsis() {
        int B = 2, C = 3, H = 4, S = 3, W = 5;
        Tensor x = randn(23, B, C, H * S, W);
        int[] in = x.shape().dims();
        double[] v = doubles(x);
        double[] mean = new double[B * C];
        double[] sumSW = new double[C * B * H];
        double[] minLast = new double[B * C * H * S];
        java.util.Arrays.fill(minLast, Double.POSITIVE_INFINITY);
        double total = 0;
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < C; c++) {
                for (int h = 0; h < H; h++) {
                    for (int s = 0; s < S; s++) {
                        for (int w = 0; w < W; w++) {
                            double e = v[flat(in, b, c, h * S + s, w)];
                            mean[b * C + c] += e / (H * S * W);
                            sumSW[flat(new int[] {C, B, H}, c, b, h)] += e;
                            int m = flat(new int[] {B, C, H * S}, b, c, h * S + s);
                            minLast[m] = Math.min(minLast[m], e);
                            total += e;
                        }
                    }
                }
            }
        }
        assertMatches("reduce b c h w -> b c () (), mean", Einops.reduce(x, "b c h w -> b c () ()", "mean"), new int[] {B, C, 1, 1}, mean, 1e-5);
        assertMatches("reduce b c (h s) w -> c b h, sum", Einops.reduce(x, "b c (h s) w -> c b h", "sum", "s", S), new int[] {C, B, H}, sumSW, 1e-5);
        assertMatches("reduce ... w -> ..., min", Einops.reduce(x, "... w -> ...", "min"), new int[] {B, C, H * S}, minLast, 0);
        assertMatches("reduce b ... -> b, sum", Einops.reduce(x, "b ... -> b", "sum"), new int[] {B}, sumOverBatch(v, B), 1e-4);
        assertMatches("reduce b c hs w ->, sum", Einops.reduce(x, "b c hs w ->", "sum"), new int[] {}, new double[] {total}, 1e-4);
        assertMatches("reduce without reduced axes is rearrange", Einops.reduce(x, "b c hs w -> w b c hs", "max"),
            new int[] {W, B, C, H * S}, doubles(x.permute(3, 0, 1, 2)), 0);
    }

    private static double[] sumOverBatch(double[] v, int b) {
        double[] out = new double[b];
        int per = v.length / b;
        for (int i = 0; i < v.length; i++) {
            out[i / per] += v[i];
        }
        return out;
    }

    @Test
    void gradientsOfMeanAndMax() {
        int B = 2, N = 3, E = 4;
        Tensor x = randn(24, B, N, E).requiresGrad(true);
        Einops.reduce(x, "b n e -> b e", "mean").sum().backward();
        double[] third = new double[B * N * E];
        java.util.Arrays.fill(third, 1.0 / N);
        assertMatches("d sum(mean over n) / dx", x.grad(), new int[] {B, N, E}, third, 1e-7);

        x.zeroGrad();
        Einops.reduce(x, "b n e -> e", "max").sum().backward();
        double[] v = doubles(x);
        double[] oneHot = new double[v.length];
        for (int e = 0; e < E; e++) {
            int best = e;
            for (int i = e; i < v.length; i += E) {
                if (v[i] > v[best]) {
                    best = i;
                }
            }
            oneHot[best] = 1;
        }
        assertMatches("d sum(max over b n) / dx", x.grad(), new int[] {B, N, E}, oneHot, 0);
    }
}
