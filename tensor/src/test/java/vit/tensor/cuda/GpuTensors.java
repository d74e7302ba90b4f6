// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import vit.tensor.Device;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** Helpers for the GPU tests: the same strided view on both devices, and float32 comparisons. */
final class GpuTensors {
    private GpuTensors() {
    }

    /** Skips the calling test with the probe's reason when there is no usable GPU. */
    static void assumeGpu() {
        Assumptions.assumeTrue(Cuda.probe().available(), () -> "needs a GPU; CUDA is not usable: " + Cuda.probe().reason());
    }

    /** One tensor as a CPU view and the same view of a GPU copy of its base. */
    record Pair(Tensor cpu, Tensor gpu) {
        Pair map(UnaryOperator<Tensor> view) {
            return new Pair(view.apply(cpu), view.apply(gpu));
        }
    }

    static Pair randn(long seed, UnaryOperator<Tensor> view, int... baseDims) {
        Tensor base = Tensor.randn(Shape.of(baseDims), new Generator(seed));
        return new Pair(view.apply(base), view.apply(base.to(Device.CUDA)));
    }

    /** Values drawn from {@code choices} (ties and exact comparisons on purpose). */
    static Pair choices(long seed, float[] choices, UnaryOperator<Tensor> view, int... baseDims) {
        Generator g = new Generator(seed);
        float[] data = new float[Math.toIntExact(Shape.of(baseDims).numel())];
        for (int i = 0; i < data.length; i++) {
            data[i] = choices[g.nextInt(choices.length)];
        }
        Tensor base = Tensor.of(data, Shape.of(baseDims));
        return new Pair(view.apply(base), view.apply(base.to(Device.CUDA)));
    }

    static Tensor zeros(Shape s, Device d) {
        return Tensor.zeros(s, d);
    }

    /** |gpu - cpu| <= 1e-5 |cpu| + absFloor elementwise; NaNs and infinities must agree exactly. */
    static void assertClose(String what, float[] gpu, float[] cpu, double absFloor) {
        assertThat(gpu).as(what + ": length").hasSameSizeAs(cpu);
        double worst = 0;
        for (int i = 0; i < cpu.length; i++) {
            float c = cpu[i];
            float g = gpu[i];
            if (Float.isNaN(c)) {
                assertThat(Float.isNaN(g)).as("%s element %d: gpu %s, cpu NaN", what, i, g).isTrue();
                continue;
            }
            if (Float.isInfinite(c)) {
                assertThat(g).as("%s element %d", what, i).isEqualTo(c);
                continue;
            }
            double err = Math.abs((double) g - c);
            worst = err == 0 ? worst : Math.max(worst, err / (Math.abs(c) + absFloor));
            assertThat(err).as("%s element %d: gpu %s cpu %s", what, i, g, c).isLessThanOrEqualTo(1e-5 * Math.abs(c) + absFloor);
        }
        System.out.printf("%-60s ok, worst scaled error %.2e%n", what, worst);
    }
}
