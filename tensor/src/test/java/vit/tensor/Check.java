// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded inputs (contiguous or not) and the comparison of a float32 result with its float64 reference. */
public final class Check {
    /** Per-element tolerance: {@code |actual - expected| <= RTOL * max(|expected|, 1)}. */
    static final double RTOL = 1e-5;

    private Check() {
    }

    public static Tensor randn(Generator g, int... dims) {
        return Tensor.randn(Shape.of(dims), g);
    }

    /** A non-contiguous tensor of shape {@code dims}: the transpose of a contiguous one's last two dims. */
    static Tensor permuted(Generator g, int... dims) {
        int r = dims.length;
        int[] swapped = dims.clone();
        swapped[r - 1] = dims[r - 2];
        swapped[r - 2] = dims[r - 1];
        Tensor t = randn(g, swapped).transpose(-1, -2);
        assertThat(t.isContiguous()).isFalse();
        return t;
    }

    /** A non-contiguous tensor of shape {@code dims}: every other element of the first dim of a larger one. */
    static Tensor strided(Generator g, int... dims) {
        int[] big = dims.clone();
        big[0] = 2 * dims[0] + 1;
        Tensor t = randn(g, big).slice(0, 1, big[0], 2);
        assertThat(t.shape()).isEqualTo(Shape.of(dims));
        return t;
    }

    /** The largest error of {@code actual} against {@code expected}, in units of {@code max(|expected|, 1)}. */
    static double maxRelError(Tensor actual, Reference expected) {
        assertThat(actual.shape().dims()).as("shape").containsExactly(expected.shape);
        float[] a = actual.toFloatArray();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double e = expected.v[i];
            double err = Double.isNaN(e) && Float.isNaN(a[i]) ? 0 : Math.abs(a[i] - e) / Math.max(Math.abs(e), 1);
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, err);
        }
        return worst;
    }

    /** Asserts the shape and every value of {@code actual} against the float64 reference, within {@link #RTOL}. */
    public static void close(String what, Tensor actual, Reference expected) {
        close(what, actual, expected, RTOL);
    }

    static void close(String what, Tensor actual, Reference expected, double rtol) {
        double err = maxRelError(actual, expected);
        System.out.printf("%-28s %-16s max rel error %.2e%n", what, actual.shape(), err);
        assertThat(err).as(what + " " + actual.shape() + " vs float64 reference").isLessThan(rtol);
    }
}
