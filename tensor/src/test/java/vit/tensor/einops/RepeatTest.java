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

class RepeatTest {
    @Test
    void classTokenForEveryImage() {
        int B = 4, N = 1, E = 7;
        Tensor cls = randn(31, 1, N, E);
        double[] v = doubles(cls);
        double[] out = new double[B * N * E];
        for (int b = 0; b < B; b++) {
            for (int e = 0; e < E; e++) {
                out[flat(new int[] {B, N, E}, b, 0, e)] = v[e];
            }
        }
        assertMatches("repeat () n e -> b n e", Einops.repeat(cls, "() n e -> b n e", "b", B), new int[] {B, N, E}, out, 0);
        assertMatches("repeat 1 n e -> b n e", Einops.repeat(cls, "1 n e -> b n e", Map.of("b", B)), new int[] {B, N, E}, out, 0);
    }

    @Test
    void upsampleTileAndNewAxes() {
        int H = 3, W = 5;
        Tensor x = randn(32, H, W);
        double[] v = doubles(x);
        double[] up = new double[H * 2 * W * 3];
        double[] tile = new double[2 * H * W];
        double[] three = new double[H * W * 3];
        double[] front = new double[H * W * 2];
        for (int i = 0; i < 2 * H; i++) {
            for (int j = 0; j < 3 * W; j++) {
                up[i * 3 * W + j] = v[(i / 2) * W + j / 3];
            }
        }
        for (int i = 0; i < 2 * H; i++) {
            for (int j = 0; j < W; j++) {
                tile[i * W + j] = v[(i % H) * W + j];
            }
        }
        for (int i = 0; i < H * W; i++) {
            for (int k = 0; k < 3; k++) {
                three[i * 3 + k] = v[i];
            }
            front[i] = v[i];
            front[H * W + i] = v[i];
        }
        assertMatches("repeat h w -> (h 2) (w 3)", Einops.repeat(x, "h w -> (h 2) (w 3)"), new int[] {2 * H, 3 * W}, up, 0);
        assertMatches("repeat h w -> (r h) w", Einops.repeat(x, "h w -> (r h) w", "r", 2), new int[] {2 * H, W}, tile, 0);
        assertMatches("repeat h w -> h w 3", Einops.repeat(x, "h w -> h w 3"), new int[] {H, W, 3}, three, 0);
        assertMatches("repeat ... -> r ...", Einops.repeat(x, "... -> r ...", "r", 2), new int[] {2, H, W}, front, 0);
        assertMatches("repeat h w -> w h (no new axis)", Einops.repeat(x, "h w -> w h"), new int[] {W, H}, doubles(x.mT()), 0);
    }

    @Test
    void gradientCountsTheCopies() {
        Tensor x = randn(33, 2, 3).requiresGrad(true);
        Tensor y = Einops.repeat(x, "h w -> r (h 2) w", "r", 5);
        y.sum().backward();
        double[] tens = new double[6];
        java.util.Arrays.fill(tens, 10);
        assertMatches("d sum(repeat 5 x 2 copies) / dx", x.grad(), new int[] {2, 3}, tens, 0);
        assertThat(y.isContiguous()).as("a repeat is materialised").isTrue();
    }
}
