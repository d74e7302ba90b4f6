// SPDX-License-Identifier: MIT
package vit.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Tensor;

/**
 * With gradients off inside a MemoryScope, Sequential frees each layer's intermediates as the layer returns; with
 * gradients on, or with no scope open, it frees nothing, since backward (or the caller) may still need them.
 */
class SequentialScopeTest {
    /** {@code 2x + 1}, through an intermediate {@code 2x} it remembers, so the test can see when it is closed. */
    private static final class Affine extends Module {
        final List<Tensor> made = new ArrayList<>();

        @Override
        public Tensor forward(Tensor x) {
            Tensor doubled = x.mul(2f);
            made.add(doubled);
            return doubled.add(1f);
        }
    }

    /** Notes, when it runs, whether the layer before it has had its intermediate closed, and whether its input is open. */
    private static final class Witness extends Module {
        private final Affine before;
        Boolean intermediateClosed;
        Boolean inputOpen;

        Witness(Affine before) {
            this.before = before;
        }

        @Override
        public Tensor forward(Tensor x) {
            intermediateClosed = before.made.get(0).isClosed();
            inputOpen = !x.isClosed();
            return x.neg();
        }
    }

    @Test
    void inferenceInsideAScopeFreesEachLayersIntermediatesAsItReturns() {
        Affine first = new Affine();
        Witness second = new Witness(first);
        Affine third = new Affine();
        Sequential seq = new Sequential(first, second, new Sequential(third));
        Tensor y;
        try (GradMode.Scope off = GradMode.disabled(); MemoryScope scope = MemoryScope.open()) {
            y = scope.keep(seq.apply(Tensor.of(new float[] {1, 2, 3}, 3)));
            assertThat(third.made.get(0).isClosed()).as("a nested Sequential's layer's intermediate").isTrue();
        }
        System.out.println("Sequential inference in a scope: " + y.shape() + ", the first layer's intermediate closed: "
            + second.intermediateClosed);
        assertThat(second.intermediateClosed).as("the first layer's 2x, when the second layer runs").isTrue();
        assertThat(second.inputOpen).as("the second layer's input, the first one's output").isTrue();
        // -(2x + 1), doubled plus one: the values are the same as without the scopes
        assertThat(y.toFloatArray()).containsExactly(-5, -9, -13);
    }

    @Test
    void withGradientsOrWithoutAScopeNothingIsFreedEarly() {
        Affine first = new Affine();
        Witness second = new Witness(first);
        Sequential seq = new Sequential(first, second);
        try (MemoryScope scope = MemoryScope.open()) {
            seq.apply(Tensor.of(new float[] {1, 2}, 2));
            assertThat(second.intermediateClosed).as("gradients on").isFalse();
        }
        first.made.clear();
        try (GradMode.Scope off = GradMode.disabled()) {
            seq.apply(Tensor.of(new float[] {1, 2}, 2));
        }
        assertThat(second.intermediateClosed).as("no scope open").isFalse();
        assertThat(first.made.get(0).isClosed()).isFalse();
    }
}
