// SPDX-License-Identifier: MIT
package vit.model;

import java.util.LinkedHashMap;
import java.util.Map;
import vit.encoder.TransformerEncoderBlock;
import vit.tensor.Tensor;

/**
 * A forward pass that keeps the intermediate tensors the fixtures were tapped at: {@code patches},
 * {@code tokens}, {@code attn0}, {@code mlp0}, {@code block0}, {@code encoded}, {@code pooled}, {@code logits}
 * (their meanings are in the fixtures' README). It calls the same modules as {@link ViT#forward}.
 */
public final class Taps {
    private Taps() {
    }

    public static Map<String, Tensor> forward(ViT vit, Tensor images) {
        Map<String, Tensor> taps = new LinkedHashMap<>();
        var embed = vit.patchEmbedding();
        taps.put("patches", embed.projectPatches(images));                   // [B, N, E]
        Tensor tokens = embed.apply(images);                                  // [B, N + 1, E]
        taps.put("tokens", tokens);
        TransformerEncoderBlock block0 = vit.encoder().block(0);
        Tensor attn0 = block0.attention().apply(block0.norm1().apply(tokens));
        taps.put("attn0", attn0);
        taps.put("mlp0", block0.mlp().apply(block0.norm2().apply(tokens.add(attn0))));
        Tensor x = tokens;
        for (int i = 0; i < vit.encoder().size(); i++) {
            x = vit.encoder().block(i).apply(x);
            if (i == 0) {
                taps.put("block0", x);
            }
        }
        taps.put("encoded", x);
        taps.put("pooled", vit.head().pool(x));
        taps.put("logits", vit.head().apply(x));
        return taps;
    }
}
