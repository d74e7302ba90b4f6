// SPDX-License-Identifier: MIT
package vit.nn;

import java.util.List;
import vit.tensor.Device;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Tensor;

/**
 * Applies its children in order, as {@code nn.Sequential}; children are named {@code 0, 1, 2, ...}.
 * Not final: the article builds {@code FeedForwardBlock}, {@code TransformerEncoderBlock},
 * {@code TransformerEncoder}, {@code ClassificationHead} and {@code ViT} by subclassing it.
 * It makes no kernel choices: a subclass that knows its layers may (chapter 05's {@code FeedForwardBlock} runs its
 * Linear and GELU as one call).
 *
 * <p>With gradients off, on the CPU, inside a {@link MemoryScope}, each layer runs in a scope of its own: what a layer
 * makes and does not return is closed as it returns. A layer must therefore not keep a tensor it made for later (in a
 * field, say); none of this project's do.
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
        // Inference on the CPU inside a MemoryScope: each layer gets a scope of its own and only its output leaves it,
        // so the layer's intermediates go back to the array pool as it returns, as a reference-counting allocator
        // would free them, instead of waiting for the collector (the scope holds CPU tensors weakly). A ViT-B/16
        // forward at batch 8 then reuses its arrays from block to block: about 7% faster at UseAVX=2 (docs/PERFORMANCE.md).
        // Not with gradients, whose graph needs the intermediates until backward; not on CUDA, whose cuMemFree waits
        // for the device, so that freeing after every layer would stall the queue the outer scope frees at once.
        boolean scoped = !GradMode.isEnabled() && x.device() == Device.CPU && MemoryScope.isOpen();
        for (Module layer : namedChildren().values()) {
            if (scoped) {
                try (MemoryScope scope = MemoryScope.open()) {
                    x = scope.keep(layer.apply(x));
                }
            } else {
                x = layer.apply(x);
            }
        }
        return x;
    }
}
