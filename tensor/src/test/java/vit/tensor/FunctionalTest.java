// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Softmax, layer norm, linear, conv2d, im2col, dropout and cross-entropy against float64 loops. */
class FunctionalTest {
    private static final float EPS = 1e-5f;
    private final Generator gen = new Generator(53);

    @Test
    void softmaxAndLogSoftmaxOverEveryDim() {
        for (Tensor x : new Tensor[] {Check.randn(gen, 3, 5, 7), Check.permuted(gen, 3, 5, 7), Check.strided(gen, 4, 9),
            Check.randn(gen, 1, 5).expand(3, 5)}) {
            Reference r = Reference.of(x);
            for (int dim = -x.rank(); dim < x.rank(); dim++) {
                Check.close("softmax(" + dim + ")", x.softmax(dim), r.softmax(dim, false));
                Check.close("logSoftmax(" + dim + ")", x.logSoftmax(dim), r.softmax(dim, true));
            }
        }
    }

    /** Every probability to about an ulp, the tiny ones included (they feed log-likelihoods and attention). */
    @Test
    void softmaxIsAccurateToAnUlpEvenForTinyProbabilities() {
        Tensor x = Check.randn(gen, 50, 40).mul(6f);
        float[] p = x.softmax(-1).toFloatArray();
        float[] lp = x.logSoftmax(-1).toFloatArray();
        Reference rp = Reference.of(x).softmax(-1, false);
        Reference rlp = Reference.of(x).softmax(-1, true);
        double worst = 0;
        double worstLog = 0;
        for (int i = 0; i < p.length; i++) {
            worst = Math.max(worst, Math.abs(p[i] - rp.v[i]) / Math.ulp((float) rp.v[i]));
            worstLog = Math.max(worstLog, Math.abs(lp[i] - rlp.v[i]) / Math.ulp((float) rlp.v[i]));
        }
        System.out.printf("softmax %s max error %.3f ulp, logSoftmax %.3f ulp%n", x.shape(), worst, worstLog);
        assertThat(worst).isLessThanOrEqualTo(1.0);
        assertThat(worstLog).isLessThanOrEqualTo(1.0);
    }

    @Test
    void softmaxIsStableForLargeAndMaskedInputs() {
        Tensor x = Tensor.of(new float[] {1000, 1001, 1002, -1000, Float.NEGATIVE_INFINITY, -999}, 2, 3);
        Reference r = Reference.of(x);
        Check.close("softmax large", x.softmax(-1), r.softmax(-1, false));
        Check.close("logSoftmax large", x.logSoftmax(-1).maskedFill(x.eq(Tensor.scalar(Float.NEGATIVE_INFINITY)), 0f),
            Reference.where(Reference.of(x.eq(Tensor.scalar(Float.NEGATIVE_INFINITY))), new Reference(new int[0], new double[] {0}),
                r.softmax(-1, true)));
        Tensor masked = Tensor.full(Shape.of(1, 4), Float.NEGATIVE_INFINITY).softmax(-1);
        assertThat(masked.toFloatArray()).containsOnly(Float.NaN); // as PyTorch: a fully masked row is NaN
    }

    @Test
    void layerNormOverTheLastDim() {
        for (Tensor x : new Tensor[] {Check.randn(gen, 3, 5, 7), Check.permuted(gen, 3, 5, 7), Check.strided(gen, 4, 9),
            Check.randn(gen, 7).mul(10f).add(3f), Check.randn(gen, 4, 33).add(300f)}) {
            int n = x.size(-1);
            Tensor w = Check.randn(gen, n);
            Tensor b = Check.strided(gen, n);
            Check.close("layerNorm " + x.shape(), Functional.layerNorm(x, w, b, EPS),
                Reference.layerNorm(Reference.of(x), Reference.of(w), Reference.of(b), EPS));
        }
    }

    @Test
    void linearWithAndWithoutBias() {
        Tensor w = Check.randn(gen, 4, 7);
        Tensor b = Check.randn(gen, 4);
        for (Tensor x : new Tensor[] {Check.randn(gen, 7), Check.randn(gen, 5, 7), Check.permuted(gen, 2, 5, 7)}) {
            Check.close("linear " + x.shape(), Functional.linear(x, w, b), Reference.linear(Reference.of(x), Reference.of(w), Reference.of(b)));
            Check.close("linear no bias " + x.shape(), Functional.linear(x, w, null), Reference.linear(Reference.of(x), Reference.of(w), null));
        }
    }

