// SPDX-License-Identifier: MIT
package vit.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.nn.LayerNorm;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.ChapterOutput;
import vit.tensor.testing.Fixtures;

class MultiHeadAttentionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ARTICLE", "TIMM"})
    void matchesPyTorchOnTheFixture(Variant variant) {
        Map<String, Tensor> w = Fixtures.load("vit-mini/weights.safetensors");
        Map<String, Tensor> expected = Fixtures.load("vit-mini/expected-" + variant.name().toLowerCase() + ".safetensors");
        LayerNorm norm1 = new LayerNorm(64, variant.layerNormEps());
        norm1.weight().set(w.get("blocks.0.norm1.weight"));
        norm1.bias().set(w.get("blocks.0.norm1.bias"));
        MultiHeadAttention attn = new MultiHeadAttention(64, 4, 0f, variant, new Generator(0));
        attn.qkv().weight().set(w.get("blocks.0.attn.qkv.weight"));
        attn.qkv().bias().set(w.get("blocks.0.attn.qkv.bias"));
        attn.projection().weight().set(w.get("blocks.0.attn.proj.weight"));
        attn.projection().bias().set(w.get("blocks.0.attn.proj.bias"));
        Tensor out = attn.apply(norm1.apply(expected.get("tokens")));
        Fixtures.assertClose(variant + " attn0", out, expected.get("attn0"), 1e-5);
    }

    /** Multi-head attention by plain loops in double, straight from the formulas in {@link Attention}. */
    static double[] reference(float[] x, int b, int n, int e, int h, float[] wqkv, float[] bqkv, float[] wp, float[] bp,
                              Variant v, float[] mask) {
        int d = e / h;
        double[] qkv = new double[b * n * 3 * e];
        for (int i = 0; i < b * n; i++) {
            for (int o = 0; o < 3 * e; o++) {
                double s = bqkv[o];
                for (int k = 0; k < e; k++) {
                    s += (double) x[i * e + k] * wqkv[o * e + k];
                }
                qkv[i * 3 * e + o] = s;
            }
        }
        // Column of q/k/v element (which, head, j) inside a token's 3E outputs.
        java.util.function.IntBinaryOperator col = (which, hj) -> v == Variant.TIMM ? which * e + hj : hj * 3 + which;
        double[] mixed = new double[b * n * e];
        for (int bi = 0; bi < b; bi++) {
            for (int hi = 0; hi < h; hi++) {
                for (int q = 0; q < n; q++) {
                    double[] s = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < n; k++) {
                        double dot = 0;
                        for (int j = 0; j < d; j++) {
                            dot += qkv[(bi * n + q) * 3 * e + col.applyAsInt(0, hi * d + j)] * qkv[(bi * n + k) * 3 * e + col.applyAsInt(1, hi * d + j)];
                        }
                        s[k] = v == Variant.TIMM ? dot / Math.sqrt(d) : dot;
                        if (mask != null && mask[q * n + k] == 0) {
                            s[k] = Double.NEGATIVE_INFINITY;
                        }
                        max = Math.max(max, s[k]);
                    }
                    double z = 0;
                    for (int k = 0; k < n; k++) {
                        s[k] = Math.exp(s[k] - max);
                        z += s[k];
                    }
                    for (int k = 0; k < n; k++) {
                        s[k] /= z;
                        if (v == Variant.ARTICLE) {
                            s[k] /= Math.sqrt(e);
                        }
                    }
                    for (int j = 0; j < d; j++) {
                        double acc = 0;
                        for (int k = 0; k < n; k++) {
                            acc += s[k] * qkv[(bi * n + k) * 3 * e + col.applyAsInt(2, hi * d + j)];
                        }
                        mixed[(bi * n + q) * e + hi * d + j] = acc;
                    }
                }
            }
        }
        double[] out = new double[b * n * e];
        for (int i = 0; i < b * n; i++) {
            for (int o = 0; o < e; o++) {
                double s = bp[o];
                for (int k = 0; k < e; k++) {
                    s += mixed[i * e + k] * wp[o * e + k];
                }
                out[i * e + o] = s;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: batch {1}, tokens {2}, emb {3}, heads {4}, masked {5}")
    @CsvSource({"ARTICLE, 2, 5, 12, 3, false", "TIMM, 2, 5, 12, 3, false", "TIMM, 1, 7, 10, 5, true",
        "ARTICLE, 3, 4, 8, 1, true", "TIMM, 2, 9, 24, 6, false"})
    void matchesPlainLoops(Variant v, int b, int n, int e, int h, boolean masked) {
        Generator gen = new Generator(11);
        MultiHeadAttention attn = new MultiHeadAttention(e, h, 0f, v, gen);
        Tensor x = Tensor.randn(Shape.of(b, n, e), gen);
        float[] mask = null;
        Tensor maskT = null;
        if (masked) {
            mask = new float[n * n];
            for (int q = 0; q < n; q++) {
                for (int k = 0; k < n; k++) {
                    mask[q * n + k] = k <= q ? 1 : 0; // causal: each query sees itself and earlier tokens
                }
            }
            maskT = Tensor.of(mask, n, n);
        }
        Tensor out = attn.forward(x, maskT);
        double[] ref = reference(x.toFloatArray(), b, n, e, h, attn.qkv().weight().value().toFloatArray(),
            attn.qkv().bias().value().toFloatArray(), attn.projection().weight().value().toFloatArray(),
            attn.projection().bias().value().toFloatArray(), v, mask);
        System.out.println(v + " attention " + x.shape() + " -> " + out.shape() + (masked ? " (masked)" : ""));
        assertThat(out.shape()).isEqualTo(Shape.of(b, n, e));
        float[] got = out.toFloatArray();
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - ref[i]) * (got[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        assertThat(Math.sqrt(num / den)).isLessThan(1e-5);
    }

    @Test
    void theArticlesScalingShrinksEveryRowToOneOverSqrtEmbSize() {
        Generator gen = new Generator(4);
        Tensor x = Tensor.randn(Shape.of(2, 9, 32), gen);
        Tensor article = new MultiHeadAttention(32, 4, 0f, Variant.ARTICLE, gen).attention(x, null);
        Tensor paper = new MultiHeadAttention(32, 4, 0f, Variant.TIMM, gen).attention(x, null);
        System.out.println("attention weights " + article.shape());
        assertThat(article.shape()).isEqualTo(Shape.of(2, 4, 9, 9));
        for (float s : article.sum(-1, false).toFloatArray()) {
            assertThat((double) s).isCloseTo(1 / Math.sqrt(32), org.assertj.core.data.Offset.offset(1e-6));
        }
        for (float s : paper.sum(-1, false).toFloatArray()) {
            assertThat(s).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void aMaskReallyMasks() {
        Generator gen = new Generator(8);
        Tensor x = Tensor.randn(Shape.of(1, 4, 8), gen);
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1}, 4, 4);
        Tensor att = new MultiHeadAttention(8, 2, 0f, Variant.TIMM, gen).attention(x, mask);
        float[] m = mask.toFloatArray();
        float[] a = att.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            if (m[i % 16] == 0) {
                assertThat(a[i]).isZero();
            } else {
                assertThat(a[i]).isPositive();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ARTICLE", "TIMM"})
    void separateProjectionsAndTheFusedOneAreTheSame(Variant v) {
        Generator gen = new Generator(9);
        SeparateQkvAttention separate = new SeparateQkvAttention(20, 5, 0f, v, gen);
        Tensor x = Tensor.randn(Shape.of(3, 6, 20), gen);
        assertThat(Fixtures.relativeError(separate.toFused(gen).apply(x), separate.apply(x))).isLessThan(1e-6);
    }

    @Test
    void rejectsAWidthTheHeadsDoNotDivide() {
        assertThatThrownBy(() -> new MultiHeadAttention(10, 4, 0f, Variant.TIMM, new Generator(0)))
            .hasMessageContaining("10").hasMessageContaining("4");
    }

    @Test
    void mainPrintsWhatTheReadmeShows() throws Exception {
        ChapterOutput.assertMatchesReadme(ChapterOutput.capture(() -> Chapter04.main(new String[0])));
    }
}
