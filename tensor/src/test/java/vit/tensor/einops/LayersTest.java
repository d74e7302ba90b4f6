// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static org.assertj.core.api.Assertions.assertThat;
import static vit.tensor.einops.Loops.assertMatches;
import static vit.tensor.einops.Loops.doubles;
import static vit.tensor.einops.Loops.randn;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

class LayersTest {
    @Test
    void printedTheWayEinopsPrintsThem() {
        assertThat(new Rearrange("b e (h) (w) -> b (h w) e")).hasToString("Rearrange('b e (h) (w) -> b (h w) e')");
        assertThat(new Rearrange("b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s2", 16, "s1", 16))
            .hasToString("Rearrange('b c (h s1) (w s2) -> b (h w) (s1 s2 c)', s1=16, s2=16)");
        assertThat(new Reduce("b n e -> b e", "mean")).hasToString("Reduce('b n e -> b e', 'mean')");
        assertThat(new Reduce("b c (h s) w -> b c h", "max", Map.of("s", 2))).hasToString("Reduce('b c (h s) w -> b c h', 'max', s=2)");
    }

    @Test
    void forwardIsTheFunction() {
        Tensor x = randn(61, 2, 5, 3, 4); // b e h w, as after the patch convolution
        Rearrange flatten = new Rearrange("b e (h) (w) -> b (h w) e");
        Tensor tokens = flatten.forward(x);
        double[] v = doubles(x);
        double[] expected = new double[v.length];
        for (int b = 0; b < 2; b++) {
            for (int e = 0; e < 5; e++) {
                for (int p = 0; p < 12; p++) {
                    expected[(b * 12 + p) * 5 + e] = v[(b * 5 + e) * 12 + p];
                }
            }
        }
        assertMatches(flatten + " of " + x.shape(), tokens, new int[] {2, 12, 5}, expected, 0);
        assertThat(flatten.pattern()).isEqualTo("b e (h) (w) -> b (h w) e");
        assertThat(flatten.sizes()).isEmpty();

        Reduce pool = new Reduce("b n e -> b e", "max");
        double[] max = new double[2 * 5];
        double[] tv = doubles(tokens);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < tv.length; i++) {
            int b = i / 60;
            int e = i % 5;
            max[b * 5 + e] = Math.max(max[b * 5 + e], tv[i]);
        }
        assertMatches(pool + " of " + tokens.shape(), pool.forward(tokens), new int[] {2, 5}, max, 0);
        assertThat(pool.reduction()).isEqualTo("max");
    }
}
