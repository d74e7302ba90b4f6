// SPDX-License-Identifier: MIT
package vit.mlp.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vit.mlp.FeedForwardBlock;
import vit.nn.Linear;
import vit.nn.ReLU;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * The checks of exercises 05.1 to 05.3: the MLP evaluated here by plain loops in double, with GELU from the
 * error function and ReLU as max(x, 0). Run them on your code with {@code mvn -pl 05-residual-mlp test -Pexercises}.
 */
class ActivationTest {
    static final DoubleUnaryOperator RELU = v -> Math.max(v, 0);

    /** {@code fc2(act(fc1(x)))} on {@code rows x e} inputs, in double. */
    static double[] mlp(float[] x, int rows, int e, Linear fc1, Linear fc2, DoubleUnaryOperator act) {
        float[] w1 = fc1.weight().value().toFloatArray();
        float[] b1 = fc1.bias().value().toFloatArray();
        float[] w2 = fc2.weight().value().toFloatArray();
        float[] b2 = fc2.bias().value().toFloatArray();
        int hidden = b1.length;
        double[] out = new double[rows * e];
        for (int r = 0; r < rows; r++) {
            double[] h = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double s = b1[j];
                for (int k = 0; k < e; k++) {
                    s += (double) x[r * e + k] * w1[j * e + k];
                }
                h[j] = act.applyAsDouble(s);
            }
            for (int o = 0; o < e; o++) {
                double s = b2[o];
                for (int j = 0; j < hidden; j++) {
                    s += h[j] * w2[o * hidden + j];
                }
                out[r * e + o] = s;
            }
        }
        return out;
    }

    /** GELU(v) = v * Phi(v) = v / 2 * (1 + erf(v / sqrt 2)); erf by its Taylor series (|v| is small here). */
    static double gelu(double v) {
        double z = v / Math.sqrt(2);
        if (Math.abs(z) > 5) {
            return v > 0 ? v : 0;
        }
        double term = z;
        double sum = z;
        for (int n = 1; n < 200; n++) {
            term *= -z * z / n;
            sum += term / (2 * n + 1);
        }
        return v / 2 * (1 + 2 / Math.sqrt(Math.PI) * sum);
    }

    @Test
    @DisplayName("Exercise 05.1: Linear -> ReLU -> Dropout -> Linear, computed as by hand")
    void ex1_reluBlock() {
        Generator gen = new Generator(1);
        ReluFeedForwardBlock block = new ReluFeedForwardBlock(6, 3, 0f, gen);
        assertThat(block.size()).isEqualTo(4);
        assertThat(block.get(1)).isInstanceOf(ReLU.class);
        assertThat(block.fc1().weight().shape()).isEqualTo(Shape.of(18, 6));
        assertThat(block.parameterCount()).isEqualTo(6L * 18 + 18 + 18L * 6 + 6);
        Tensor x = Tensor.randn(Shape.of(2, 4, 6), gen);
        Tensor y = block.apply(x);
        System.out.println("ReluFeedForwardBlock " + x.shape() + " -> " + y.shape());
        assertThat(y.shape()).isEqualTo(Shape.of(2, 4, 6));
        double[] expected = mlp(x.toFloatArray(), 8, 6, block.fc1(), block.fc2(), RELU);
        float[] got = y.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).as("output %d", i).isCloseTo(expected[i], offset(1e-5));
        }
    }

    @Test
    @DisplayName("Exercise 05.2: the relative change of the block's output when ReLU replaces GELU")
    void ex2_relativeChange() {
        Generator gen = new Generator(2);
        FeedForwardBlock block = new FeedForwardBlock(16, 4, 0f, gen);
        Tensor x = Tensor.randn(Shape.of(2, 9, 16), gen);
        double[] g = mlp(x.toFloatArray(), 18, 16, block.fc1(), block.fc2(), ActivationTest::gelu);
        double[] r = mlp(x.toFloatArray(), 18, 16, block.fc1(), block.fc2(), RELU);
        double num = 0;
        double den = 0;
        for (int i = 0; i < g.length; i++) {
            num += (r[i] - g[i]) * (r[i] - g[i]);
            den += g[i] * g[i];
        }
        double expected = Math.sqrt(num / den);
        float[] before = block.apply(x).toFloatArray();
        double got = GeluVsRelu.relativeChange(block, x);
        System.out.printf("ReLU in place of GELU changes the MLP's output %s by %.1f%%%n", x.shape(), 100 * got);
        assertThat(got).isCloseTo(expected, offset(1e-4));
        assertThat(block.apply(x).toFloatArray()).as("the GELU block itself is left unchanged").isEqualTo(before);
    }

    @Test
    @DisplayName("Exercise 05.3: GELU's tanh approximation")
    void ex3_geluTanh() {
        Tensor x = Tensor.arange(-6f, 6.0001f, 0.25f);
        float[] got = GeluVsRelu.geluTanh(x).toFloatArray();
        float[] v = x.toFloatArray();
        System.out.println("geluTanh " + x.shape());
        assertThat(got).hasSize(v.length);
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            double t = v[i];
            double expected = 0.5 * t * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (t + 0.044715 * t * t * t)));
            assertThat((double) got[i]).as("geluTanh(%s)", t).isCloseTo(expected, offset(1e-5));
            worst = Math.max(worst, Math.abs(expected - gelu(t)));
        }
        System.out.printf("the tanh approximation is within %.1e of the exact GELU on [-6, 6]%n", worst);
    }
}
