// SPDX-License-Identifier: MIT
package vit.attention.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.attention.MultiHeadAttention;
import vit.attention.Variant;
import vit.nn.LayerNorm;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.Fixtures;

/**
 * The checks of exercises 04.1, 04.2 and 04.4: attention weights by plain loops in double, written here,
 * and PyTorch's attention branch from the fixture. Run them on your code with
 * {@code mvn -pl 04-attention test -Pexercises}.
 */
class ScaledAttentionTest {
    /** softmax(q k^T / sqrt(d)) with blocked keys left out, by loops in double: {@code [B*H*N*N]}. */
    static double[] reference(float[] q, float[] k, int bh, int n, int d, float[] mask) {
        double[] out = new double[bh * n * n];
        for (int g = 0; g < bh; g++) {
            for (int i = 0; i < n; i++) {
                double[] s = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (mask != null && mask[i * n + j] == 0) {
                        s[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += (double) q[(g * n + i) * d + c] * k[(g * n + j) * d + c];
                    }
                    s[j] = dot / Math.sqrt(d);
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j < n; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int j = 0; j < n; j++) {
                    out[(g * n + i) * n + j] = s[j] / z;
                }
            }
        }
        return out;
    }

    static void assertCloseTo(Tensor got, double[] expected, String what) {
        float[] a = got.toFloatArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++) {
            assertThat((double) a[i]).as("%s, element %d", what, i).isCloseTo(expected[i], offset(1e-6));
        }
    }

    @ParameterizedTest(name = "Exercise 04.1: batch {0}, {1} heads, {2} tokens, head dim {3}")
    @CsvSource({"1, 1, 3, 4", "2, 3, 5, 8", "1, 4, 7, 16"})
    void ex1_weights(int b, int h, int n, int d) {
        Generator gen = new Generator(1);
        Tensor q = Tensor.randn(Shape.of(b, h, n, d), gen).mul(2f);
        Tensor k = Tensor.randn(Shape.of(b, h, n, d), gen).mul(2f);
        Tensor att = ScaledAttention.weights(q, k);
        System.out.println("weights " + att.shape());
        assertThat(att.shape()).isEqualTo(Shape.of(b, h, n, n));
        assertCloseTo(att, reference(q.toFloatArray(), k.toFloatArray(), b * h, n, d, null), "softmax(q k^T / sqrt(d))");
        for (float rowSum : att.sum(-1, false).toFloatArray()) {
            assertThat(rowSum).as("every row of weights sums to 1").isCloseTo(1f, offset(1e-5f));
        }
    }

    @Test
    @DisplayName("Exercise 04.2: the causal mask is 1 on and below the diagonal")
    void ex2_causalMask() {
        Tensor m = ScaledAttention.causalMask(3);
        System.out.println("causal mask " + m.shape());
        assertThat(m.shape()).isEqualTo(Shape.of(3, 3));
        assertThat(m.toFloatArray()).containsExactly(1, 0, 0, 1, 1, 0, 1, 1, 1);
    }

    @Test
    @DisplayName("Exercise 04.2: a blocked key gets weight 0, the others share 1")
    void ex2_maskedWeights() {
        Generator gen = new Generator(2);
        int n = 6;
        Tensor q = Tensor.randn(Shape.of(2, 3, n, 4), gen);
        Tensor k = Tensor.randn(Shape.of(2, 3, n, 4), gen);
        float[] mask = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mask[i * n + j] = (i == j || gen.nextDouble() < 0.5) ? 1 : 0;   // every query keeps itself
            }
        }
        Tensor att = ScaledAttention.weights(q, k, Tensor.of(mask, n, n));
        System.out.println("masked weights " + att.shape());
        assertThat(att.shape()).isEqualTo(Shape.of(2, 3, n, n));
        float[] a = att.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            if (mask[i % (n * n)] == 0) {
                assertThat(a[i]).as("weight %d falls on a blocked key", i).isZero();
            }
        }
        assertCloseTo(att, reference(q.toFloatArray(), k.toFloatArray(), 6, n, 4, mask), "masked softmax");
        Tensor causal = ScaledAttention.weights(q, k, ScaledAttention.causalMask(n));
        assertThat(causal.get(1, 2, 0, 0)).as("the first query sees only itself").isEqualTo(1f);
    }

    @Test
    @DisplayName("Exercise 04.4: multi-head attention by hand reproduces PyTorch's attention branch")
    void ex4_forwardMatchesPyTorch() {
        Map<String, Tensor> w = Fixtures.load("vit-mini/weights.safetensors");
        Map<String, Tensor> expected = Fixtures.load("vit-mini/expected-timm.safetensors");
        LayerNorm norm1 = new LayerNorm(64, 1e-6f);
        norm1.weight().set(w.get("blocks.0.norm1.weight"));
        norm1.bias().set(w.get("blocks.0.norm1.bias"));
        MultiHeadAttention attn = new MultiHeadAttention(64, 4, 0f, Variant.TIMM, new Generator(0));
        attn.qkv().weight().set(w.get("blocks.0.attn.qkv.weight"));
        attn.qkv().bias().set(w.get("blocks.0.attn.qkv.bias"));
        attn.projection().weight().set(w.get("blocks.0.attn.proj.weight"));
        attn.projection().bias().set(w.get("blocks.0.attn.proj.bias"));
        Tensor out = ScaledAttention.forward(attn, norm1.apply(expected.get("tokens")));
        System.out.println("attention by hand " + out.shape());
        assertThat(out.shape()).isEqualTo(Shape.of(2, 17, 64));
        Fixtures.assertClose("attention by hand against PyTorch's attn0", out, expected.get("attn0"), 1e-5);
    }

    @ParameterizedTest(name = "Exercise 04.4: {0} heads, width {1}")
    @CsvSource({"1, 8", "3, 12", "6, 24"})
    void ex4_forwardMatchesTheChaptersLayer(int heads, int e) {
        Generator gen = new Generator(4);
        MultiHeadAttention attn = new MultiHeadAttention(e, heads, 0f, Variant.TIMM, gen);
        Tensor x = Tensor.randn(Shape.of(2, 5, e), gen);
        assertThat(Fixtures.relativeError(ScaledAttention.forward(attn, x), attn.apply(x))).isLessThan(1e-5);
    }
}
