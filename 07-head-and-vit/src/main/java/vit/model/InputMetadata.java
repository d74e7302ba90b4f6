// SPDX-License-Identifier: MIT
package vit.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors metadata keys by which a checkpoint says how its input pictures are prepared, what its classes
 * are called and how many heads it has; {@code classify} and {@code attention} read them (see {@link Inputs}),
 * chapter 08 writes them with {@link #of}.
 */
public final class InputMetadata {
    /** Per channel mean on the 0..1 scale: one number, or one per channel, comma-separated. */
    public static final String MEAN = "vit.input.mean";
    /** Per channel standard deviation, as {@link #MEAN}. */
    public static final String STD = "vit.input.std";
    /** timm's {@code crop_pct}: the shorter side goes to {@code floor(size / crop_pct)} before the center crop. */
    public static final String CROP_PCT = "vit.input.crop_pct";
    /** The class names, one per line. */
    public static final String LABELS = "vit.labels";
    /** The attention head count (the width alone does not say it). */
    public static final String NUM_HEADS = "vit.num_heads";

    private InputMetadata() {
    }

    /** The entries for a model whose inputs are normalized with {@code mean} and {@code std} and cropped at {@code cropPct}. */
    public static Map<String, String> of(float[] mean, float[] std, double cropPct, List<String> labels, int numHeads) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MEAN, join(mean));
        m.put(STD, join(std));
        m.put(CROP_PCT, Double.toString(cropPct));
        m.put(LABELS, String.join("\n", labels));
        m.put(NUM_HEADS, Integer.toString(numHeads));
        return m;
    }

    private static String join(float[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.toString();
    }
}
