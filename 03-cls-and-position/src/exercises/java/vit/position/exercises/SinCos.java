// SPDX-License-Identifier: MIT
package vit.position.exercises;

import java.io.IOException;
import java.nio.file.Path;
import vit.tensor.Tensor;

/**
 * Exercises 03.1, 03.2 and 03.4 (see {@code 03-cls-and-position/EXERCISES.md}): fixed sine-cosine
 * positions, as MAE and timm build them ({@code get_2d_sincos_pos_embed}). Replace each {@code throw} with
 * your code, then check it: {@code mvn -pl 03-cls-and-position test -Pexercises}.
 */
public final class SinCos {
    private SinCos() {
    }

    /**
     * Exercise 03.1: one row per position {@code p}: {@code [sin(p w_0), ..., sin(p w_{K-1}), cos(p w_0), ..., cos(p w_{K-1})]}
     * with {@code K = dim / 2} and {@code w_k = 1 / 10000^(k / K)}: {@code [positions.length, dim]}.
     */
    public static Tensor oneD(int dim, float[] positions) {
        throw new UnsupportedOperationException("Exercise 03.1: the 1-D sin-cos embedding (SinCos.oneD)");
    }

    /**
     * Exercise 03.2: the 2-D embedding of a {@code gridSize x gridSize} grid, {@code [N, dim]} or, with
     * {@code clsToken}, {@code [N + 1, dim]} with a row of zeros first. Token {@code i * gridSize + j}
     * (row i, column j) is {@code oneD(dim / 2, j)} followed by {@code oneD(dim / 2, i)}.
     */
    public static Tensor twoD(int dim, int gridSize, boolean clsToken) {
        throw new UnsupportedOperationException("Exercise 03.2: the 2-D sin-cos embedding (SinCos.twoD)");
    }

    /**
     * Exercise 03.4: the similarity map of {@code twoD(dim, gridSize, true)} with
     * {@code vit.position.PositionSimilarity}, drawn with {@code vit.tensor.plot.Plots.tiles} to {@code png};
     * returns the {@code [N, gridSize, gridSize]} similarities it drew.
     */
    public static Tensor similarityFigure(int dim, int gridSize, Path png) throws IOException {
        throw new UnsupportedOperationException("Exercise 03.4: draw the similarity map (SinCos.similarityFigure)");
    }
}
