// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** Plain float64 helpers the einops tests compute their expectations with, independent of the code under test. */
final class Loops {
    private Loops() {
    }

    static Tensor randn(long seed, int... dims) {
        return Tensor.randn(Shape.of(dims), new Generator(seed));
    }

    static double[] doubles(Tensor t) {
        float[] f = t.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Row-major flat index of {@code idx} in an array of sizes {@code dims}. */
    static int flat(int[] dims, int... idx) {
        int f = 0;
        for (int i = 0; i < dims.length; i++) {
            if (idx[i] < 0 || idx[i] >= dims[i]) {
                throw new IndexOutOfBoundsException(Arrays.toString(idx) + " in " + Arrays.toString(dims));
            }
            f = f * dims[i] + idx[i];
        }
        return f;
    }

    /** The coordinates of flat index {@code f} in an array of sizes {@code dims}. */
    static int[] coords(int[] dims, int f) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = f % dims[i];
            f /= dims[i];
        }
        return idx;
    }

    static int numel(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Checks shape and values, and prints what was checked torch style. */
    static void assertMatches(String what, Tensor actual, int[] dims, double[] expected, double tol) {
        System.out.println(what + ": " + actual.shape());
        assertThat(actual.shape()).as(what).isEqualTo(Shape.of(dims));
        double[] got = doubles(actual);
        assertThat(got.length).isEqualTo(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("%s at %s", what, Arrays.toString(coords(dims, i))).isCloseTo(expected[i], within(tol));
        }
    }
}
