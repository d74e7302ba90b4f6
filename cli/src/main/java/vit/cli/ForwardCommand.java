// SPDX-License-Identifier: MIT
package vit.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vit.model.Taps;
import vit.model.ViT;
import vit.tensor.Device;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * {@code forward}: one forward pass over a batch read from a safetensors file, every tap written out, so
 * the numbers can be compared with PyTorch's (the fixtures' {@code expected-*.safetensors} hold the same names).
 */
@Command(name = "forward", description = {"Run a checkpoint on a batch from a safetensors file and write the logits and taps.",
    "The taps carry the names the fixtures' expected-*.safetensors hold, so the numbers can be compared with PyTorch's."})
final class ForwardCommand extends ModelCommand {
    static final List<String> TAPS = List.of("logits", "patches", "tokens", "attn0", "mlp0", "block0", "encoded", "pooled");

    @Mixin
    ModelFlags flags;

    @Option(names = "--heads", paramLabel = "N", description = "attention heads (default: the checkpoint's vit.num_heads, else timm's for the width)")
    Integer heads;

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "a safetensors file with a tensor 'input' [B, C, H, W]")
    Path inputFile;

    @Option(names = "--out", paramLabel = "FILE", required = true,
        description = "where to write logits, patches, tokens, attn0, mlp0, block0, encoded, pooled")
    Path outFile;

    @Override
    int run(Context ctx) throws Exception {
        if (flags.weights == null) {
            throw usage("--weights FILE is required");
        }
        Models.Request r = Models.request(this, null, null, flags, "--heads", heads);
        Map<String, Tensor> inputs = SafeTensors.read(inputFile);
        Tensor input = inputs.get("input");
        if (input == null) {
            throw new IllegalArgumentException(inputFile + ": no tensor named 'input' (found " + String.join(", ", inputs.keySet()) + ")");
        }
        if (inputs.size() > 1) {
            throw new IllegalArgumentException(inputFile + ": expected only the tensor 'input', also found "
                + String.join(", ", inputs.keySet().stream().filter(k -> !k.equals("input")).toList()));
        }
        if (input.rank() != 4 || input.size(2) != input.size(3)) {
            throw new IllegalArgumentException(inputFile + ": 'input' must be [B, C, H, H] (square images), got " + input.shape());
        }
        Models.Built built = Models.build(new Models.Request(null, r.weights(), r.variant(), r.heads(), input.size(2), r.resample()));
        ViT model = built.model();
        ctx.out().println(built.origin());
        if (input.size(1) != model.config().inChannels()) {
            throw new IllegalArgumentException(inputFile + ": 'input' " + input.shape() + " has " + input.size(1)
                + " channels, the checkpoint expects " + model.config().inChannels());
        }
        model.to(ctx.device());
        Map<String, Tensor> taps = Taps.forward(model, input.to(ctx.device()));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : TAPS) {
            Tensor t = taps.get(name).to(Device.CPU);
            out.put(name, t);
            ctx.out().println(String.format("%-8s %s", name, t.shape()));
        }
        SafeTensors.write(outFile, out);
        ctx.out().println("wrote " + outFile);
        return Vit.OK;
    }
}
