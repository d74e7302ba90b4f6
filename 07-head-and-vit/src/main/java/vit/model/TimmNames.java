// SPDX-License-Identifier: MIT
package vit.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vit.encoder.TransformerEncoderBlock;
import vit.nn.Parameter;
import vit.tensor.Shape;

/**
 * Where each of timm's parameter names lives in the article's module tree, and the shape timm gives it. timm names
 * the parts of a ViT {@code patch_embed.proj}, {@code cls_token}, {@code pos_embed}, {@code blocks.i.norm1},
 * {@code blocks.i.attn.qkv}, {@code blocks.i.attn.proj}, {@code blocks.i.norm2}, {@code blocks.i.mlp.fc1|fc2},
 * {@code norm} and {@code head}; the article's Sequentials number their children instead
 * ({@code 1.0.0.fn.1.qkv.weight} is {@code blocks.0.attn.qkv.weight}).
 *
 * <p>One table serves both directions: {@link #shapes} (what a file must hold, known before any model is built)
 * and {@link #parameters} (where each tensor goes), so the two cannot drift apart.
 */
public final class TimmNames {
    /** One key: its timm name, its shape in a timm file of a config, and the parameter it fills. */
    private record Entry<M>(String name, Function<ViTConfig, Shape> shape, Function<M, Parameter> parameter) {
    }

    private static final List<Entry<ViT>> EMBEDDING = List.of(
        new Entry<>("cls_token", c -> Shape.of(1, 1, c.embSize()), v -> v.patchEmbedding().clsToken()),
        // timm keeps a leading batch dimension on the positions: [1, N + 1, E] in the file, [N + 1, E] in the model.
        new Entry<>("pos_embed", c -> Shape.of(1, c.numPatches() + 1, c.embSize()), v -> v.patchEmbedding().positions()),
        new Entry<>("patch_embed.proj.weight", c -> Shape.of(c.embSize(), c.inChannels(), c.patchSize(), c.patchSize()),
            v -> v.patchEmbedding().conv().weight()),
        new Entry<>("patch_embed.proj.bias", c -> Shape.of(c.embSize()), v -> v.patchEmbedding().conv().bias()));

    private static final List<Entry<TransformerEncoderBlock>> BLOCK = List.of(
        new Entry<>("norm1.weight", c -> Shape.of(c.embSize()), b -> b.norm1().weight()),
        new Entry<>("norm1.bias", c -> Shape.of(c.embSize()), b -> b.norm1().bias()),
        new Entry<>("attn.qkv.weight", c -> Shape.of(3 * c.embSize(), c.embSize()), b -> b.attention().qkv().weight()),
        new Entry<>("attn.qkv.bias", c -> Shape.of(3 * c.embSize()), b -> b.attention().qkv().bias()),
        new Entry<>("attn.proj.weight", c -> Shape.of(c.embSize(), c.embSize()), b -> b.attention().projection().weight()),
        new Entry<>("attn.proj.bias", c -> Shape.of(c.embSize()), b -> b.attention().projection().bias()),
        new Entry<>("norm2.weight", c -> Shape.of(c.embSize()), b -> b.norm2().weight()),
        new Entry<>("norm2.bias", c -> Shape.of(c.embSize()), b -> b.norm2().bias()),
        new Entry<>("mlp.fc1.weight", c -> Shape.of(c.expansion() * c.embSize(), c.embSize()), b -> b.mlp().fc1().weight()),
        new Entry<>("mlp.fc1.bias", c -> Shape.of(c.expansion() * c.embSize()), b -> b.mlp().fc1().bias()),
        new Entry<>("mlp.fc2.weight", c -> Shape.of(c.embSize(), c.expansion() * c.embSize()), b -> b.mlp().fc2().weight()),
        new Entry<>("mlp.fc2.bias", c -> Shape.of(c.embSize()), b -> b.mlp().fc2().bias()));

    private static final List<Entry<ViT>> HEAD = List.of(
        new Entry<>("norm.weight", c -> Shape.of(c.embSize()), v -> v.head().norm().weight()),
        new Entry<>("norm.bias", c -> Shape.of(c.embSize()), v -> v.head().norm().bias()),
        new Entry<>("head.weight", c -> Shape.of(c.nClasses(), c.embSize()), v -> v.head().linear().weight()),
        new Entry<>("head.bias", c -> Shape.of(c.nClasses()), v -> v.head().linear().bias()));

    private TimmNames() {
    }

    /** Every key and shape a timm checkpoint of {@code c} holds, in timm's order. */
    public static Map<String, Shape> shapes(ViTConfig c) {
        Map<String, Shape> m = new LinkedHashMap<>();
        EMBEDDING.forEach(e -> m.put(e.name(), e.shape().apply(c)));
        for (int i = 0; i < c.depth(); i++) {
            String p = "blocks." + i + ".";
            BLOCK.forEach(e -> m.put(p + e.name(), e.shape().apply(c)));
        }
        HEAD.forEach(e -> m.put(e.name(), e.shape().apply(c)));
        return m;
    }

    /** Every parameter of {@code vit} under its timm name, in timm's order. */
    public static Map<String, Parameter> parameters(ViT vit) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        EMBEDDING.forEach(e -> m.put(e.name(), e.parameter().apply(vit)));
        for (int i = 0; i < vit.encoder().size(); i++) {
            TransformerEncoderBlock b = vit.encoder().block(i);
            String p = "blocks." + i + ".";
            BLOCK.forEach(e -> m.put(p + e.name(), e.parameter().apply(b)));
        }
        HEAD.forEach(e -> m.put(e.name(), e.parameter().apply(vit)));
        return m;
    }
}
