// SPDX-License-Identifier: MIT
package vit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;
import vit.attention.Variant;
import vit.tensor.Device;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Tensor;
import vit.tensor.cuda.Cuda;
import vit.tensor.io.SafeTensors;
import vit.tensor.testing.Fixtures;

/**
 * The loader against timm's own code. A references folder holds, per model, {@code NAME.safetensors} (timm's state
 * dict) and {@code NAME.reference.safetensors} ({@code input}: an image through timm's eval transform; {@code logits}:
 * timm's forward of it; metadata {@code vit.num_heads}), as {@code tensor/src/test/scripts/gpu_torch.py references}
 * writes them for timm's ViT-B/16 and ViT-S/16. {@link Checkpoint#load} reads each file strictly and the model's
 * logits must be timm's: within 1e-5 relative on the CPU, 1e-4 on CUDA with TF32 off.
 *
 * <p>The folder is {@code -Dvit.timm.references=DIR} (the GPU bundle's run.sh sets it); without it the same check
 * runs on the vit-mini fixture (PyTorch's forward of a small ViT in timm's layout), written here as such a folder.
 */
class TimmReferenceTest {
    static final String PROPERTY = "vit.timm.references";
    private static final String SUFFIX = ".reference.safetensors";

    /** One model of the folder: its checkpoint, timm's input and logits, and (if written) the float64 logits. */
    record Reference(String name, Path weights, Tensor input, Tensor logits, Tensor logits64, Map<String, String> metadata) {
    }

    static List<Reference> references(Path tmp) throws IOException {
        String dir = System.getProperty(PROPERTY);
        Path folder = dir == null || dir.isBlank() ? writeMiniReference(tmp) : Path.of(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        assertThat(files).as("*%s files in %s (%s)", SUFFIX, folder, PROPERTY).isNotEmpty();
        List<Reference> out = new ArrayList<>();
        for (Path f : files) {
            String file = f.getFileName().toString();
            String name = file.substring(0, file.length() - SUFFIX.length());
            Map<String, Tensor> t = SafeTensors.read(f);
            assertThat(t).as("tensors of %s", f).containsKeys("input", "logits");
            out.add(new Reference(name, folder.resolve(name + ".safetensors"), t.get("input"), t.get("logits"), t.get("logits_f64"),
                SafeTensors.readMetadata(f)));
        }
        return out;
    }

    /** The vit-mini fixture as a references folder: its timm-named weights, input and the timm variant's logits. */
    private static Path writeMiniReference(Path tmp) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("vit-mini-references"));
        try (InputStream in = TimmReferenceTest.class.getResourceAsStream("/fixtures/vit-mini/weights.safetensors")) {
            assertThat(in).as("fixture vit-mini/weights.safetensors").isNotNull();
            Files.write(folder.resolve("vit-mini.safetensors"), in.readAllBytes());
        }
        Map<String, Tensor> ref = new LinkedHashMap<>();
        ref.put("input", Fixtures.load("vit-mini/input.safetensors").get("input"));
        ref.put("logits", Fixtures.load("vit-mini/expected-timm.safetensors").get("logits"));
        SafeTensors.write(folder.resolve("vit-mini" + SUFFIX), ref, Map.of(InputMetadata.NUM_HEADS, "4"));
        return folder;
    }

    /** The model {@code r}'s checkpoint describes, loaded by the strict loader with the reference's head count. */
    static ViT load(Reference r) throws IOException {
        int heads = Integer.parseInt(r.metadata().getOrDefault(InputMetadata.NUM_HEADS, "0"));
        Checkpoint.Loaded loaded = Checkpoint.load(r.weights(), new Checkpoint.Options(Variant.TIMM, heads, 0));
        ViTConfig c = loaded.model().config();
        System.out.printf(Locale.ROOT, "timm %s: loaded %s strictly: width %d, depth %d, %d heads, patch %d, image %d, %d classes (%d parameters)%n",
            r.name(), r.weights().getFileName(), c.embSize(), c.depth(), c.numHeads(), c.patchSize(), c.imgSize(), c.nClasses(),
            loaded.model().parameterCount());
        return loaded.model();
    }

    /** How far ours and timm's float32 logits each lie from timm's float64 forward, when the folder has it. */
    private static void yardstick(Reference r, String device, Tensor ours) {
        if (r.logits64() != null) {
            System.out.printf(Locale.ROOT, "timm %s %s logits vs timm's float64 forward: rel err %.1e (timm's float32: %.1e)%n", r.name(),
                device, Fixtures.relativeError(ours, r.logits64()), Fixtures.relativeError(r.logits(), r.logits64()));
        }
    }

    /** One test per model of the folder, so that each model passes or fails on its own. */
    private static Stream<DynamicTest> each(Path tmp, String device, ThrowingConsumer<Reference> check) throws IOException {
        return references(tmp).stream().map(r -> DynamicTest.dynamicTest(r.name() + " on " + device, () -> check.accept(r)));
    }

    @TestFactory
    Stream<DynamicTest> cpuLogitsAreTimms(@TempDir Path tmp) throws IOException {
        return each(tmp, "cpu", r -> {
            ViT vit = load(r);
            try (GradMode.Scope off = GradMode.disabled(); MemoryScope scope = MemoryScope.open()) {
                Tensor logits = vit.apply(r.input());
                Fixtures.assertClose("timm " + r.name() + " cpu logits", logits, r.logits(), 1e-5);
                yardstick(r, "cpu", logits);
            }
        });
    }

    @TestFactory
    @Tag("gpu")
    Stream<DynamicTest> cudaLogitsAreTimms(@TempDir Path tmp) throws IOException {
        return each(tmp, "cuda", r -> {
            Assumptions.assumeTrue(Device.CUDA.isAvailable(), () -> "no usable CUDA device: " + Cuda.probe().reason());
            assertThat(Cuda.cudaBackend().allowsTf32()).as("TF32 must be off for the 1e-4 check (-Dvit.cuda.tf32)").isFalse();
            ViT vit = load(r);
            vit.to(Device.CUDA);
            try (GradMode.Scope off = GradMode.disabled(); MemoryScope scope = MemoryScope.open()) {
                Tensor logits = vit.apply(r.input().to(Device.CUDA)).to(Device.CPU);
                Fixtures.assertClose("timm " + r.name() + " cuda logits", logits, r.logits(), 1e-4);
                yardstick(r, "cuda", logits);
            }
        });
    }
}
