// SPDX-License-Identifier: MIT
package vit.tensor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

/** The comparison helper fails when it should, and says what it compared. */
class FixturesTest {
    @Test
    void relativeErrorByHand() {
        Tensor expected = Tensor.of(new float[] {3, 4}, 2);
        Tensor actual = Tensor.of(new float[] {3, 4.5f}, 2);
        // ||(0, 0.5)|| / ||(3, 4)|| = 0.5 / 5
        assertThat(Fixtures.relativeError(actual, expected)).isCloseTo(0.1, within(1e-12));
        assertThat(Fixtures.relativeError(expected, expected)).isZero();
        assertThat(Fixtures.relativeError(Tensor.zeros(2), Tensor.zeros(2))).isZero();
        assertThat(Fixtures.relativeError(Tensor.ones(2), Tensor.zeros(2))).isInfinite();
    }

    @Test
    void assertClosePrintsOneLineAndFailsAboveTheTolerance() {
        Tensor expected = Tensor.of(new float[] {3, 4, 0, 0, 0, 0}, 2, 3);
        Tensor actual = Tensor.of(new float[] {3, 4.5f, 0, 0, 0, 0}, 2, 3);
        String printed = captureOut(() -> Fixtures.assertClose("patches", actual, expected, 0.11));
        assertThat(printed.trim()).isEqualTo("patches [2, 3] rel err 1.0e-01 max abs 5.0e-01");
        assertThatThrownBy(() -> Fixtures.assertClose("patches", actual, expected, 0.09))
            .isInstanceOf(AssertionError.class)
            .hasMessage("patches [2, 3] rel err 1.0e-01 max abs 5.0e-01, more than the allowed rel err 9.0e-02");
        Tensor nan = Tensor.of(new float[] {3, Float.NaN, 0, 0, 0, 0}, 2, 3);
        assertThatThrownBy(() -> Fixtures.assertClose("nan", nan, expected, 1)).hasMessageContaining("rel err NaN max abs NaN");
    }

    @Test
    void assertCloseNamesBothShapes() {
        assertThatThrownBy(() -> Fixtures.assertClose("tokens", Tensor.zeros(2, 16, 64), Tensor.zeros(2, 17, 64), 1e-5))
            .isInstanceOf(AssertionError.class)
            .hasMessage("tokens: shape [2, 16, 64] but expected [2, 17, 64]");
    }

    @Test
    void loadsFixturesAndNamesMissingOnes() {
        Map<String, Tensor> input = Fixtures.load("vit-mini/input.safetensors");
        assertThat(input.get("input").shape().toString()).isEqualTo("[2, 3, 32, 32]");
        Fixtures.assertClose("input", input.get("input"), input.get("input").copy(), 0);
        assertThatThrownBy(() -> Fixtures.load("vit-mini/nope.safetensors"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("/fixtures/vit-mini/nope.safetensors");
    }

    private static String captureOut(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
