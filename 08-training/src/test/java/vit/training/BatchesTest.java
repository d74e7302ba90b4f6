// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.tensor.Shape;

class BatchesTest {
    @TempDir
    Path dir;

    @Test
    void pixelsAreScaledAndNormalisedWithFashionMnistsMeanAndStd() throws IOException {
        IdxFiles.fashion(dir, 26, 4, false);           // image i is filled with 10 * i
        FashionMnist data = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        Batches.Batch b = new Batches(data, 8, false, 0).batch(new int[] {0, 25, 3});
        System.out.println("batch images " + b.images().shape() + ", labels " + b.labels().shape());
        assertThat(b.images().shape()).isEqualTo(Shape.of(3, 1, 4, 4));
        assertThat(b.labels().shape()).isEqualTo(Shape.of(3));
        float[] x = b.images().toFloatArray();
        assertThat((double) x[0]).isCloseTo((0 / 255.0 - 0.2860) / 0.3530, within(1e-6));
        assertThat((double) x[16]).isCloseTo((250 / 255.0 - 0.2860) / 0.3530, within(1e-6));
        assertThat((double) x[47]).isCloseTo((30 / 255.0 - 0.2860) / 0.3530, within(1e-6));
        assertThat(b.labels().toFloatArray()).containsExactly(0f, 5f, 3f);
    }

    @Test
    void everyEpochVisitsEveryImageOnceInASeededOrder() throws IOException {
        IdxFiles.fashion(dir, 50, 2, false);
        FashionMnist data = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        Batches batches = new Batches(data, 16, true, 7);
        assertThat(batches.count()).isEqualTo(4);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (Batches.Batch b : batches.epoch(0)) {
            sizes.add(b.size());
            Arrays.stream(b.indices()).forEach(seen::add);
        }
        assertThat(sizes).containsExactly(16, 16, 16, 2);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(seen).isNotEqualTo(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(new Batches(data, 16, true, 7).order(0)).containsExactly(batches.order(0));
        assertThat(batches.order(1)).isNotEqualTo(batches.order(0));
        assertThat(new Batches(data, 16, true, 8).order(0)).isNotEqualTo(batches.order(0));
        assertThat(new Batches(data, 16, false, 7).order(3)).isSorted();
    }
}
