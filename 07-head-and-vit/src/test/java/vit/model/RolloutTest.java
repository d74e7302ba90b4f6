// SPDX-License-Identifier: MIT
package vit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

class RolloutTest {
    @Test
    void twoLayersByHand() {
        // Layer 1: heads [[1, 0], [.5, .5]] and [[0, 1], [.5, .5]] average to all 0.5; + I = [[1.5, .5], [.5, 1.5]];
        //          rows sum to 2, so Â1 = [[.75, .25], [.25, .75]].
        // Layer 2: heads [[1, 0], [0, 1]] and [[1, 0], [1, 0]] average to [[1, 0], [.5, .5]]; + I = [[2, 0], [.5, 1.5]];
        //          Â2 = [[1, 0], [.25, .75]].
        // R = Â2 Â1 = [[.75, .25], [.25*.75 + .75*.25, .25*.25 + .75*.75]] = [[.75, .25], [.375, .625]].
        Tensor layer1 = Tensor.of(new float[] {1, 0, .5f, .5f, 0, 1, .5f, .5f}, Shape.of(2, 2, 2));
        Tensor layer2 = Tensor.of(new float[] {1, 0, 0, 1, 1, 0, 1, 0}, Shape.of(1, 2, 2, 2));
        Tensor r = Rollout.of(List.of(layer1, layer2));
        System.out.println("Rollout.of([2, 2, 2], [1, 2, 2, 2]) -> " + r.shape());
        assertThat(r.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(r.toFloatArray()).containsExactly(new float[] {.75f, .25f, .375f, .625f}, within(1e-7f));
        Tensor map = Rollout.clsMap(r);
        assertThat(map.shape()).isEqualTo(Shape.of(1, 1));
        assertThat(map.item()).isCloseTo(.25f, within(1e-7f));
    }

    @Test
    void matchesFloat64LoopsOnRandomSoftmaxAttention() {
        Generator gen = new Generator(7);
        int layers = 3;
        int heads = 2;
        int n = 5;
        List<Tensor> atts = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            atts.add(Tensor.randn(Shape.of(heads, n, n), gen).softmax(-1));
        }
        double[][] r = null;
        for (Tensor att : atts) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    for (int h = 0; h < heads; h++) {
                        a[i][j] += att.get(h, i, j) / (double) heads;
                    }
                    a[i][j] += i == j ? 1 : 0;
                    sum += a[i][j];
                }
                for (int j = 0; j < n; j++) {
                    a[i][j] /= sum;
                }
            }
            if (r == null) {
                r = a;
            } else {
                double[][] p = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        for (int k = 0; k < n; k++) {
                            p[i][j] += a[i][k] * r[k][j];
                        }
                    }
                }
                r = p;
            }
        }
        Tensor ours = Rollout.of(atts);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat((double) ours.get(i, j)).isCloseTo(r[i][j], within(1e-6));
            }
        }
        Tensor map = Rollout.clsMap(ours);
        System.out.println("Rollout.clsMap(" + ours.shape() + ") -> " + map.shape());
        assertThat(map.shape()).isEqualTo(Shape.of(2, 2));
        assertThat((double) map.get(1, 0)).isCloseTo(r[0][3], within(1e-6));
    }
}
