// SPDX-License-Identifier: MIT
package vit.model;

import java.util.LinkedHashMap;
import java.util.Map;
import vit.encoder.TransformerEncoderBlock;
import vit.nn.Parameter;

/**
 * Where each of timm's parameter names lives in the article's module tree. timm names the parts of a
 * ViT {@code patch_embed.proj}, {@code cls_token}, {@code pos_embed}, {@code blocks.i.norm1},
 * {@code blocks.i.attn.qkv}, {@code blocks.i.attn.proj}, {@code blocks.i.norm2}, {@code blocks.i.mlp.fc1|fc2},
 * {@code norm} and {@code head}; the article's Sequentials number their children instead
 * ({@code 1.0.0.fn.1.qkv.weight} is {@code blocks.0.attn.qkv.weight}).
 */
public final class TimmNames {
    private TimmNames() {
    }

    /** Every parameter of {@code vit} under its timm name, in timm's order. */
    public static Map<String, Parameter> parameters(ViT vit) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        var embed = vit.patchEmbedding();
        m.put("cls_token", embed.clsToken());
        m.put("pos_embed", embed.positions());
        m.put("patch_embed.proj.weight", embed.conv().weight());
        m.put("patch_embed.proj.bias", embed.conv().bias());
        for (int i = 0; i < vit.encoder().size(); i++) {
            TransformerEncoderBlock b = vit.encoder().block(i);
            String p = "blocks." + i + ".";
            m.put(p + "norm1.weight", b.norm1().weight());
            m.put(p + "norm1.bias", b.norm1().bias());
            m.put(p + "attn.qkv.weight", b.attention().qkv().weight());
            m.put(p + "attn.qkv.bias", b.attention().qkv().bias());
            m.put(p + "attn.proj.weight", b.attention().projection().weight());
            m.put(p + "attn.proj.bias", b.attention().projection().bias());
            m.put(p + "norm2.weight", b.norm2().weight());
            m.put(p + "norm2.bias", b.norm2().bias());
            m.put(p + "mlp.fc1.weight", b.mlp().fc1().weight());
            m.put(p + "mlp.fc1.bias", b.mlp().fc1().bias());
            m.put(p + "mlp.fc2.weight", b.mlp().fc2().weight());
            m.put(p + "mlp.fc2.bias", b.mlp().fc2().bias());
        }
        m.put("norm.weight", vit.head().norm().weight());
        m.put("norm.bias", vit.head().norm().bias());
        m.put("head.weight", vit.head().linear().weight());
        m.put("head.bias", vit.head().linear().bias());
        return m;
    }
}
