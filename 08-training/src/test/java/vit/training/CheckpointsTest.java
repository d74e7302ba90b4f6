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
