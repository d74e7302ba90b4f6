// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

class NullArgumentsTest {
    @Test
    void nullsAreNamed() {
        Tensor x = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> Einops.rearrange(null, "a b -> b a")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("rearrange \"a b -> b a\": the tensor is null");
        assertThatThrownBy(() -> Einops.rearrange(x, null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("rearrange: the pattern is null");
        assertThatThrownBy(() -> Einsum.einsum(null, x)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("einsum: the equation is null");
    }
}
