// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vit.attention.Variant;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.nn.optim.AdamW;
import vit.nn.optim.Schedules;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

class TrainerTest {
    /** A ViT small enough for a unit test: 16 patches of 7 x 7, tokens of 16, one block. */
    static final ViTConfig TINY = new ViTConfig("tiny", 1, 7, 16, 28, 1, 2, 2, 10, 0f, Variant.TIMM);

    static List<Double> train(long seed, int steps) {
        ViT vit = new ViT(TINY, new Generator(seed));
        AdamW adamw = new AdamW(new ArrayList<>(vit.parameters()), 1e-2, 0.0);
        Trainer trainer = new Trainer(vit, adamw, Schedules.warmupCosine(1e-2, 3, steps, 1e-4), 1.0, 0);
        Batches batches = new Batches(Synthetic.make(steps * 32, seed), 32, true, seed);
        List<Double> losses = new ArrayList<>();
        for (Batches.Batch b : batches.epoch(0)) {
            Trainer.StepResult r = trainer.step(b);
            assertThat(r.size()).isEqualTo(32);
            assertThat(r.gradNorm()).isPositive();
            losses.add(r.loss());
        }
        assertThat(trainer.stepCount()).isEqualTo(steps);
        assertThat(trainer.times().steps()).isEqualTo(steps);
        assertThat(adamw.parameters()).allSatisfy(p -> assertThat(p.grad()).isNull());
        return losses;
    }

    @Test
    void theLossFallsOnAnEasyProblem() {
        List<Double> losses = train(1, 40);
        double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf("tiny ViT on synthetic bars: mean loss %.3f over the first 5 steps, %.3f over the last 5%n", first, last);
        assertThat(first).isGreaterThan(1.8);
        assertThat(last).isLessThan(first * 0.6);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertThat(train(3, 6)).containsExactlyElementsOf(train(3, 6));
        assertThat(train(4, 6)).isNotEqualTo(train(3, 6));
    }

    @Test
    void correctCountsRowsWhoseLargestScoreIsTheLabel() {
        Tensor logits = Tensor.of(new float[] {1, 5, 2, 9, 0, 3, 4, 4, 0}, 3, 3);
        assertThat(Trainer.correct(logits, Tensor.of(new float[] {1, 2, 0}, 3))).isEqualTo(2); // row 1's maximum is 0, not 2
        assertThat(Trainer.correct(logits, Tensor.of(new float[] {1, 0, 1}, 3))).isEqualTo(2);
        System.out.println("logits " + logits.shape() + " -> " + Shape.of(3) + " predictions");
    }
}
