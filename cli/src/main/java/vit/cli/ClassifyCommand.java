// SPDX-License-Identifier: MIT
package vit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vit.data.Figures;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.tensor.Device;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.plot.Plots;

/** {@code classify}: the top-K classes of one picture, printed and drawn as a bar chart. */
@Command(name = "classify", description = {"The top-K classes of a picture, printed and drawn as a bar chart.",
    "The picture is the bundled cat unless --image says otherwise; without --weights, random weights of the preset "
        + "vit-b-16 (or --preset NAME)."})
final class ClassifyCommand extends ModelCommand {
    @Mixin
    ModelFlags flags;

    @Mixin
    PresetFlags presets;

    @Option(names = "--heads", paramLabel = "N", description = "attention heads (default: the checkpoint's vit.num_heads, else timm's for the width)")
    Integer heads;

    @Option(names = "--image", paramLabel = "PATH", description = "a PNG or JPEG (default: the bundled cat)")
    Path imagePath;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "how many classes to print (default: 5)")
    int top;

    /** One class and its probability. */
    record Score(int index, String label, double probability) {
    }

    @Override
    int run(Context ctx) throws Exception {
        Models.Request request = Models.request(this, presets, ViTConfig.VIT_B_16, flags, "--heads", heads);
        atLeast("--top", top, 1);
        Image8 image = Inputs.image(imagePath);
        Models.Built built = Models.build(request);
        ViT model = built.model();
        ViTConfig c = model.config();
        ctx.out().println(built.origin());
        if (built.random()) {
            ctx.out().println("no --weights: the weights are random, so the labels below mean nothing");
        }
        model.to(ctx.device());
        int size = c.imgSize();
        Inputs.Preparation prep = built.preparation();
        ctx.out().println("image: " + Inputs.describe(imagePath) + "; " + prep.describe(size));
        Tensor logits = model.apply(Inputs.input(image, prep, size).to(ctx.device())).to(Device.CPU);
        List<Score> scores = topK(logits.select(0, 0), prep.labels(c.nClasses()), top);
        ctx.out().println("top " + scores.size() + ":");
        for (int i = 0; i < scores.size(); i++) {
            Score s = scores.get(i);
            ctx.out().printf(Locale.ROOT, "%3d  %6.2f%%  %s%s%n", i + 1, 100 * s.probability(), s.label(),
                s.label().equals("class " + s.index()) ? "" : " (class " + s.index() + ")");
        }
        List<String> labels = new ArrayList<>();
        double[] values = new double[scores.size()];
        for (int i = 0; i < scores.size(); i++) {
            labels.add(scores.get(i).label());
            values[i] = scores.get(i).probability();
        }
        Path png = Figures.path("classify.png");
        Plots.bar("Top " + scores.size() + " classes" + (built.random() ? " (random weights)" : ""), labels, values, png);
        ctx.out().println("figure: " + png);
        return Vit.OK;
    }

    /** The {@code k} most probable classes of one row of logits, softmax computed in float64. */
    static List<Score> topK(Tensor logits, List<String> labels, int k) {
        float[] z = logits.contiguous().toFloatArray();
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        List<Score> all = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            all.add(new Score(i, labels.get(i), Math.exp(z[i] - max) / sum));
        }
        all.sort(Comparator.comparingDouble(Score::probability).reversed().thenComparingInt(Score::index));
        return all.subList(0, Math.min(k, all.size()));
    }
}
