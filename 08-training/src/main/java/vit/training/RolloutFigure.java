// SPDX-License-Identifier: MIT
package vit.training;

import java.util.ArrayList;
import java.util.List;
import vit.model.Rollout;
import vit.model.ViT;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.plot.Colormap;

/**
 * Where the trained model looks: for each of a few test images, the attention rollout of chapter 07
 * ({@link Rollout}) from the cls token to the 7 x 7 patches, drawn under the picture in viridis
 * (each map scaled to its own range), everything enlarged {@value #SCALE} times.
 */
final class RolloutFigure {
    static final int SCALE = 4;

    private RolloutFigure() {
    }

    /** Two rows of {@code [3, H, W]} pictures in [0, 1]: the images, then their rollout maps. */
    static List<Tensor> pictures(ViT vit, FashionMnist data, int count) {
        int n = Math.min(count, data.size());
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        Tensor images = new Batches(data, n, false, 0).batch(indices).images();       // [n, 1, H, W]
        List<Tensor> originals = new ArrayList<>();
        List<Tensor> maps = new ArrayList<>();
        boolean training = vit.isTraining();
        vit.eval();
        try (var off = GradMode.disabled()) {
            for (int i = 0; i < n; i++) {
                Tensor image = images.slice(0, i, i + 1);                              // [1, 1, H, W]
                Tensor map = Rollout.clsMap(Rollout.of(Rollout.attentions(vit, image)));        // [g, g]
                originals.add(grey(data, i, SCALE));
                maps.add(heat(map, SCALE * data.height(), SCALE * data.width()));
            }
        }
        vit.train(training);
        originals.addAll(maps);
        return originals;
    }

    /** The model's class for each of the first {@code count} images of {@code data}. */
    static int[] predictions(ViT vit, FashionMnist data, int count) {
        int n = Math.min(count, data.size());
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        boolean training = vit.isTraining();
        vit.eval();
        int[] out = new int[n];
        try (var off = GradMode.disabled()) {
            float[] z = vit.apply(new Batches(data, n, false, 0).batch(indices).images()).toFloatArray();   // [n, classes]
            int classes = z.length / n;
            for (int i = 0; i < n; i++) {
                for (int k = 1; k < classes; k++) {
                    out[i] = z[i * classes + k] > z[i * classes + out[i]] ? k : out[i];
                }
            }
        }
        vit.train(training);
        return out;
    }

    /** Image {@code i} of {@code data} as an RGB picture in [0, 1], each pixel {@code scale x scale}: {@code [3, H*scale, W*scale]}. */
    static Tensor grey(FashionMnist data, int i, int scale) {
        int h = data.height();
        int w = data.width();
        int big = h * w * scale * scale;
        float[] rgb = new float[3 * big];
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                float v = data.images().unsigned(i * h * w + (y / scale) * w + x / scale) / 255f;
                int p = y * w * scale + x;
                rgb[p] = v;
                rgb[big + p] = v;
                rgb[2 * big + p] = v;
            }
        }
        return Tensor.of(rgb, Shape.of(3, h * scale, w * scale));
    }

    /** A {@code [g, g]} map in viridis, each cell a block of pixels: {@code [3, H, W]}. */
    private static Tensor heat(Tensor map, int h, int w) {
        int g = map.size(0);
        float[] m = map.contiguous().toFloatArray();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : m) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float[] rgb = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = m[(y * g / h) * g + x * g / w];
                int c = Colormap.viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5);
                rgb[y * w + x] = (c >> 16 & 0xFF) / 255f;
                rgb[h * w + y * w + x] = (c >> 8 & 0xFF) / 255f;
                rgb[2 * h * w + y * w + x] = (c & 0xFF) / 255f;
            }
        }
        return Tensor.of(rgb, Shape.of(3, h, w));
    }
}
