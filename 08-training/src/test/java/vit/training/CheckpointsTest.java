// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.model.TimmNames;
import vit.model.ViT;
import vit.nn.Parameter;
import vit.nn.optim.AdamW;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

class CheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void weightsGoOutUnderTimmNamesAndComeBackExactly() throws IOException {
        ViT saved = new ViT(TrainerTest.TINY, new Generator(1));
        Path file = dir.resolve("sub/tiny.safetensors");
        Checkpoints.save(saved, file, Map.of("epoch", "3"));
        Map<String, Tensor> raw = SafeTensors.read(file);
        System.out.println("pos_embed in the file: " + raw.get("pos_embed").shape());
        assertThat(raw.keySet()).containsExactlyElementsOf(TimmNames.parameters(saved).keySet());
        assertThat(raw.get("pos_embed").shape()).isEqualTo(Shape.of(1, 17, 16));
        assertThat(raw.get("patch_embed.proj.weight").shape()).isEqualTo(Shape.of(16, 1, 7, 7));
        assertThat(Checkpoints.metadata(file)).containsEntry("epoch", "3").containsEntry("format", "pt");
        assertThat(Checkpoints.config(file)).isEqualTo(TrainerTest.TINY);

        ViT loaded = new ViT(TrainerTest.TINY, new Generator(2));
        Checkpoints.load(loaded, file);
        Map<String, Parameter> a = TimmNames.parameters(saved);
        Map<String, Parameter> b = TimmNames.parameters(loaded);
        for (String name : a.keySet()) {
            assertThat(b.get(name).value().toFloatArray()).as(name).containsExactly(a.get(name).value().toFloatArray());
            assertThat(b.get(name).shape()).isEqualTo(a.get(name).shape());
        }
    }

    @Test
    void chapter07ReadsTheCheckpointAndRebuildsTheSameModel() throws IOException {
        ViT trained = new ViT(Chapter08.FASHION, new Generator(3));
        Path file = dir.resolve("fashion.safetensors");
        Checkpoints.save(trained, file, Map.of());
        ViT loaded = vit.model.Checkpoint.load(file, new vit.model.Checkpoint.Options(vit.attention.Variant.TIMM, 4, 0)).model();
        System.out.println("chapter 07 read " + loaded.config());
        assertThat(loaded.config().inChannels()).isEqualTo(1);
        assertThat(loaded.config().patchSize()).isEqualTo(4);
        assertThat(loaded.config().depth()).isEqualTo(6);
        assertThat(loaded.config().imgSize()).isEqualTo(28);
        Tensor images = Tensor.randn(Shape.of(2, 1, 28, 28), new Generator(4));
        assertThat(loaded.apply(images).toFloatArray()).containsExactly(trained.apply(images).toFloatArray());
    }

    @Test
    void aCheckpointOfAnotherModelListsEveryMismatch() throws IOException {
        Path file = dir.resolve("fashion.safetensors");
        Checkpoints.save(new ViT(Chapter08.FASHION, new Generator(0)), file, Map.of());
        assertThatThrownBy(() -> Checkpoints.load(new ViT(TrainerTest.TINY, new Generator(0)), file))
            .hasMessageContaining(file + ": does not fit the model tiny")
            .hasMessageContaining("wrong shape for 'pos_embed': expected [1, 17, 16], got [1, 50, 64]")
            .hasMessageContaining("79 problems").hasMessageContaining("... and 73 more");
    }

    @Test
    void theConfigIsStoredAsNamedKeysAndEachIsCheckedAgainstTheTensors() throws IOException {
        ViT saved = new ViT(TrainerTest.TINY, new Generator(1));
        Path file = dir.resolve("named.safetensors");
        Checkpoints.save(saved, file, Map.of());
        assertThat(Checkpoints.metadata(file)).containsEntry("vit.emb_size", "16").containsEntry("vit.depth", "1")
            .containsEntry("vit.num_heads", "2").containsEntry("vit.variant", "TIMM").doesNotContainKey("vit.config");

        Map<String, Tensor> tensors = SafeTensors.read(file);
        Map<String, String> meta = new java.util.LinkedHashMap<>(Checkpoints.metadata(file));
        meta.put("vit.depth", "200000000");
        Path lying = dir.resolve("lying.safetensors");
        SafeTensors.write(lying, tensors, meta);
        assertThatThrownBy(() -> Checkpoints.config(lying)).isInstanceOf(IOException.class)
            .hasMessage(lying + ": metadata vit.depth is '200000000', but the blocks.<i> keys in the file gives 1");
    }

    /** Files written before the named keys hold the config as one positional vit.config; they still load, or say why not. */
    @Test
    void olderFilesWithThePositionalConfigLoadOrAreRefusedInOneLine() throws IOException {
        ViT saved = new ViT(TrainerTest.TINY, new Generator(1));
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
        TimmNames.shapes(TrainerTest.TINY).forEach((name, shape) -> tensors.put(name, TimmNames.parameters(saved).get(name).value().reshape(shape)));
        Path old = dir.resolve("old.safetensors");
        SafeTensors.write(old, tensors, Map.of("format", "pt", "vit.config", "tiny,1,7,16,28,1,2,2,10,0.0,TIMM", "epoch", "3"));
        assertThat(Checkpoints.config(old)).isEqualTo(TrainerTest.TINY);
        ViT loaded = new ViT(Checkpoints.config(old), new Generator(2));
        Checkpoints.load(loaded, old);
        assertThat(loaded.head().linear().weight().value().toFloatArray()).containsExactly(saved.head().linear().weight().value().toFloatArray());

        Path short10 = dir.resolve("short.safetensors");
        SafeTensors.write(short10, tensors, Map.of("vit.config", "tiny,1,7,16,28,1,2,2,10,0.0"));
        assertThatThrownBy(() -> Checkpoints.config(short10)).isInstanceOf(IOException.class)
            .hasMessageStartingWith(short10 + ": metadata vit.config 'tiny,1,7,16,28,1,2,2,10,0.0' has 10 fields, expected the 11")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Path huge = dir.resolve("huge.safetensors");
        SafeTensors.write(huge, tensors, Map.of("vit.config", "tiny,1,7,16,28,100000000,2,2,10,0.0,TIMM"));
        assertThatThrownBy(() -> Checkpoints.config(huge)).isInstanceOf(IOException.class)
            .hasMessageContaining(huge + ": metadata vit.depth is '100000000'");
    }

    @Test
    void adamwStateRoundTrips() throws IOException {
        ViT vit = new ViT(TrainerTest.TINY, new Generator(1));
        Map<String, Parameter> named = TimmNames.parameters(vit);
        List<String> names = new ArrayList<>(named.keySet());
        AdamW a = new AdamW(new ArrayList<>(named.values()), 1e-3, 0.01);
        named.values().forEach(p -> p.value().setGrad(Tensor.randn(p.shape(), new Generator(5))));
        a.step();
        Path file = Checkpoints.optimizerFile(dir.resolve("tiny.safetensors"));
        assertThat(file.getFileName().toString()).isEqualTo("tiny.optim.safetensors");
        Checkpoints.saveOptimizer(a, names, file);
        AdamW b = new AdamW(new ArrayList<>(named.values()), 1e-3, 0.01);
        Checkpoints.loadOptimizer(b, names, file);
        for (int i = 0; i < names.size(); i++) {
            assertThat(b.stepCount(i)).isEqualTo(1);
            assertThat(b.firstMoment(i).toFloatArray()).containsExactly(a.firstMoment(i).toFloatArray());
            assertThat(b.secondMoment(i).toFloatArray()).containsExactly(a.secondMoment(i).toFloatArray());
        }
    }
}
