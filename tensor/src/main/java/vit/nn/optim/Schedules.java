// SPDX-License-Identifier: MIT
package vit.nn.optim;

/**
 * The learning-rate schedules ViTs are trained with. Transformers are fragile in their first steps
 * (Adam's second-moment estimates are still poor), so the rate climbs linearly from near zero, then
 * follows half a cosine down to a floor.
 */
public final class Schedules {
    private Schedules() {
    }

    /** The same rate at every step. */
    public static LrSchedule constant(double lr) {
        checkRate(lr);
        return step -> lr;
    }

    /**
     * Linear warm-up over {@code warmupSteps}, then cosine decay to {@code minLr} at {@code totalSteps}:
     * <pre>
     *   step &lt; warmup:  lr = baseLr * (step + 1) / warmup
     *   otherwise:      lr = minLr + (baseLr - minLr) * (1 + cos(pi * min(1, (step - warmup) / (total - warmup)))) / 2
     * </pre>
     * The first step already moves (rate {@code baseLr / warmup}); steps past the end stay at {@code minLr}.
     */
    public static LrSchedule warmupCosine(double baseLr, long warmupSteps, long totalSteps, double minLr) {
        checkRate(baseLr);
        checkRate(minLr);
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("warm-up of " + warmupSteps + " steps needs a total above it, got " + totalSteps);
        }
        if (minLr > baseLr) {
            throw new IllegalArgumentException("the floor " + minLr + " is above the base rate " + baseLr);
        }
        return step -> {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0, got " + step);
            }
            if (step < warmupSteps) {
                return baseLr * (step + 1) / warmupSteps;
            }
            double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
            return minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }

    private static void checkRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("invalid learning rate: " + lr);
        }
    }
}
