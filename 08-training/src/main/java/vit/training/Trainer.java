// SPDX-License-Identifier: MIT
package vit.training;

import java.util.List;
import vit.model.ViT;
import vit.nn.Parameter;
import vit.nn.optim.GradClip;
import vit.nn.optim.LrSchedule;
import vit.nn.optim.Optimizer;
import vit.tensor.Functional;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Tensor;

/**
 * The training loop, PyTorch's five lines: {@code logits = model(x); loss = cross_entropy(logits, y);
 * loss.backward(); clip_grad_norm_(...); optimizer.step(); optimizer.zero_grad()}, with the learning
 * rate taken from a schedule before each step. Every tensor a step makes is freed when it ends.
 */
public final class Trainer {
    private final ViT model;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final double clipNorm;
    private final List<Parameter> params;
    private final StepTimes times = new StepTimes();
    private long step;

    /** What one step saw: the batch's mean loss, how many it classified right, the gradient norm before clipping. */
    public record StepResult(double loss, int correct, int size, double gradNorm) {
    }

    /**
     * @param clipNorm  the largest gradient norm allowed, or 0 for no clipping
     * @param firstStep the step to start counting from (non-zero when resuming)
     */
    public Trainer(ViT model, Optimizer optimizer, LrSchedule schedule, double clipNorm, long firstStep) {
        this.model = model;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.clipNorm = clipNorm;
        this.params = optimizer.parameters();
        this.step = firstStep;
    }

    /** One optimisation step on one batch. */
    public StepResult step(Batches.Batch batch) {
        model.train(true);
        optimizer.setLr(schedule.lr(step));
        try (var scope = MemoryScope.open()) {
            long t0 = System.nanoTime();
            Tensor logits = model.apply(batch.images());                         // [B, 10]
            Tensor loss = Functional.crossEntropy(logits, batch.labels());      // []
            double lossValue = loss.item();
            int correct = correct(logits, batch.labels());
            long t1 = System.nanoTime();
            loss.backward();
            long t2 = System.nanoTime();
            double norm = clipNorm > 0 ? GradClip.clipGradNorm(params, clipNorm) : Double.NaN;
            optimizer.step();
            optimizer.zeroGrad();
            long t3 = System.nanoTime();
            times.add(t1 - t0, t2 - t1, t3 - t2);
            step++;
            if (!Double.isFinite(lossValue)) {
                throw new IllegalStateException("the loss became " + lossValue + " at step " + step + " (learning rate "
                    + optimizer.lr() + "): lower --lr or clip gradients with --clip");
            }
            return new StepResult(lossValue, correct, batch.size(), norm);
        }
    }

    /** How many of the rows of {@code logits} {@code [B, C]} have their largest score at the label. */
    static int correct(Tensor logits, Tensor labels) {
        try (var off = GradMode.disabled()) {
            return Math.round(logits.argmax(1, false).eq(labels).sum().item());
        }
    }

    /** Steps taken so far, counting those before a resume. */
    public long stepCount() {
        return step;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Where the time of the steps so far went. */
    public StepTimes times() {
        return times;
    }
}
