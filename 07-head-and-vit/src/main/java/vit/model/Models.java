// SPDX-License-Identifier: MIT
package vit.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import vit.attention.Variant;
import vit.tensor.Generator;
import vit.tensor.io.SafeTensors;

/**
 * The model a subcommand runs: a timm checkpoint ({@code --weights FILE}) or a preset with seeded random
 * weights ({@code --preset NAME}), read as {@code --variant}, with {@code --heads} heads, at {@code --image-size}.
 */
final class Models {
    static final long SEED = 0;
    static final String RESAMPLE_USAGE =
        "  --resample bicubic|bicubic-antialias   how position embeddings are resized to another image size:\n"
        + "                           PyTorch's bicubic without (default) or with antialias=True (timm >= 0.9's default)\n";

    private Models() {
    }

    /** What the flags asked for; a zero means "the checkpoint's or preset's own". */
    record Request(String preset, Path weights, Variant variant, int heads, int imageSize, Resample.Mode resample) {
    }

    /** A built model, a line saying where its weights came from, and how to prepare its input pictures. */
    record Built(ViT model, String origin, boolean random, Inputs.Preparation preparation) {
    }

    /**
     * Reads the model flags. {@code headsFlag} is the flag naming the head count ({@code heads}, or
     * {@code num-heads} where {@code --heads} means something else).
     */
    static Request request(Args a, String defaultPreset, String headsFlag) throws UsageException {
        a.atMostOne("preset", "weights");
        Variant variant = null;
        if (a.has("variant")) {
            try {
                variant = Variant.parse(a.get("variant", null));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        String preset = a.has("weights") ? null : a.get("preset", defaultPreset);
        if (preset != null) {
            try {
                ViTConfig.preset(preset);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        Resample.Mode resample = Resample.Mode.BICUBIC;
        if (a.has("resample")) {
            try {
                resample = Resample.Mode.parse(a.get("resample", null));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return new Request(preset, a.path("weights"), variant, a.integer(headsFlag, 0, 1), a.integer("image-size", 0, 1), resample);
    }

    static Built build(Request r) throws IOException {
        if (r.weights() != null) {
            Variant v = r.variant() == null ? Variant.TIMM : r.variant();
            Map<String, String> metadata = SafeTensors.readMetadata(r.weights());
            int heads = r.heads() > 0 ? r.heads() : Inputs.Preparation.heads(metadata, r.weights());
            Checkpoint.Loaded loaded = Checkpoint.load(r.weights(), new Checkpoint.Options(v, heads, r.imageSize(), r.resample()));
            ViTConfig c = loaded.model().config();
            String resampled = c.imgSize() == loaded.checkpointImageSize() ? ""
                : ", position embeddings resampled from " + loaded.checkpointImageSize() + "x" + loaded.checkpointImageSize() + " (" + r.resample().flag() + ")";
            Inputs.Preparation prep = Inputs.Preparation.fromMetadata(metadata, c, r.weights());
            return new Built(loaded.model(), "weights: " + r.weights() + " (" + describe(c) + resampled + ")", false, prep);
        }
        ViTConfig c = ViTConfig.preset(r.preset());
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
        return c.variant().name().toLowerCase(java.util.Locale.ROOT) + " variant, " + c.imgSize() + "x" + c.imgSize() + ", patch "
            + c.patchSize() + ", width " + c.embSize() + ", " + c.depth() + " blocks, " + c.numHeads() + " heads, MLP x" + c.expansion()
            + ", " + c.nClasses() + " classes";
    }
}
