// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepTimesTest {
    private static final long MS = 1_000_000L;

    @Test
    void theMedianLeavesOutTheWarmUpSteps() {
        StepTimes t = new StepTimes();
        // three slow warm-up steps, then steps of 30, 10 and 20 ms split over forward, backward and optimiser
        for (long ms : new long[] {900, 800, 700}) {
            t.add(ms * MS, 0, 0);
        }
        assertThat(t.medianMillis()).isNaN();
        assertThat(t.describe(128)).doesNotContain("median");
        t.add(10 * MS, 15 * MS, 5 * MS);
        t.add(4 * MS, 5 * MS, 1 * MS);
        t.add(20 * MS, 0, 0);
        assertThat(t.medianMillis()).isEqualTo(20.0);
        t.add(5 * MS, 20 * MS, 15 * MS); // 40 ms: an even count takes the mean of the middle two, (20 + 30) / 2
        assertThat(t.medianMillis()).isEqualTo(25.0);
        System.out.println(t.describe(128));
        assertThat(t.describe(128)).endsWith("median step 25 ms after the first 3 (5120 images/s at batch 128)")
            .startsWith("per step: forward 348 ms, backward 6 ms, optimizer 3.0 ms (mean of 7 steps)");
    }

    @Test
    void manyStepsKeepEveryTime() {
        StepTimes t = new StepTimes();
        for (int i = 0; i < 1000; i++) {
            t.add((1000 - i) * MS, 0, 0); // 1000, 999, ... 1 ms; after the first 3: 997 .. 1, median 499
        }
        assertThat(t.steps()).isEqualTo(1000);
        assertThat(t.medianMillis()).isEqualTo(499.0);
    }
}
