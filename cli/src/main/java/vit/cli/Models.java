// SPDX-License-Identifier: MIT
package vit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import vit.attention.Variant;
import vit.model.Checkpoint;
import vit.model.Resample;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.tensor.Generator;
import vit.tensor.io.SafeTensors;

/**
 * The model a subcommand runs: a timm checkpoint ({@code --weights FILE}) or a preset with seeded random
 * weights ({@code --preset NAME}), read as {@code --variant}, with {@code --heads} heads, at {@code --image-size}.
 */
final class Models {
    static final long SEED = 0;

    private Models() {
    }

    /** What the flags asked for; a zero means "the checkpoint's or preset's own". */
    record Request(ViTConfig preset, Path weights, Variant variant, int heads, int imageSize, Resample.Mode resample) {
    }

    /** A built model, a line saying where its weights came from, and how to prepare its input pictures. */
    record Built(ViT model, String origin, boolean random, Inputs.Preparation preparation) {
    }

    /**
     * Checks the model flags of {@code command}: {@code --preset} or {@code --weights} (not both; neither is
     * {@code fallback}; {@code presets} is null for a command without them), and the head count under
     * {@code headsFlag} ({@code --heads}, or {@code --num-heads} where {@code --heads} means something else).
     */
    static Request request(VitCommand command, PresetFlags presets, ViTConfig fallback, ModelFlags flags, String headsFlag, Integer heads) {
        ViTConfig preset = presets == null ? null : presets.preset;
        Integer imageSize = presets == null ? null : presets.imageSize;
        if (preset != null && flags.weights != null) {
            throw command.usage("give --preset or --weights, not both");
        }
        int h = heads == null ? 0 : command.atLeast(headsFlag, heads, 1);
        int size = imageSize == null ? 0 : command.atLeast("--image-size", imageSize, 1);
        return new Request(flags.weights != null ? null : preset != null ? preset : fallback, flags.weights, flags.variant, h, size,
            flags.resample);
    }

    static Built build(Request r) throws IOException {
        if (r.weights() != null) {
            Variant v = r.variant() == null ? Variant.TIMM : r.variant();
            Map<String, String> metadata = SafeTensors.readMetadata(r.weights());
            int heads = r.heads() > 0 ? r.heads() : Checkpoint.heads(metadata, r.weights().toString());
            Checkpoint.Loaded loaded = Checkpoint.load(r.weights(), new Checkpoint.Options(v, heads, r.imageSize(), r.resample()));
            ViTConfig c = loaded.model().config();
            String resampled = c.imgSize() == loaded.checkpointImageSize() ? ""
                : ", position embeddings resampled from " + loaded.checkpointImageSize() + "x" + loaded.checkpointImageSize() + " (" + r.resample().flag() + ")";
            Inputs.Preparation prep = Inputs.Preparation.fromMetadata(metadata, c, r.weights());
            return new Built(loaded.model(), "weights: " + r.weights() + " (" + describe(c) + resampled + ")", false, prep);
        }
        ViTConfig c = r.preset();
        if (r.variant() != null) {
            c = c.withVariant(r.variant());
        }
        if (r.heads() > 0) {
            c = c.withHeads(r.heads());
        }
        if (r.imageSize() > 0) {
            c = c.withImgSize(r.imageSize());
        }
        return new Built(new ViT(c, new Generator(SEED)), "weights: random (preset " + c.name() + ", seed " + SEED + "; " + describe(c) + ")", true,
            Inputs.Preparation.timm(c.inChannels()));
    }

    static String describe(ViTConfig c) {
        return c.variant().name().toLowerCase(Locale.ROOT) + " variant, " + c.imgSize() + "x" + c.imgSize() + ", patch "
            + c.patchSize() + ", width " + c.embSize() + ", " + c.depth() + " blocks, " + c.numHeads() + " heads, MLP x" + c.expansion()
            + ", " + c.nClasses() + " classes";
    }
}