    @Test
    void conv2dWithStrideAndPadding() {
        int[][] cases = {
            // N, C, H, W, O, K, stride, padding
            {2, 3, 9, 7, 4, 3, 1, 0},
            {1, 2, 9, 7, 3, 3, 2, 1},
            {2, 3, 8, 12, 5, 4, 4, 0},   // the patch embedding: kernel == stride
            {1, 1, 5, 5, 2, 5, 1, 2},
            {3, 2, 6, 5, 3, 1, 2, 0},
        };
        for (int[] c : cases) {
            Tensor x = c[0] == 1 ? Check.permuted(gen, c[0], c[1], c[2], c[3]) : Check.randn(gen, c[0], c[1], c[2], c[3]);
            Tensor w = Check.randn(gen, c[4], c[1], c[5], c[5]);
            Tensor b = Check.randn(gen, c[4]);
            Tensor y = Functional.conv2d(x, w, b, c[6], c[7]);
            System.out.println("conv2d " + x.shape() + " * " + w.shape() + " stride " + c[6] + " padding " + c[7] + " -> " + y.shape());
            Check.close("conv2d", y, Reference.conv2d(Reference.of(x), Reference.of(w), Reference.of(b), c[6], c[7]));
            Check.close("conv2d no bias", Functional.conv2d(x, w, null, c[6], c[7]),
                Reference.conv2d(Reference.of(x), Reference.of(w), null, c[6], c[7]));
            Check.close("im2col", Functional.im2col(x, c[5], c[5], c[6], c[7]), Reference.im2col(Reference.of(x), c[5], c[5], c[6], c[7]));
        }
    }

    @Test
    void dropoutDrawsItsMaskFromTheGenerator() {
        Tensor x = Check.randn(gen, 50, 41);
        float p = 0.3f;
        Tensor y = Functional.dropout(x, p, new Generator(99));
        Generator g = new Generator(99);
        Reference expected = Reference.of(x).map(v -> g.nextFloat() < p ? 0 : v * (double) (1f / (1f - p)));
        Check.close("dropout(0.3)", y, expected);
        long zeros = 0;
        for (float v : y.toFloatArray()) {
            zeros += v == 0 ? 1 : 0;
        }
        System.out.println("dropout dropped " + zeros + " of " + x.numel());
        assertThat(zeros / (double) x.numel()).isBetween(0.25, 0.35);
        assertThat(Functional.dropout(x, 0f, g)).isSameAs(x);
    }

    @Test
    void crossEntropyOfLogitsAndClassIndices() {
        Tensor logits = Check.permuted(gen, 5, 7);
        Tensor targets = Tensor.of(new float[] {0, 6, 3, 3, 1}, 5);
        Check.close("crossEntropy", Functional.crossEntropy(logits, targets), Reference.crossEntropy(Reference.of(logits), Reference.of(targets)));
    }

    @Test
    void errorsNameTheShapes() {
        Tensor x = Tensor.zeros(2, 5, 7);
        assertThatThrownBy(() -> x.softmax(3)).hasMessageContaining("got 3").hasMessageContaining("[2, 5, 7]");
        assertThatThrownBy(() -> Functional.layerNorm(x, Tensor.zeros(6), Tensor.zeros(7), EPS))
            .hasMessageContaining("[2, 5, 7]").hasMessageContaining("[6]").hasMessageContaining("[7]");
        assertThatThrownBy(() -> Functional.linear(x, Tensor.zeros(3, 6), null))
            .hasMessageContaining("[2, 5, 7]").hasMessageContaining("[3, 6]").hasMessageContaining("7 features");
        assertThatThrownBy(() -> Functional.linear(x, Tensor.zeros(7), null)).hasMessageContaining("[2, 5, 7]").hasMessageContaining("[7]");
        assertThatThrownBy(() -> Functional.linear(x, Tensor.zeros(3, 7), Tensor.zeros(4)))
            .hasMessageContaining("[4]").hasMessageContaining("[3, 7]");
        Tensor img = Tensor.zeros(1, 3, 8, 8);
        assertThatThrownBy(() -> Functional.conv2d(img, Tensor.zeros(4, 2, 3, 3), null, 1, 0))
            .hasMessageContaining("[1, 3, 8, 8]").hasMessageContaining("[4, 2, 3, 3]");
        assertThatThrownBy(() -> Functional.conv2d(x, Tensor.zeros(4, 5, 3, 3), null, 1, 0)).hasMessageContaining("[2, 5, 7]");
        assertThatThrownBy(() -> Functional.conv2d(img, Tensor.zeros(4, 3, 3, 3), null, 0, 0)).hasMessageContaining("stride 0");
        assertThatThrownBy(() -> Functional.conv2d(img, Tensor.zeros(4, 3, 9, 9), null, 1, 0))
            .hasMessageContaining("9x9").hasMessageContaining("[1, 3, 8, 8]");
        assertThatThrownBy(() -> Functional.conv2d(img, Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3), 1, 0))
            .hasMessageContaining("[3]").hasMessageContaining("[4, 3, 3, 3]");
        assertThatThrownBy(() -> Functional.im2col(Tensor.zeros(3, 8, 8), 3, 3, 1, 0)).hasMessageContaining("[3, 8, 8]");
        assertThatThrownBy(() -> Functional.dropout(x, 1f, gen)).hasMessageContaining("1.0").hasMessageContaining("[2, 5, 7]");
        assertThatThrownBy(() -> Functional.crossEntropy(Tensor.zeros(5, 7), Tensor.zeros(4)))
            .hasMessageContaining("[5, 7]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> Functional.crossEntropy(Tensor.zeros(2, 7), Tensor.of(new float[] {1, 7}, 2)))
            .hasMessageContaining("7.0").hasMessageContaining("position 1").hasMessageContaining("[0, 7)");
    }
}
