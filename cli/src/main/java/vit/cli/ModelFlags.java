// SPDX-License-Identifier: MIT
package vit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vit.attention.Variant;
import vit.model.Resample;

/** The flags that say how to read a checkpoint, shared by every model command. */
final class ModelFlags {
    @Option(names = "--weights", paramLabel = "FILE", description = "a timm ViT checkpoint in safetensors (F32, F16 or BF16)")
    Path weights;

    @Option(names = "--variant", paramLabel = "timm|article",
        description = "the attention variant (default: the preset's; timm for a checkpoint)")
    Variant variant;

    @Option(names = "--resample", paramLabel = "bicubic|bicubic-antialias", defaultValue = "bicubic",
        description = "how position embeddings are resized to another image size: PyTorch's bicubic without (default) or "
            + "with antialias=True (timm >= 0.9's default)")
    Resample.Mode resample;
}
