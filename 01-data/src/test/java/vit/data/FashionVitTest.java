// SPDX-License-Identifier: MIT
package vit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.nn.Parameter;
import vit.tensor.Shape;
import vit.tensor.Tensor;

class FashionVitTest {
    @TempDir
    Path dir;

    @Test
    void theModelIsFoundFromTheRootOrAnyFolderBelowIt() throws Exception {
        Path model = Files.createDirectories(dir.resolve("models")).resolve("fashion-vit.safetensors");
        Files.write(model, new byte[8]);
        Path chapter = Files.createDirectories(dir.resolve("04-attention/src"));
        assertThat(FashionVit.find(dir)).contains(model);
        assertThat(FashionVit.find(chapter)).contains(model);
        assertThat(FashionVit.picture(model, "test-0000-ankle-boot.png")).isEqualTo(dir.resolve("models/fashion-samples/test-0000-ankle-boot.png"));
        Files.delete(model);
        assertThat(FashionVit.find(chapter)).isEmpty();
        assertThat(FashionVit.notFound()).contains("no models/fashion-vit.safetensors in ").contains("make-fashion-vit.sh").doesNotContain("\n");
    }

    /** From this module's folder, as the tests run, the repository's own model is found one folder up. */
    @Test
    void theRepositorysModelIsFoundFromThisChapter() {
        assertThat(FashionVit.find()).contains(Path.of("").toAbsolutePath().getParent().resolve(FashionVit.FILE));
    }

    @Test
    void aPictureNameGivesItsClass() {
        List<String> labels = List.of("T-shirt/top", "Trouser", "Ankle boot");
        assertThat(FashionVit.className("test-0000-ankle-boot.png", labels)).isEqualTo("Ankle boot");
        assertThat(FashionVit.className("test-0019-t-shirt-top.png", labels)).isEqualTo("T-shirt/top");
        assertThatThrownBy(() -> FashionVit.className("cat.png", labels)).hasMessageContaining("cat.png: the name ends in none of the classes");
    }

    @Test
    void loadingATensorChecksItsShapeAndName() throws Exception {
        Parameter p = new Parameter(Tensor.zeros(Shape.of(2, 3)));
        Path f = dir.resolve("m.safetensors");
        FashionVit.load(p, Map.of("pos_embed", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(1, 2, 3))), "pos_embed", f);
        assertThat(p.value().toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> FashionVit.load(p, Map.of("w", Tensor.zeros(Shape.of(3, 2))), "w", f))
            .hasMessageContaining(f + ": tensor 'w' is [3, 2], the layer needs [2, 3]");
        assertThatThrownBy(() -> FashionVit.load(p, Map.of(), "w", f)).hasMessageContaining("no tensor 'w' (expected [2, 3])");
    }
}
