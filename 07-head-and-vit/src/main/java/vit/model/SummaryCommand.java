// SPDX-License-Identifier: MIT
package vit.model;

import java.util.List;
import vit.nn.Summary;
import vit.tensor.Shape;

/** {@code summary}: the layer table torchsummary prints, and the true parameter total. */
final class SummaryCommand implements Command {
    @Override
    public String name() {
        return "summary";
    }

    @Override
    public String summary() {
        return "the table of layers, output shapes and parameters of a preset or a checkpoint";
    }

    @Override
    public String usage() {
        return "  --preset NAME            one of " + String.join(", ", ViTConfig.presets().keySet()) + " (default article)\n"
            + "  --weights FILE           a timm ViT checkpoint in safetensors instead\n"
            + "  --variant timm|article   the attention variant (default: the preset's, timm for checkpoints)\n"
            + "  --heads N                attention heads\n"
            + "  --image-size N           the input size\n"
            + Models.RESAMPLE_USAGE;
    }

    @Override
    public List<String> flags() {
        return List.of("preset", "weights", "variant", "heads", "image-size", "resample");
    }

    @Override
    public int run(Args a, Context ctx) throws Exception {
        Models.Built built = Models.build(Models.request(a, "article", "heads"));
        ViT model = built.model();
        ctx.out().println(built.origin());
        model.to(ctx.device());                                             // Summary runs its pass where the model is
        int img = model.config().imgSize();
        Summary s = Summary.of(model, Shape.of(1, model.config().inChannels(), img, img));
        ctx.out().print(s);
        ctx.out().println("total parameters: " + Summary.grouped(s.total()) + " (every parameter once, cls token and positions included)");
        return Cli.OK;
    }
}
