// SPDX-License-Identifier: MIT
package vit.model;

import java.util.ArrayList;
import java.util.List;
import vit.encoder.TransformerEncoderBlock;
import vit.tensor.Device;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Attention rollout (Abnar and Zuidema, "Quantifying Attention Flow in Transformers", 2020): how much each
 * input token flows into each output token through all the layers, counting the residual path.
 * Per layer {@code l}: {@code A_l = mean over heads}, {@code Â_l = rownorm(A_l + I)}; then
 * {@code R = Â_L ... Â_2 Â_1}. Row 0 of {@code R} over the patches is where the cls token looked.
 */
public final class Rollout {
    private Rollout() {
    }

    /**
     * Each block's attention weights for image 0 of {@code input}, {@code [H, N, N]} on the CPU, first block first:
     * the blocks run one by one, the weights read from each block's normalized input.
     */
    public static List<Tensor> attentions(ViT model, Tensor input) {
        List<Tensor> out = new ArrayList<>();
        Tensor x = model.patchEmbedding().apply(input);                             // [B, N + 1, E]
        for (int i = 0; i < model.encoder().size(); i++) {
            TransformerEncoderBlock block = model.encoder().block(i);
            out.add(block.attention().attention(block.norm1().apply(x), null).select(0, 0).to(Device.CPU));
            x = block.apply(x);
        }
        return out;
    }

    /**
     * @param attentions one {@code [H, N, N]} (or {@code [1, H, N, N]}) attention per layer, first layer first
     * @return {@code R}, {@code [N, N]}
     */
    public static Tensor of(List<Tensor> attentions) {
        if (attentions.isEmpty()) {
            throw new IllegalArgumentException("rollout needs at least one layer's attention");
        }
        Tensor r = null;
        for (int l = 0; l < attentions.size(); l++) {
            Tensor att = attentions.get(l);
            if (att.rank() == 4 && att.size(0) == 1) {
                att = att.select(0, 0);
            }
            if (att.rank() != 3 || att.size(1) != att.size(2)) {
                throw new IllegalArgumentException("layer " + l + ": attention must be [H, N, N] or [1, H, N, N], got " + attentions.get(l).shape());
            }
            int n = att.size(1);
            Tensor a = att.mean(0, false).add(identity(n));                   // [N, N]
            a = a.div(a.sum(-1, true));                                        // rows sum to 1
            if (r != null && r.size(0) != n) {
                throw new IllegalArgumentException("layer " + l + " has " + n + " tokens, the layers before " + r.size(0));
            }
            r = r == null ? a : a.matmul(r);
        }
        return r;
    }

    /** Row 0 of {@code rollout} without its first column: the cls token's share of each patch, {@code [g, g]}. */
    public static Tensor clsMap(Tensor rollout) {
        int patches = rollout.size(1) - 1;
        int g = (int) Math.round(Math.sqrt(patches));
        if (g * g != patches) {
            throw new IllegalArgumentException("rollout " + rollout.shape() + " does not hold a square grid of patches after the cls token");
        }
        return rollout.select(0, 0).slice(0, 1, patches + 1).reshape(g, g);
    }

    static Tensor identity(int n) {
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1f;
        }
        return Tensor.of(d, Shape.of(n, n));
    }
}
