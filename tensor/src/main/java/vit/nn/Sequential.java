// SPDX-License-Identifier: MIT
package vit.nn;

import java.util.List;
import vit.tensor.Tensor;

/**
 * Applies its children in order, as {@code nn.Sequential}; children are named {@code 0, 1, 2, ...}.
 * Not final: the article builds {@code FeedForwardBlock}, {@code TransformerEncoderBlock},
 * {@code TransformerEncoder}, {@code ClassificationHead} and {@code ViT} by subclassing it.
 * It makes no kernel choices: a subclass that knows its layers may (chapter 05's {@code FeedForwardBlock} runs its
 * Linear and GELU as one call).
 */
public class Sequential extends Module {
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer under the next index. */
    protected final <M extends Module> M add(M layer) {
        return registerModule(Integer.toString(namedChildren().size()), layer);
    }

    /** The {@code i}-th layer. */
    public Module get(int i) {
        Module m = namedChildren().get(Integer.toString(i));
        if (m == null) {
            throw new IndexOutOfBoundsException("index " + i + " is out of range for " + getClass().getSimpleName() + " of "
                + namedChildren().size() + " layers");
        }
        return m;
    }

    public int size() {
        return namedChildren().size();
    }

    public List<Module> layers() {
        return List.copyOf(namedChildren().values());
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module layer : namedChildren().values()) {
            x = layer.apply(x);
        }
        return x;
    }
}
