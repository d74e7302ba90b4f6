// SPDX-License-Identifier: MIT
package vit.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import vit.nn.Parameter;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

class AdamWTest {
    /** Gradients of three steps for a 3-element parameter, chosen by hand (one sign flip, one zero). */
    static final double[][] GRADS = {{0.5, -1.0, 2.0}, {0.1, 0.0, -3.0}, {-0.4, 2.5, 0.25}};

    /** torch.optim.AdamW's update, written out in double from its documentation. */
    static double[] reference(double[] p0, double lr, double b1, double b2, double eps, double wd, int steps) {
        double[] p = p0.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        for (int t = 1; t <= steps; t++) {
            double[] g = GRADS[t - 1];
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return p;
    }

    static void setGrad(Parameter p, double[] g) {
        float[] f = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            f[i] = (float) g[i];
        }
        p.value().setGrad(Tensor.of(f, p.shape()));
    }

    static void assertValues(Tensor actual, double[] expected, double tol) {
        float[] a = actual.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) a[i]).as("element %d", i).isCloseTo(expected[i], within(tol));
        }
    }

    @Test
    void threeStepsMatchTheFormulasOfThePaper() {
        double[] p0 = {1.0, -2.0, 0.5};
        Parameter p = new Parameter(Tensor.of(new float[] {1f, -2f, 0.5f}, 3));
        AdamW opt = new AdamW(List.of(p), 0.1, 0.9, 0.999, 1e-8, 0.05);
        for (int t = 1; t <= 3; t++) {
            setGrad(p, GRADS[t - 1]);
            opt.step();
            double[] expected = reference(p0, 0.1, 0.9, 0.999, 1e-8, 0.05, t);
            System.out.println("AdamW step " + t + " " + p.shape() + " " + java.util.Arrays.toString(p.value().toFloatArray()));
            assertValues(p.value(), expected, 1e-6);
        }
        assertThat(opt.stepCount(0)).isEqualTo(3);
        // After one step Adam moves each coordinate by about lr, whatever the gradient's size.
        assertThat(reference(p0, 0.1, 0.9, 0.999, 1e-8, 0, 1)[2]).isCloseTo(0.4, within(1e-6));
    }

    @Test
    void pyTorchDefaultsAndStateAreKept() {
        double[] p0 = {0.3, 0.2, -0.1};
        Parameter p = new Parameter(Tensor.of(new float[] {0.3f, 0.2f, -0.1f}, 3));
        AdamW opt = new AdamW(List.of(p), 1e-3, 1e-2);
        setGrad(p, GRADS[0]);
        opt.step();
        setGrad(p, GRADS[1]);
        opt.step();
        assertValues(p.value(), reference(p0, 1e-3, 0.9, 0.999, 1e-8, 1e-2, 2), 1e-7);
        assertValues(opt.firstMoment(0), new double[] {0.9 * 0.05 + 0.01, 0.9 * -0.1, 0.9 * 0.2 - 0.3}, 1e-7);
    }

    @Test
    void parametersExcludedFromWeightDecayFollowPlainAdam() {
        double[] p0 = {1.0, -2.0, 0.5};
        Parameter decayed = new Parameter(Tensor.of(new float[] {1f, -2f, 0.5f}, 3));
        Parameter plain = new Parameter(Tensor.of(new float[] {1f, -2f, 0.5f}, 3));
        AdamW opt = new AdamW(List.of(decayed, plain), 0.1, 0.9, 0.999, 1e-8, 0.05, List.of(plain));
        for (int t = 1; t <= 2; t++) {
            setGrad(decayed, GRADS[t - 1]);
            setGrad(plain, GRADS[t - 1]);
            opt.step();
        }
        assertValues(decayed.value(), reference(p0, 0.1, 0.9, 0.999, 1e-8, 0.05, 2), 1e-6);
        assertValues(plain.value(), reference(p0, 0.1, 0.9, 0.999, 1e-8, 0, 2), 1e-6);
        Parameter stranger = new Parameter(Tensor.zeros(3));
        assertThatThrownBy(() -> new AdamW(List.of(plain), 0.1, 0.9, 0.999, 1e-8, 0.05, List.of(stranger)))
            .hasMessageContaining("1 parameter(s) excluded from weight decay are not among the optimised ones");
    }

    @Test
    void parametersWithoutGradientAreLeftAlone() {
        Parameter a = new Parameter(Tensor.of(new float[] {1f, 2f, 3f}, 3));
        Parameter b = new Parameter(Tensor.randn(Shape.of(2, 2), new Generator(1)));
        float[] before = b.value().toFloatArray();
        AdamW opt = new AdamW(List.of(a, b), 0.1, 0.5);
        setGrad(a, GRADS[0]);
        opt.step();
        assertThat(b.value().toFloatArray()).containsExactly(before);
        assertThat(opt.stepCount(1)).isZero();
        opt.zeroGrad();
        assertThat(a.grad()).isNull();
    }

    @Test
    void theStepUpdatesTheParameterInPlace() {
        Parameter p = new Parameter(Tensor.of(new float[] {1f, 2f, 3f}, 3));
        Tensor value = p.value();
        AdamW opt = new AdamW(List.of(p), 0.1, 0);
        setGrad(p, GRADS[0]);
        opt.step();
        assertThat(p.value()).isSameAs(value);
        assertThat(p.value().requiresGrad()).isTrue();
    }

    @Test
    void badSettingsAreRejected() {
        List<Parameter> ps = List.of(new Parameter(Tensor.zeros(2)));
        assertThatThrownBy(() -> new AdamW(ps, 1e-3, 1.0, 0.999, 1e-8, 0)).hasMessageContaining("invalid betas (1.0, 0.999)");
        assertThatThrownBy(() -> new AdamW(ps, -1, 0)).hasMessageContaining("invalid learning rate: -1.0");
        assertThatThrownBy(() -> new AdamW(List.of(), 1e-3, 0)).hasMessageContaining("empty parameter list");
    }
}
