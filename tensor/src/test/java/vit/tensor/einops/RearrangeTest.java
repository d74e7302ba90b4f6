// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static org.assertj.core.api.Assertions.assertThat;
import static vit.tensor.einops.Loops.assertMatches;
import static vit.tensor.einops.Loops.doubles;
import static vit.tensor.einops.Loops.flat;
import static vit.tensor.einops.Loops.randn;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

class RearrangeTest {
    private static final String PATCHES = "b c (h s1) (w s2) -> b (h w) (s1 s2 c)";

    /** out[b][h*W + w][(i*S2 + j)*C + c] = x[b][c][h*S1 + i][w*S2 + j], computed by index arithmetic. */
    private static double[] patches(double[] x, int B, int C, int H, int S1, int W, int S2) {
        int[] in = {B, C, H * S1, W * S2};
        int[] out = {B, H * W, S1 * S2 * C};
        double[] y = new double[x.length];
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < C; c++) {
                for (int h = 0; h < H; h++) {
                    for (int i = 0; i < S1; i++) {
                        for (int w = 0; w < W; w++) {
                            for (int j = 0; j < S2; j++) {
                                y[flat(out, b, h * W + w, (i * S2 + j) * C + c)] = x[flat(in, b, c, h * S1 + i, w * S2 + j)];
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    @Test
    void patchesOfOddSizesMatchIndexArithmetic() {
        int[][] configs = {{2, 3, 3, 5, 7, 3}, {1, 1, 1, 1, 1, 1}, {3, 2, 5, 2, 1, 7}};
        long seed = 1;
        for (int[] k : configs) {
            int B = k[0], C = k[1], H = k[2], S1 = k[3], W = k[4], S2 = k[5];
            Tensor x = randn(seed++, B, C, H * S1, W * S2);
            Tensor y = Einops.rearrange(x, PATCHES, "s1", S1, "s2", S2);
            assertMatches("patches of " + x.shape(), y, new int[] {B, H * W, S1 * S2 * C}, patches(doubles(x), B, C, H, S1, W, S2), 0);
        }
    }

    @Test
    void vitPatchesOfA224ImageAre196TokensOf768() {
        Tensor x = randn(7, 1, 3, 224, 224);
        Tensor y = Einops.rearrange(x, PATCHES, Map.of("s1", 16, "s2", 16));
        assertMatches("ViT patches of " + x.shape(), y, new int[] {1, 196, 768}, patches(doubles(x), 1, 3, 14, 16, 14, 16), 0);
    }

    @Test
    void transposeMergeAndSplit() {
        Tensor x = randn(2, 2, 3, 5, 7);
        double[] v = doubles(x);
        int[] in = {2, 3, 5, 7};
        double[] t = new double[v.length];
        double[] split = new double[v.length];
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 5; h++) {
                    for (int w = 0; w < 7; w++) {
                        double e = v[flat(in, b, c, h, w)];
                        t[flat(new int[] {2, 5, 7, 3}, b, h, w, c)] = e;
                        // "(b c) h w" split back with c=3, then "c (w h) b": c outer, then w, then h
                        split[flat(new int[] {3, 35, 2}, c, w * 5 + h, b)] = e;
                    }
                }
            }
        }
        assertMatches("b c h w -> b h w c", Einops.rearrange(x, "b c h w -> b h w c"), new int[] {2, 5, 7, 3}, t, 0);
        assertMatches("b c h w -> b (h w c)", Einops.rearrange(x, "b c h w -> b (h w c)"), new int[] {2, 105}, t, 0);
        Tensor merged = Einops.rearrange(x, "b c h w -> (b c) h w");
        assertMatches("b c h w -> (b c) h w", merged, new int[] {6, 5, 7}, v, 0);
        Tensor back = Einops.rearrange(merged, "(b c) h w -> c (w h) b", "c", 3);
        assertMatches("(b c) h w -> c (w h) b", back, new int[] {3, 35, 2}, split, 0);
    }

    @Test
    void nonContiguousInputGivesTheSameNumbers() {
        Tensor x = randn(3, 5, 3, 4);
        Tensor xt = x.permute(2, 0, 1); // [4, 5, 3], strided
        double[] v = doubles(x);
        double[] expected = new double[v.length];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    // xt[k][i][j] = x[i][j][k]; "k i j -> (j k) i"
                    expected[flat(new int[] {12, 5}, j * 4 + k, i)] = v[flat(new int[] {5, 3, 4}, i, j, k)];
                }
            }
        }
        assertMatches("k i j -> (j k) i of a permuted view", Einops.rearrange(xt, "k i j -> (j k) i"), new int[] {12, 5}, expected, 0);
    }

    @Test
    void unitAxesAndOnes() {
        Tensor x = randn(4, 4, 1, 5, 1);
        double[] v = doubles(x);
        assertMatches("b () h 1 -> b h", Einops.rearrange(x, "b () h 1 -> b h"), new int[] {4, 5}, v, 0);
        assertMatches("b 1 h () -> 1 h () b 1", Einops.rearrange(x, "b 1 h () -> 1 h () b 1"), new int[] {1, 5, 1, 4, 1},
            transpose2(v, 4, 5), 0);
        assertMatches("b (1 h) 1 () -> (b 1) h", Einops.rearrange(x.reshape(4, 5, 1, 1), "b (1 h) 1 () -> (b 1) h"), new int[] {4, 5}, v, 0);
    }

    @Test
    void ellipsisCoversTheUnnamedDimensions() {
        Tensor x = randn(5, 2, 3, 4, 5);
        double[] v = doubles(x);
        int[] in = {2, 3, 4, 5};
        double[] moved = new double[v.length];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    for (int c = 0; c < 5; c++) {
                        moved[flat(new int[] {2, 5, 3, 4}, b, c, i, j)] = v[flat(in, b, i, j, c)];
                    }
                }
            }
        }
        assertMatches("b ... c -> b c ...", Einops.rearrange(x, "b ... c -> b c ..."), new int[] {2, 5, 3, 4}, moved, 0);
        assertMatches("b ... c -> b c (...)", Einops.rearrange(x, "b ... c -> b c (...)"), new int[] {2, 5, 12}, moved, 0);
        assertMatches("... h w -> ... (h w)", Einops.rearrange(x, "... h w -> ... (h w)"), new int[] {2, 3, 20}, v, 0);
        assertMatches("... -> (...)", Einops.rearrange(x, "... -> (...)"), new int[] {120}, v, 0);
        Tensor small = randn(6, 7);
        assertMatches("b ... -> ... b, ellipsis of no dims", Einops.rearrange(small, "b ... -> ... b"), new int[] {7}, doubles(small), 0);
        Tensor scalar = Tensor.scalar(2.5f);
        assertMatches("... -> (...) of a scalar", Einops.rearrange(scalar, "... -> (...)"), new int[] {1}, new double[] {2.5}, 0);
    }

    @Test
    void gradientsLandWhereTheNumbersCameFrom() {
        int B = 2, C = 3, H = 2, S1 = 3, W = 3, S2 = 2;
        Tensor x = randn(11, B, C, H * S1, W * S2).requiresGrad(true);
        Tensor y = Einops.rearrange(x, PATCHES, "s1", S1, "s2", S2);
        y.sum().backward();
        double[] ones = new double[(int) x.numel()];
        java.util.Arrays.fill(ones, 1);
        assertMatches("d sum(rearrange(x)) / dx", x.grad(), x.shape().dims(), ones, 0);

        // With distinct weights, each input element's gradient is the weight of the output it moved to.
        Tensor weights = randn(12, B, H * W, S1 * S2 * C);
        x.zeroGrad();
        Einops.rearrange(x, PATCHES, "s1", S1, "s2", S2).mul(weights).sum().backward();
        double[] wv = doubles(weights);
        double[] expected = new double[wv.length];
        double[] moved = patches(indexArray(wv.length), B, C, H, S1, W, S2);
        for (int o = 0; o < moved.length; o++) {
            expected[(int) moved[o]] = wv[o];
        }
        assertMatches("d sum(rearrange(x) * w) / dx", x.grad(), x.shape().dims(), expected, 0);
    }

    @Test
    void cachedPatternsAreParsedOnce() {
        Pattern a = PatternCache.parse("rearrange", "x y -> y x");
        Pattern b = PatternCache.parse("rearrange", "x y -> y x");
        assertThat(a).isSameAs(b);
        assertThat(PatternCache.size()).isBetween(1, PatternCache.CAPACITY);
        for (int i = 0; i < PatternCache.CAPACITY + 10; i++) {
            PatternCache.parse("rearrange", "a" + i + " -> a" + i);
        }
        assertThat(PatternCache.size()).isEqualTo(PatternCache.CAPACITY);
    }

    private static double[] indexArray(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static double[] transpose2(double[] v, int rows, int cols) {
        double[] t = new double[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = v[i * cols + j];
            }
        }
        return t;
    }
}
