// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** What the graph records and keeps: accumulation, zeroGrad, no-grad mode, detach, and the errors. */
class AutogradTest {
    private final Generator gen = new Generator(83);

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor w = Check.randn(gen, 3, 5).requiresGrad(true);
        Tensor a = Check.randn(gen, 5);
        Reference rw = Reference.of(w);
        Reference ra = Reference.of(a);
        w.mul(w).mul(a).sum().backward();                     // d/dw = 2 w a
        float[] first = w.grad().toFloatArray();
        w.exp().sum().backward();                             // d/dw = exp(w)
        float[] both = w.grad().toFloatArray();
        System.out.println("accumulate " + w.shape() + ": grad(loss1) + grad(loss2)");
        for (int i = 0; i < both.length; i++) {
            double x = rw.v[i];
            double ai = ra.v[i % 5];
            assertThat((double) first[i]).isCloseTo(2 * x * ai, within(1e-5 * Math.max(1, Math.abs(2 * x * ai))));
            assertThat((double) both[i]).isCloseTo(2 * x * ai + Math.exp(x), within(1e-5 * Math.max(1, Math.abs(2 * x * ai + Math.exp(x)))));
        }
        w.zeroGrad();
        assertThat(w.grad()).isNull();
        w.sum().backward();
        assertThat(w.grad().toFloatArray()).containsOnly(1f);
    }

    @Test
    void noGradModeRecordsNothing() {
        Tensor w = Check.randn(gen, 3, 4).requiresGrad(true);
        Tensor y;
        try (var off = GradMode.disabled()) {
            assertThat(GradMode.isEnabled()).isFalse();
            y = w.matmul(w.mT()).softmax(-1).add(w.sum()).reshape(-1).exp();
            Tensor z = Functional.layerNorm(w, Tensor.ones(4), Tensor.zeros(4), 1e-5f);
            assertThat(z.gradFn()).isNull();
            assertThat(Tensor.where(w.gt(0f), w, w.neg()).requiresGrad()).isFalse();
            try (var on = GradMode.enabled()) {
                assertThat(w.exp().gradFn()).as("enabled() inside disabled() records again").isNotNull();
            }
        }
        assertThat(GradMode.isEnabled()).isTrue();
        System.out.println("no_grad " + y.shape() + ": grad_fn " + y.gradFn() + ", requires_grad " + y.requiresGrad());
        assertThat(y.gradFn()).isNull();
        assertThat(y.requiresGrad()).isFalse();
        assertThatThrownBy(() -> y.exp().backward(y)).hasMessageContaining("[9]").hasMessageContaining("does not require grad");
    }

    @Test
    void detachCutsTheGraphButSharesTheNumbers() {
        Tensor w = Check.randn(gen, 2, 3).requiresGrad(true);
        Tensor y = w.exp();
        Tensor d = y.detach();
        assertThat(d.gradFn()).isNull();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.storage()).isSameAs(y.storage());
        assertThat(y.gradFn().name()).isEqualTo("ExpBackward");
        assertThat(y.toString()).contains("[2, 3]").contains("grad_fn=ExpBackward");
        y.mul(d).sum().backward();                            // d only scales: grad = exp(w)^2
        Reference e = Reference.of(w).map(x -> Math.exp(x) * Math.exp(x));
        Check.close("detach", w.grad(), e);
    }

    @Test
    void errorsNameTheShapes() {
        Tensor w = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor y = w.exp();
        assertThatThrownBy(y::backward).hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> y.backward(Tensor.ones(3, 2))).hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> y.requiresGrad(false)).hasMessageContaining("ExpBackward").hasMessageContaining("detach");
        assertThatThrownBy(() -> w.setGrad(Tensor.zeros(3))).hasMessageContaining("[3]").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).sum().backward()).hasMessageContaining("[]").hasMessageContaining("does not require grad");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).backward(Tensor.ones(2, 3))).hasMessageContaining("[2, 3]");
    }

    @Test
    void aBackwardFormulaOfTheWrongShapeOrCountIsCaught() {
        Tensor w = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor badShape = Autograd.record(w.detach().exp(), "BadShapeBackward", new Tensor[] {w}, g -> new Tensor[] {g.sum()});
        assertThatThrownBy(() -> badShape.sum().backward())
            .hasMessageContaining("BadShapeBackward").hasMessageContaining("[]").hasMessageContaining("[2, 3]");
        Tensor badCount = Autograd.record(w.detach().exp(), "BadCountBackward", new Tensor[] {w}, g -> new Tensor[] {g, g});
        assertThatThrownBy(() -> badCount.sum().backward()).hasMessageContaining("BadCountBackward").hasMessageContaining("2 gradients for 1");
    }
}
