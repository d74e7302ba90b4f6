// SPDX-License-Identifier: MIT
package vit.position.exercises;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import vit.position.PositionSimilarity;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.plot.Plots;

/** Solutions of exercises 03.1, 03.2 and 03.4 (see {@code 03-cls-and-position/EXERCISES.md}). */
public final class SinCos {
    private SinCos() {
    }

    /**
     * Exercise 03.1: one row per position {@code p}: {@code [sin(p w_0), ..., sin(p w_{K-1}), cos(p w_0), ..., cos(p w_{K-1})]}
     * with {@code K = dim / 2} and {@code w_k = 1 / 10000^(k / K)}: {@code [positions.length, dim]}.
     */
    public static Tensor oneD(int dim, float[] positions) {
        if (dim % 2 != 0) {
            throw new IllegalArgumentException("the 1-D sin-cos embedding needs an even dim, got " + dim);
        }
        int k = dim / 2;
        float[] out = new float[positions.length * dim];
        for (int m = 0; m < positions.length; m++) {
            for (int i = 0; i < k; i++) {
                double omega = 1.0 / Math.pow(10000, (double) i / k);
                double angle = positions[m] * omega;
                out[m * dim + i] = (float) Math.sin(angle);
                out[m * dim + k + i] = (float) Math.cos(angle);
            }
        }
        return Tensor.of(out, Shape.of(positions.length, dim));
    }

    /**
     * Exercise 03.2: the 2-D embedding of a {@code gridSize x gridSize} grid, {@code [N, dim]} or, with
     * {@code clsToken}, {@code [N + 1, dim]} with a row of zeros first. Token {@code i * gridSize + j}
     * (row i, column j) is {@code oneD(dim / 2, j)} followed by {@code oneD(dim / 2, i)}.
     */
    public static Tensor twoD(int dim, int gridSize, boolean clsToken) {
        if (dim % 4 != 0) {
            throw new IllegalArgumentException("the 2-D sin-cos embedding needs a dim divisible by 4, got " + dim);
        }
        int n = gridSize * gridSize;
        float[] rows = new float[n];
        float[] cols = new float[n];
        for (int t = 0; t < n; t++) {
            rows[t] = t / gridSize;
            cols[t] = t % gridSize;
        }
        Tensor grid = Tensor.cat(List.of(oneD(dim / 2, cols), oneD(dim / 2, rows)), 1);   // [N, dim]
        return clsToken ? Tensor.cat(List.of(Tensor.zeros(1, dim), grid), 0) : grid;
    }

    /**
     * Exercise 03.4: the similarity map of {@code twoD(dim, gridSize, true)} with
     * {@code vit.position.PositionSimilarity}, drawn with {@code vit.tensor.plot.Plots.tiles} to {@code png};
     * returns the {@code [N, gridSize, gridSize]} similarities it drew.
     */
    public static Tensor similarityFigure(int dim, int gridSize, Path png) throws IOException {
        Tensor similarity = PositionSimilarity.of(twoD(dim, gridSize, true));
        Plots.tiles(similarity, gridSize, gridSize, png);
        return similarity;
    }
}
