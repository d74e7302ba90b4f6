// SPDX-License-Identifier: MIT
package vit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.nn.Summary;
import vit.tensor.Shape;

/** {@code summary}: the layer table torchsummary prints, and the true parameter total. */
@Command(name = "summary", description = {"The table of layers, output shapes and parameters of a preset or a checkpoint.",
    "As torchsummary prints it, followed by the true total (cls token and positions included). Without --weights: "
        + "the preset article (or --preset NAME)."})
final class SummaryCommand extends ModelCommand {
    @Mixin
    ModelFlags flags;

    @Mixin
    PresetFlags presets;

    @Option(names = "--heads", paramLabel = "N", description = "attention heads")
    Integer heads;

    @Override
    int run(Context ctx) throws Exception {
        Models.Built built = Models.build(Models.request(this, presets, ViTConfig.ARTICLE, flags, "--heads", heads));
        ViT model = built.model();
        ctx.out().println(built.origin());
        model.to(ctx.device());                                             // Summary runs its pass where the model is
        int img = model.config().imgSize();
        Summary s = Summary.of(model, Shape.of(1, model.config().inChannels(), img, img));
        ctx.out().print(s);
        ctx.out().println("total parameters: " + Summary.grouped(s.total()) + " (every parameter once, cls token and positions included)");
        return Vit.OK;
    }
}
