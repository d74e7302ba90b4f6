// SPDX-License-Identifier: MIT
package vit.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vit.tensor.Device;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * {@code forward}: one forward pass over a batch read from a safetensors file, every tap written out, so
 * the numbers can be compared with PyTorch's (the fixtures' {@code expected-*.safetensors} hold the same names).
 */
final class ForwardCommand implements Command {
    static final List<String> TAPS = List.of("logits", "patches", "tokens", "attn0", "mlp0", "block0", "encoded", "pooled");

    @Override
    public String name() {
        return "forward";
    }

    @Override
    public String summary() {
        return "run a checkpoint on a batch from a safetensors file and write the logits and taps";
    }

    @Override
    public String usage() {
        return "  --weights FILE           a timm ViT checkpoint in safetensors (required)\n"
            + "  --input FILE             a safetensors file with a tensor 'input' [B, C, H, W] (required)\n"
            + "  --out FILE               where to write logits, patches, tokens, attn0, mlp0, block0, encoded, pooled (required)\n"
            + "  --variant timm|article   how to read the weights (default timm)\n"
            + "  --heads N                attention heads (default: timm's for the width)\n"
            + Models.RESAMPLE_USAGE;
    }

    @Override
    public List<String> flags() {
        return List.of("weights", "input", "out", "variant", "heads", "resample");
    }

    @Override
    public int run(Args a, Context ctx) throws Exception {
        a.required("weights");
        Path inputFile = Path.of(a.required("input"));
        Path outFile = Path.of(a.required("out"));
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
        Models.Request r = Models.request(a, null, "heads");
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
        return Cli.OK;
    }
}
