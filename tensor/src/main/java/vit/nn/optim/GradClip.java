// SPDX-License-Identifier: MIT
package vit.nn.optim;

import java.util.List;
import vit.nn.Parameter;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Tensor;

/**
 * Gradient clipping by the global norm, as {@code torch.nn.utils.clip_grad_norm_}: one rare huge
 * gradient cannot throw the weights far, while the direction of the step is kept.
 */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales every gradient by {@code min(1, maxNorm / (total + 1e-6))}, where {@code total} is the 2-norm
     * of all gradients taken as one vector; parameters without a gradient are skipped.
     *
     * @return {@code total}, the norm before clipping (worth logging: spikes show instability)
     */
    public static double clipGradNorm(List<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be positive, got " + maxNorm);
        }
        try (var off = GradMode.disabled(); var scope = MemoryScope.open()) {
            Tensor sumOfSquares = null;
            for (Parameter p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    Tensor s = g.mul(g).sum();
                    sumOfSquares = sumOfSquares == null ? s : sumOfSquares.add(s.to(sumOfSquares.device()));
                }
            }
            if (sumOfSquares == null) {
                return 0;
            }
            double total = Math.sqrt(sumOfSquares.item());    // one read from the device
            double coefficient = maxNorm / (total + 1e-6);
            if (coefficient < 1) {
                for (Parameter p : params) {
                    Tensor g = p.grad();
                    if (g != null) {
                        g.device().backend().copy(g.mul((float) coefficient), g);
                    }
                }
            }
            return total;
        }
    }
}
