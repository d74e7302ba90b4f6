// SPDX-License-Identifier: MIT
package vit.nn;

import java.util.List;
import vit.tensor.Tensor;

/**
 * Applies its children in order, as {@code nn.Sequential}; children are named {@code 0, 1, 2, ...}.
 * Not final: the article builds {@code FeedForwardBlock}, {@code TransformerEncoderBlock},
 * {@code TransformerEncoder}, {@code ClassificationHead} and {@code ViT} by subclassing it.
 *
 * <p>One fusion, invisible in the numbers: a {@link Linear} followed by an exact {@link GELU} (the first half of a
 * transformer's MLP) runs as one {@link vit.tensor.Functional#linear(Tensor, Tensor, Tensor, vit.tensor.UnaryOp)
 * linear with an activation}, which on the CPU applies the GELU as each tile of the product finishes instead of in a
 * second pass over a second tensor (a ViT-B/16 MLP's is {@code [197, 3072]} per image). The result is the same, bit
 * for bit. It is skipped while a {@link Summary} records the layers' outputs one by one, and it records gradients as
 * the two layers would when they are needed.
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
        Module[] layers = namedChildren().values().toArray(new Module[0]);
        boolean fuse = Summary.recorder() == null;
        for (int i = 0; i < layers.length; i++) {
            if (fuse && layers[i] instanceof Linear && i + 1 < layers.length && layers[i + 1] instanceof GELU
                && !((GELU) layers[i + 1]).approximate()) {
                x = ((Linear) layers[i]).forward(x, vit.tensor.UnaryOp.GELU);
                i++;
            } else {
                x = layers[i].apply(x);
            }
        }
        return x;
    }
}
