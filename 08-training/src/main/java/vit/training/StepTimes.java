// SPDX-License-Identifier: MIT
package vit.training;

import java.util.Locale;

/** Where a training step's time goes: forward (with the loss), backward, and optimiser (with clipping). */
public final class StepTimes {
    private long forward;
    private long backward;
    private long optimizer;
    private long steps;

    void add(long forwardNanos, long backwardNanos, long optimizerNanos) {
        forward += forwardNanos;
        backward += backwardNanos;
        optimizer += optimizerNanos;
        steps++;
    }

    public long steps() {
        return steps;
    }

    /** {@code per step: forward 120 ms, backward 260 ms, optimizer 4 ms}. */
    @Override
    public String toString() {
        long n = Math.max(1, steps);
        return String.format(Locale.ROOT, "per step: forward %.0f ms, backward %.0f ms, optimizer %.1f ms (mean of %d steps)",
            forward / 1e6 / n, backward / 1e6 / n, optimizer / 1e6 / n, steps);
    }
}
