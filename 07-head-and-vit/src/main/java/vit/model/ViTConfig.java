// SPDX-License-Identifier: MIT
package vit.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import vit.attention.Variant;

/**
 * Every size of a ViT in one place, with named presets: the article's model, the paper's/timm's ViT-Ti,
 * S, B and L with 16x16 patches, and tiny ones for tests.
 *
 * @param embSize   the width of every token ({@code E})
 * @param numHeads  attention heads; {@code embSize / numHeads} is {@code headDim}
 * @param expansion the MLP's hidden width is {@code expansion * embSize}
 */
public record ViTConfig(String name, int inChannels, int patchSize, int embSize, int imgSize, int depth, int numHeads,
                        int expansion, int nClasses, float dropout, Variant variant) {

    /** The article's ViT: ViT-B/16's sizes with 8 heads and the article's attention and pooling. */
    public static final ViTConfig ARTICLE = new ViTConfig("article", 3, 16, 768, 224, 12, 8, 4, 1000, 0f, Variant.ARTICLE);
    public static final ViTConfig VIT_TI_16 = new ViTConfig("vit-ti-16", 3, 16, 192, 224, 12, 3, 4, 1000, 0f, Variant.TIMM);
    public static final ViTConfig VIT_S_16 = new ViTConfig("vit-s-16", 3, 16, 384, 224, 12, 6, 4, 1000, 0f, Variant.TIMM);
    public static final ViTConfig VIT_B_16 = new ViTConfig("vit-b-16", 3, 16, 768, 224, 12, 12, 4, 1000, 0f, Variant.TIMM);
    public static final ViTConfig VIT_L_16 = new ViTConfig("vit-l-16", 3, 16, 1024, 224, 24, 16, 4, 1000, 0f, Variant.TIMM);
    /** The fixtures' small ViT (embedding 64, depth 2, 4 heads, patch 8, image 32, 10 classes), both variants. */
    public static final ViTConfig MINI_ARTICLE = new ViTConfig("mini-article", 3, 8, 64, 32, 2, 4, 4, 10, 0f, Variant.ARTICLE);
    public static final ViTConfig MINI_TIMM = new ViTConfig("mini-timm", 3, 8, 64, 32, 2, 4, 4, 10, 0f, Variant.TIMM);

    public ViTConfig {
        if (embSize % numHeads != 0) {
            throw new IllegalArgumentException(name + ": embSize " + embSize + " is not divisible by numHeads " + numHeads);
        }
        if (imgSize % patchSize != 0) {
            throw new IllegalArgumentException(name + ": imgSize " + imgSize + " is not a multiple of patchSize " + patchSize);
        }
    }

    /** All presets by name. */
    public static Map<String, ViTConfig> presets() {
        Map<String, ViTConfig> m = new LinkedHashMap<>();
        for (ViTConfig c : new ViTConfig[] {ARTICLE, VIT_TI_16, VIT_S_16, VIT_B_16, VIT_L_16, MINI_ARTICLE, MINI_TIMM}) {
            m.put(c.name(), c);
        }
        return m;
    }

    /** The preset called {@code name}, or an error listing the presets. */
    public static ViTConfig preset(String name) {
        ViTConfig c = presets().get(name.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (presets: " + String.join(", ", presets().keySet()) + ")");
        }
        return c;
    }

    /** The usual head count for a width (timm's ViT-Ti/S/B/L: 3, 6, 12, 16), or 64-wide heads otherwise. */
    public static int defaultHeads(int embSize) {
        switch (embSize) {
            case 192:
                return 3;
            case 384:
                return 6;
            case 768:
                return 12;
            case 1024:
                return 16;
            case 1280:
                return 16;
            default:
                return Math.max(1, embSize / 64);
        }
    }

    public int headDim() {
        return embSize / numHeads;
    }

    /** {@code (imgSize / patchSize)^2}. */
    public int numPatches() {
        return (imgSize / patchSize) * (imgSize / patchSize);
    }

    public ViTConfig withVariant(Variant v) {
        return new ViTConfig(name, inChannels, patchSize, embSize, imgSize, depth, numHeads, expansion, nClasses, dropout, v);
    }

    public ViTConfig withHeads(int heads) {
        return new ViTConfig(name, inChannels, patchSize, embSize, imgSize, depth, heads, expansion, nClasses, dropout, variant);
    }

    public ViTConfig withImgSize(int size) {
        return new ViTConfig(name, inChannels, patchSize, embSize, size, depth, numHeads, expansion, nClasses, dropout, variant);
    }

    public ViTConfig withDropout(float p) {
        return new ViTConfig(name, inChannels, patchSize, embSize, imgSize, depth, numHeads, expansion, nClasses, p, variant);
    }

    public ViTConfig withClasses(int classes) {
        return new ViTConfig(name, inChannels, patchSize, embSize, imgSize, depth, numHeads, expansion, classes, dropout, variant);
    }

    /** Multiply-adds of one forward pass for one image, times two: the FLOPs the benchmarks divide by. */
    public double flopsPerImage() {
        double n = numPatches() + 1;
        double e = embSize;
        double perBlock = 2 * n * e * 3 * e          // qkv
            + 2 * 2 * n * n * e                      // q k^T and att v
            + 2 * n * e * e                          // projection
            + 2 * 2 * n * e * expansion * e;         // fc1 and fc2
        double patch = 2.0 * numPatches() * e * inChannels * patchSize * patchSize;
        return patch + depth * perBlock + 2 * e * nClasses;
    }
}
