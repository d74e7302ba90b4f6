// SPDX-License-Identifier: MIT
package vit.tensor.image;

import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * The same antialiased two-pass resize as {@link Resample8}, on float samples with no rounding between
 * passes: {@code out[y][x] = sum_s v_s(y) * sum_t w_t(x) * in[s][t]} with the weights of
 * {@link ResampleWeights}. This is what torchvision computes for a tensor with {@code antialias=True}.
 */
final class ResampleFloat {
    private ResampleFloat() {
    }

    /** Resizes the last two dimensions of a tensor of rank 2 or more to {@code height x width}. */
    static Tensor resize(Tensor in, int height, int width, Interpolation filter) {
        int[] dims = in.shape().dims();
        if (dims.length < 2) {
            throw new IllegalArgumentException("resize needs a tensor of rank >= 2 ([..., H, W]), got " + in.shape());
        }
        int h = dims[dims.length - 2];
        int w = dims[dims.length - 1];
        int planes = (int) (in.numel() / ((long) h * w));
        float[] src = in.toFloatArray();
        ResampleWeights cols = new ResampleWeights(w, width, filter);
        ResampleWeights rows = new ResampleWeights(h, height, filter);
        float[] out = new float[planes * height * width];
        double[] tmp = new double[h * width];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < width; x++) {
                    double acc = 0.0;
                    for (int t = 0; t < cols.count[x]; t++) {
                        acc += cols.weights[x][t] * src[base + y * w + cols.first[x] + t];
                    }
                    tmp[y * width + x] = acc;
                }
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double acc = 0.0;
                    for (int s = 0; s < rows.count[y]; s++) {
                        acc += rows.weights[y][s] * tmp[(rows.first[y] + s) * width + x];
                    }
                    out[(p * height + y) * width + x] = (float) acc;
                }
            }
        }
        int[] outDims = dims.clone();
        outDims[dims.length - 2] = height;
        outDims[dims.length - 1] = width;
        return Tensor.of(out, Shape.of(outDims));
    }
}
