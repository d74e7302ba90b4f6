// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;

    @Test
    void windowsAverageTheirStepsAndSurviveTheCheckpointText() throws IOException {
        History h = new History(2);
        h.addStep(0.25, new Trainer.StepResult(2.0, 3, 10, 1));
        assertThat(h.plot(dir.resolve("l.png"), dir.resolve("a.png"))).isFalse();     // the first window is not full yet
        h.addStep(0.5, new Trainer.StepResult(1.0, 7, 10, 1));
        h.addStep(0.75, new Trainer.StepResult(0.5, 9, 10, 1));
        h.addEpoch(1, new Evaluation(0.8, 0.7, new int[10][10], 100));
        String text = h.encode();
        System.out.println("history " + text);
        assertThat(text).isEqualTo("train:0.5000/1.50000/0.50000|test:1.0000/0.80000/0.70000");
        History back = History.decode(text, 2);
        assertThat(back.encode()).isEqualTo(text);
        assertThat(back.lastTestAccuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(History.decode(null, 2).lastTestAccuracy()).isNaN();
        assertThat(back.plot(dir.resolve("l.png"), dir.resolve("a.png"))).isTrue();
        assertThat(dir.resolve("l.png")).exists();
    }
}
