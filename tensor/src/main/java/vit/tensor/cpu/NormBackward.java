// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * The backward passes of layer norm and softmax over contiguous rows, one pass per row in double, where the
 * composed versions ({@link vit.tensor.Backend#layerNormBackward}, {@link vit.tensor.Backend#softmaxBackward}) make
 * about a dozen (four) tensors of the input's size. {@code NormBackwardTest} checks both against float64 loops.
 */
final class NormBackward {
    private NormBackward() {
    }

    /**
     * One row of layer norm's input gradient: {@code d = x - mean} centred once more (the float {@code mean} was
     * rounded), {@code xhat = d rstd}, {@code gxhat = g w}, {@code gx = (gxhat - mean(gxhat) - xhat mean(gxhat xhat)) rstd};
     * {@code gxw[q + i]} receives {@code g xhat}, the row's share of the weight gradient.
     */
    static void layerNormRow(float[] g, int pg, float[] x, int px, int n, float mean, float rstd, float[] w, int wo,
                             float[] gx, float[] gxw, int q) {
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += (double) x[px + i] - mean;
        }
        double shift = mean + c / n;
        double a = 0;
        double b = 0;
        for (int i = 0; i < n; i++) {
            double xhat = (x[px + i] - shift) * rstd;
            double gxhat = (double) g[pg + i] * w[wo + i];
            a += gxhat;
            b += gxhat * xhat;
        }
        a /= n;
        b /= n;
        for (int i = 0; i < n; i++) {
            double xhat = (x[px + i] - shift) * rstd;
            double gxhat = (double) g[pg + i] * w[wo + i];
            gx[q + i] = (float) ((gxhat - a - xhat * b) * rstd);
            gxw[q + i] = (float) (g[pg + i] * xhat);
        }
    }

    /**
     * One row of softmax's input gradient, {@code gx = y (g - sum(g y))}. The sum runs in four chains: one chain of
     * {@code n} dependent additions waits an addition's latency per element, and JDK 17 compiled it worst on training's
     * short rows (docs/PERFORMANCE.md, session 19).
     */
    static void softmaxRow(float[] g, int pg, float[] y, int py, int n, float[] gx, int q) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += (double) g[pg + i] * y[py + i];
            s1 += (double) g[pg + i + 1] * y[py + i + 1];
            s2 += (double) g[pg + i + 2] * y[py + i + 2];
            s3 += (double) g[pg + i + 3] * y[py + i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) g[pg + i] * y[py + i];
        }
        double s = (s0 + s1) + (s2 + s3);
        for (i = 0; i < n; i++) {
            gx[q + i] = (float) (y[py + i] * (g[pg + i] - s));
        }
    }
}
