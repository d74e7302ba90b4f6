// SPDX-License-Identifier: MIT
package vit.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SchedulesTest {
    @Test
    void warmupClimbsLinearlyThenTheCosineFallsToTheFloor() {
        // base 1e-3, 10 warm-up steps, 110 in all, floor 1e-5: the cosine spans steps 10..110.
        LrSchedule s = Schedules.warmupCosine(1e-3, 10, 110, 1e-5);
        assertThat(s.lr(0)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.lr(4)).isCloseTo(5e-4, within(1e-15));
        assertThat(s.lr(9)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.lr(10)).isCloseTo(1e-3, within(1e-15));               // cos(0) = 1: the top
        assertThat(s.lr(60)).isCloseTo((1e-3 + 1e-5) / 2, within(1e-15));  // half way: cos(pi/2) = 0
        assertThat(s.lr(35)).isCloseTo(1e-5 + (1e-3 - 1e-5) * (1 + Math.sqrt(0.5)) / 2, within(1e-15)); // cos(pi/4)
        assertThat(s.lr(110)).isCloseTo(1e-5, within(1e-15));
        assertThat(s.lr(500)).isCloseTo(1e-5, within(1e-15));
        for (long step = 11; step < 110; step++) {
            assertThat(s.lr(step)).isLessThan(s.lr(step - 1));
        }
        System.out.println("warmupCosine(1e-3, 10, 110, 1e-5) at steps 0, 9, 60, 110: " + s.lr(0) + ", " + s.lr(9) + ", " + s.lr(60)
            + ", " + s.lr(110));
    }

    @Test
    void noWarmupStartsAtTheTop() {
        LrSchedule s = Schedules.warmupCosine(0.1, 0, 4, 0);
        assertThat(s.lr(0)).isEqualTo(0.1);
        assertThat(s.lr(2)).isCloseTo(0.05, within(1e-15));
        assertThat(s.lr(4)).isCloseTo(0.0, within(1e-15));
        assertThat(Schedules.constant(3e-4).lr(1234)).isEqualTo(3e-4);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> Schedules.warmupCosine(1e-3, 10, 10, 0)).hasMessageContaining("warm-up of 10 steps needs a total above it, got 10");
        assertThatThrownBy(() -> Schedules.warmupCosine(1e-3, 1, 10, 1e-2)).hasMessageContaining("floor 0.01 is above the base rate 0.001");
        assertThatThrownBy(() -> Schedules.constant(Double.NaN)).hasMessageContaining("invalid learning rate: NaN");
    }
}
