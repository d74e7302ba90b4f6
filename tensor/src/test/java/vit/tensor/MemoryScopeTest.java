// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tensors made inside a scope are closed with it; kept ones and gradients survive. */
class MemoryScopeTest {
    @Test
    void closesWhatItMadeAndKeepsWhatItWasAskedTo() {
        Tensor outside = Tensor.ones(2, 3);
        Tensor inner;
        Tensor view;
        Tensor kept;
        try (MemoryScope scope = MemoryScope.open()) {
            inner = outside.mul(2f);
            view = inner.reshape(3, 2);
            kept = scope.keep(inner.add(1f).reshape(6));
            System.out.println("scope: made " + inner.shape() + ", " + view.shape() + ", kept " + kept.shape());
        }
        assertThat(inner.isClosed()).isTrue();
        assertThat(view.isClosed()).isTrue();
        assertThat(outside.isClosed()).isFalse();
        assertThat(kept.isClosed()).isFalse();
        assertThat(kept.toFloatArray()).containsExactly(3, 3, 3, 3, 3, 3);
        assertThatThrownBy(inner::toFloatArray).hasMessageContaining("[2, 3]").hasMessageContaining("closed");
    }

    @Test
    void nestedScopesHandKeptTensorsOutward() {
        Tensor kept;
        Tensor survivor;
        try (MemoryScope outer = MemoryScope.open()) {
            try (MemoryScope inner = MemoryScope.open()) {
                kept = inner.keep(Tensor.zeros(4));
            }
            assertThat(kept.isClosed()).isFalse();
            survivor = outer.keep(kept);
        }
        assertThat(survivor.isClosed()).isFalse();
        Tensor lost;
        try (MemoryScope outer = MemoryScope.open()) {
            try (MemoryScope inner = MemoryScope.open()) {
                lost = inner.keep(Tensor.zeros(4));
            }
        }
        assertThat(lost.isClosed()).as("kept by the inner scope only, freed by the outer one").isTrue();
    }

    @Test
    void aViewKeepsTheStorageAliveAfterItsBaseIsClosed() {
        Tensor base = Tensor.arange(6);
        Tensor v = base.reshape(2, 3);
        base.close();
        assertThat(v.toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5);
        v.close();
        assertThatThrownBy(v::toFloatArray).hasMessageContaining("[2, 3]");
    }

    @Test
    void gradientsOutliveTheScopeOfTheBackwardPass() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        try (MemoryScope scope = MemoryScope.open()) {
            w.mul(w).sum().backward();
        }
        assertThat(w.grad().isClosed()).isFalse();
        assertThat(w.grad().toFloatArray()).containsExactly(2, 4, 6);
    }

    @Test
    void backwardThroughAGraphClosedByAScopeFailsInsteadOfGivingWrongGradients() {
        Tensor w = Tensor.of(new float[] {1, 4, 9}, 3).requiresGrad(true);
        Tensor loss;
        try (MemoryScope scope = MemoryScope.open()) {
            loss = scope.keep(w.sqrt().sum());
        }
        assertThatThrownBy(loss::backward).hasMessageContaining("closed tensor of shape [3]").hasMessageContaining("MemoryScope");
        assertThat(w.grad()).isNull();
    }
}
