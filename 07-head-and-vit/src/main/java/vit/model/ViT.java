// SPDX-License-Identifier: MIT
package vit.model;

import vit.encoder.TransformerEncoder;
import vit.nn.Sequential;
import vit.position.PatchEmbedding;
import vit.tensor.Generator;

/**
 * The whole Vision Transformer, a Sequential of three parts as in the article:
 * {@code PatchEmbedding -> TransformerEncoder -> ClassificationHead}, {@code [B, C, H, W] -> [B, classes]}.
 */
public class ViT extends Sequential {
    private final ViTConfig config;

    public ViT(ViTConfig c, Generator gen) {
        super(new PatchEmbedding(c.inChannels(), c.patchSize(), c.embSize(), c.imgSize(), gen),
              new TransformerEncoder(c.depth(), c.embSize(), c.numHeads(), c.expansion(), c.dropout(), c.variant(), gen),
              new ClassificationHead(c.embSize(), c.nClasses(), c.variant(), gen));
        this.config = c;
    }

    public ViTConfig config() {
        return config;
    }

    public PatchEmbedding patchEmbedding() {
        return (PatchEmbedding) get(0);
    }

    public TransformerEncoder encoder() {
        return (TransformerEncoder) get(1);
    }

    public ClassificationHead head() {
        return (ClassificationHead) get(2);
    }
}
