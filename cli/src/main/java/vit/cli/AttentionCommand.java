// SPDX-License-Identifier: MIT
package vit.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vit.data.Figures;
import vit.model.Rollout;
import vit.model.ViT;
import vit.model.ViTConfig;
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
@Command(name = "attention", description = {"Attention maps, attention rollout and position-embedding similarity, drawn as PNGs.",
    "Where the cls token looks: chosen layers' and heads' attention to every patch, the rollout through all layers, each drawn "
        + "over the picture, and the similarity of the learned position embeddings (the paper's Figure 7)."})
final class AttentionCommand extends ModelCommand {
    @Mixin
    ModelFlags flags;

    @Mixin
    PresetFlags presets;

    @Option(names = "--num-heads", paramLabel = "N", description = "the model's attention heads (default: the checkpoint's vit.num_heads, else timm's for the width)")
    Integer numHeads;

    @Option(names = "--image", paramLabel = "PATH", description = "a PNG or JPEG (default: the bundled cat)")
    Path imagePath;

    @Option(names = "--layers", paramLabel = "L1,L2,...", split = ",", description = "layers to draw (default: the first and the last)")
    List<Integer> layersFlag;

    @Option(names = "--heads", paramLabel = "H1,H2,...", split = ",", description = "heads to draw in each of those layers (default: 0)")
    List<Integer> headsFlag;

    @Override
    int run(Context ctx) throws Exception {
        if (flags.weights == null && presets.preset == null) {
            throw usage("--weights FILE is required (or --preset NAME for random weights)");
        }
        Models.Request request = Models.request(this, presets, null, flags, "--num-heads", numHeads);
        Image8 image = Inputs.image(imagePath);
        Models.Built built = Models.build(request);
        ViT model = built.model();
        ViTConfig c = model.config();
        int depth = c.depth();
        List<Integer> layers = layersFlag != null ? layersFlag : depth > 1 ? List.of(0, depth - 1) : List.of(0);
        List<Integer> heads = headsFlag != null ? headsFlag : List.of(0);
        for (int l : layers) {
            if (l < 0 || l >= depth) {
                throw usage("--layers " + l + " is out of range, the model has layers 0.." + (depth - 1));
            }
        }
        for (int h : heads) {
            if (h < 0 || h >= c.numHeads()) {
                throw usage("--heads " + h + " is out of range, the model has heads 0.." + (c.numHeads() - 1));
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
        return Vit.OK;
    }

    private static void write(Context ctx, Tensor image, String name, String what) throws java.io.IOException {
        Path png = Figures.path(name);
        Images.writePng(image, png);
        ctx.out().println("figure: " + png + " (" + what + ")");
    }
}
