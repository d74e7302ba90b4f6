// SPDX-License-Identifier: MIT
package vit.tensor.plot;

/** One named line of a {@link Plots#line line plot}: the points ({@code x[i]}, {@code y[i]}). */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                + y.length + " y values");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' is empty");
        }
        x = x.clone();
        y = y.clone();
    }

    /** A series over {@code x = 0, 1, 2, ...}, e.g. a loss per step. */
    public static Series of(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Series(name, x, y);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
