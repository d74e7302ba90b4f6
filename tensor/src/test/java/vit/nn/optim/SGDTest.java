// SPDX-License-Identifier: MIT
package vit.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.nn.Parameter;
import vit.tensor.Tensor;

class SGDTest {
    /** torch.optim.SGD's update, written out in double from its documentation. */
    static double[] reference(double[] p0, double lr, double mu, double dampening, double wd, boolean nesterov, int steps) {
        double[] p = p0.clone();
        double[] b = new double[p.length];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = AdamWTest.GRADS[t - 1][i] + wd * p[i];
                if (mu != 0) {
                    b[i] = t == 1 ? g : mu * b[i] + (1 - dampening) * g;
                    g = nesterov ? g + mu * b[i] : b[i];
                }
                p[i] -= lr * g;
            }
        }
        return p;
    }

    @ParameterizedTest(name = "momentum {0}, dampening {1}, weight decay {2}, nesterov {3}")
    @CsvSource({"0, 0, 0, false", "0, 0, 0.1, false", "0.9, 0, 0, false", "0.9, 0.5, 0.01, false", "0.9, 0, 0.01, true"})
    void threeStepsMatchPyTorchsFormulas(double mu, double dampening, double wd, boolean nesterov) {
        double[] p0 = {1.0, -2.0, 0.5};
        Parameter p = new Parameter(Tensor.of(new float[] {1f, -2f, 0.5f}, 3));
        SGD opt = new SGD(List.of(p), 0.05, mu, dampening, wd, nesterov);
        for (int t = 1; t <= 3; t++) {
            AdamWTest.setGrad(p, AdamWTest.GRADS[t - 1]);
            opt.step();
            AdamWTest.assertValues(p.value(), reference(p0, 0.05, mu, dampening, wd, nesterov, t), 1e-6);
        }
        System.out.println("SGD(momentum=" + mu + ", nesterov=" + nesterov + ") " + p.shape() + " after 3 steps: "
            + java.util.Arrays.toString(p.value().toFloatArray()));
    }

    @Test
    void plainSgdFollowsTheGradient() {
        Parameter p = new Parameter(Tensor.of(new float[] {1f, 1f, 1f}, 3));
        SGD opt = new SGD(List.of(p), 0.5);
        AdamWTest.setGrad(p, new double[] {2, -2, 0});
        opt.step();
        assertThat(p.value().toFloatArray()).containsExactly(0f, 2f, 1f);
        assertThat(opt.momentumBuffer(0)).isNull();
    }

    @Test
    void theLearningRateCanChangeBetweenSteps() {
        Parameter p = new Parameter(Tensor.of(new float[] {0f}, 1));
        SGD opt = new SGD(List.of(p), 1);
        opt.setLr(0.25);
        AdamWTest.setGrad(p, new double[] {4});
        opt.step();
        assertThat(opt.lr()).isEqualTo(0.25);
        assertThat(p.value().item()).isEqualTo(-1f);
    }

    @Test
    void nesterovNeedsMomentum() {
        List<Parameter> ps = List.of(new Parameter(Tensor.zeros(2)));
        assertThatThrownBy(() -> new SGD(ps, 0.1, 0, 0, 0, true)).hasMessageContaining("Nesterov momentum requires a momentum");
    }
}
