// SPDX-License-Identifier: MIT
package vit.model;

import java.nio.file.Path;
import java.util.List;
import vit.data.Figures;
import vit.position.PositionSimilarity;
import vit.tensor.Device;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Images;
import vit.tensor.plot.Plots;

/**
 * {@code attention}: where the cls token looks. Chosen layers' and heads' attention from the cls token to
 * every patch, the attention rollout through all layers, each drawn over the picture, and the similarity of
 * the learned position embeddings (the paper's Figure 7).
 */
final class AttentionCommand implements Command {
    @Override
    public String name() {
        return "attention";
    }

    @Override
    public String summary() {
        return "attention maps, attention rollout and position-embedding similarity, drawn as PNGs";
    }

    @Override
    public String usage() {
        return "  --weights FILE           a timm ViT checkpoint in safetensors (or --preset NAME for random weights)\n"
            + "  --image PATH             a PNG or JPEG (default: the bundled cat)\n"
            + "  --layers L1,L2,...       layers to draw (default: the first and the last)\n"
            + "  --heads H1,H2,...        heads to draw in each of those layers (default 0)\n"
            + "  --variant timm|article   how to read the weights (default timm)\n"
            + "  --num-heads N            the model's attention heads (default: timm's for the width)\n"
            + "  --image-size N           run at N x N (position embeddings resampled)\n"
            + Models.RESAMPLE_USAGE;
    }

    @Override
    public List<String> flags() {
        return List.of("weights", "preset", "image", "layers", "heads", "variant", "num-heads", "image-size", "resample");
    }

    @Override
    public int run(Args a, Context ctx) throws Exception {
        if (!a.has("weights") && !a.has("preset")) {
            throw new UsageException("attention: --weights FILE is required (or --preset NAME for random weights)");
        }
        Models.Request request = Models.request(a, null, "num-heads");
        Path imagePath = a.path("image");
        Image8 image = Inputs.image(imagePath);
        Models.Built built = Models.build(request);
        ViT model = built.model();
        ViTConfig c = model.config();
        int depth = c.depth();
        List<Integer> layers = a.integers("layers", depth > 1 ? List.of(0, depth - 1) : List.of(0), 0);
        List<Integer> heads = a.integers("heads", List.of(0), 0);
        for (int l : layers) {
            if (l >= depth) {
                throw new UsageException("attention: --layers " + l + " is out of range, the model has layers 0.." + (depth - 1));
            }
        }
        for (int h : heads) {
            if (h >= c.numHeads()) {
                throw new UsageException("attention: --heads " + h + " is out of range, the model has heads 0.." + (c.numHeads() - 1));
            }
        }
        ctx.out().println(built.origin());
        if (built.random()) {
            ctx.out().println("random weights: the maps below show no learned structure");
        }
        model.to(ctx.device());
        int size = c.imgSize();
        Inputs.Preparation prep = built.preparation();
        Tensor picture = Inputs.cropped(image, prep, size);                        // [1, 3, S, S] in [0, 1]
        List<Tensor> attentions = Rollout.attentions(model, Inputs.input(image, prep, size).to(ctx.device()));
        int grid = size / c.patchSize();
        for (int l : layers) {
            for (int h : heads) {
                Tensor cls = attentions.get(l).select(0, h).select(0, 0).slice(0, 1, grid * grid + 1).reshape(grid, grid);
                write(ctx, Overlay.blend(picture, cls), "attention-layer" + l + "-head" + h + ".png",
                    "layer " + l + ", head " + h + ": attention from the cls token to the " + grid + "x" + grid + " patches");
            }
        }
        Tensor rollout = Rollout.clsMap(Rollout.of(attentions));
        write(ctx, Overlay.blend(picture, rollout), "attention-rollout.png",
            "attention rollout through all " + depth + " layers (Abnar and Zuidema 2020), cls token to patches");
        Tensor positions = model.patchEmbedding().positions().value().to(Device.CPU);
        Path png = Figures.path("attention-position-similarity.png");
        Plots.tiles(PositionSimilarity.of(positions), grid, grid, png);
        ctx.out().println("figure: " + png + " (cosine similarity of each patch's position embedding with every other's)");
        return Cli.OK;
    }

    private static void write(Context ctx, Tensor image, String name, String what) throws java.io.IOException {
        Path png = Figures.path(name);
        Images.writePng(image, png);
        ctx.out().println("figure: " + png + " (" + what + ")");
    }
}
