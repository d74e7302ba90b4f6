// SPDX-License-Identifier: MIT
package vit.tensor.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vit.tensor.Shape;
import vit.tensor.Tensor;

class TransformsTest {

    @Test
    void shorterSideSizesAreTruncatedLikeTorchvision() {
        // int(248 * 451 / 300) = int(372.83) = 372
        assertThat(Transforms.shorterSideTo(300, 451, 248)).containsExactly(248, 372);
        assertThat(Transforms.shorterSideTo(451, 300, 248)).containsExactly(372, 248);
        assertThat(Transforms.shorterSideTo(100, 100, 7)).containsExactly(7, 7);
        // int(224 * 640 / 480) = int(298.67) = 298
        assertThat(Transforms.shorterSideTo(480, 640, 224)).containsExactly(224, 298);
    }

    @Test
    void cropOffsetsRoundHalfToEvenLikePython() {
        assertThat(Transforms.cropOrigin(248, 372, 224, 224)).containsExactly(12, 74);
        // round(1.5) = 2, round(2.5) = 2 in Python
        assertThat(Transforms.cropOrigin(5, 7, 2, 2)).containsExactly(2, 2);
        assertThat(Transforms.cropOrigin(4, 4, 3, 3)).containsExactly(0, 0);
    }

    @Test
    void centerCropOfATensorTakesTheMiddle() {
        Tensor t = Tensor.arange(3 * 5 * 6).reshape(1, 3, 5, 6);
        Tensor c = Transforms.centerCrop(t, 3, 2);
        System.out.println("centerCrop " + t.shape() + " -> " + c.shape());
        assertThat(c.shape()).isEqualTo(Shape.of(1, 3, 3, 2));
        // rows 1..3, columns 2..3 of channel 0: 6*y + x
        assertThat(c.select(1, 0).toFloatArray()).containsExactly(8, 9, 14, 15, 20, 21);
        // the 8-bit crop agrees
        int[] rgb = new int[3 * 5 * 6];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = i;
        }
        Image8 b = Transforms.centerCrop(Image8.of(6, 5, rgb), 3, 2);
        assertThat(b.get(2, 0, 0)).isEqualTo(60 + 8);
        assertThat(b.get(2, 2, 1)).isEqualTo(60 + 21);
    }

    @Test
    void normalizeSubtractsTheMeanAndDividesByTheStdPerChannel() {
        Tensor t = Tensor.of(new float[] {0f, 1f, 0.5f, 0.25f, 1f, 0f}, Shape.of(1, 3, 1, 2));
        float[] got = Transforms.normalize(t, new float[] {0.5f, 0.25f, 0f}, new float[] {0.5f, 0.25f, 2f}).toFloatArray();
        double[] want = {(0 - 0.5) / 0.5, (1 - 0.5) / 0.5, (0.5 - 0.25) / 0.25, 0, 0.5, 0};
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i]).isCloseTo(want[i], within(1e-7));
        }
    }

    @Test
    void badInputIsNamed() {
        Tensor t = Tensor.zeros(1, 3, 4, 4);
        assertThatThrownBy(() -> Transforms.centerCrop(t, 5, 2)).hasMessageContaining("2x5").hasMessageContaining("4x4");
        assertThatThrownBy(() -> Transforms.normalize(t, new float[] {0.5f}, new float[] {0.5f}))
            .hasMessageContaining("[1, 3, 4, 4]").hasMessageContaining("3 means");
        assertThatThrownBy(() -> Transforms.resize(t, 0, 3, Interpolation.BILINEAR)).hasMessageContaining("0x3");
        assertThatThrownBy(() -> Image8.fromTensor(Tensor.zeros(2, 3, 4, 4))).hasMessageContaining("[2, 3, 4, 4]");
    }
}
