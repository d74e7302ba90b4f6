// SPDX-License-Identifier: MIT
package vit.training;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a training step's time goes: forward (with the loss), backward, and optimiser (with clipping); and each step's
 * whole time, for the median step that {@code cli/scripts/bench_pytorch.py --train} also reports.
 */
public final class StepTimes {
    /**
     * Steps left out of the median: PyTorch's side times its steps after 3 warm-up steps, so this side does the same.
     * (The JIT warms up for longer than that; the mean of all steps, printed beside it, includes all of it.)
     */
    public static final int WARMUP_STEPS = 3;

    private long forward;
    private long backward;
    private long optimizer;
    private long steps;
    private long[] stepNanos = new long[64];

    void add(long forwardNanos, long backwardNanos, long optimizerNanos) {
        forward += forwardNanos;
        backward += backwardNanos;
        optimizer += optimizerNanos;
        if (steps == stepNanos.length) {
            stepNanos = Arrays.copyOf(stepNanos, stepNanos.length * 2);
        }
        stepNanos[(int) steps] = forwardNanos + backwardNanos + optimizerNanos;
        steps++;
    }

    public long steps() {
        return steps;
    }

    /**
     * The median of the whole steps after the first {@link #WARMUP_STEPS} (the mean of the middle two for an even count),
     * in milliseconds; NaN until there is such a step.
     */
    public double medianMillis() {
        int n = (int) steps - WARMUP_STEPS;
        if (n <= 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOfRange(stepNanos, WARMUP_STEPS, (int) steps);
        Arrays.sort(sorted);
        double middle = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return middle / 1e6;
    }

    /**
     * {@code per step: forward 120 ms, backward 260 ms, optimizer 4 ms (mean of 48 steps); median step 350 ms after the first 3
     * (366 images/s at batch 128)}; the median part once there are more than {@link #WARMUP_STEPS} steps.
     */
    public String describe(int batch) {
        double median = medianMillis();
        return Double.isNaN(median) ? toString() : String.format(Locale.ROOT, "%s; median step %.0f ms after the first %d (%.0f images/s at batch %d)",
            this, median, WARMUP_STEPS, batch * 1e3 / median, batch);
    }

    /** {@code per step: forward 120 ms, backward 260 ms, optimizer 4 ms (mean of 48 steps)}. */
    @Override
    public String toString() {
        long n = Math.max(1, steps);
        return String.format(Locale.ROOT, "per step: forward %.0f ms, backward %.0f ms, optimizer %.1f ms (mean of %d steps)",
            forward / 1e6 / n, backward / 1e6 / n, optimizer / 1e6 / n, steps);
    }
}
