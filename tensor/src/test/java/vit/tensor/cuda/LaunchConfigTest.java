// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaunchConfigTest {
    @Test
    void elementwiseCoversEveryElementWithACappedGrid() {
        assertThat(LaunchConfig.elementwise(1)).isEqualTo(new LaunchConfig(1, 256));
        assertThat(LaunchConfig.elementwise(257)).isEqualTo(new LaunchConfig(2, 256));
        assertThat(LaunchConfig.elementwise(0).gridX()).isEqualTo(1);
        assertThat(LaunchConfig.elementwise(1L << 40).gridX()).isEqualTo(LaunchConfig.MAX_BLOCKS);
    }

    @Test
    void lineKernelsUseAPowerOfTwoBlockNoWiderThanTheLine() {
        assertThat(LaunchConfig.perLine(10, 1).blockX()).isEqualTo(32);
        assertThat(LaunchConfig.perLine(10, 33).blockX()).isEqualTo(64);
        assertThat(LaunchConfig.perLine(10, 197).blockX()).isEqualTo(256);
        assertThat(LaunchConfig.perLine(10, 100_000).blockX()).isEqualTo(256);
        assertThat(LaunchConfig.perLine(3, 768).gridX()).isEqualTo(3);
        for (int n = 0; n < 2000; n++) {
            int b = LaunchConfig.perLine(1, n).blockX();
            assertThat(Integer.bitCount(b)).isEqualTo(1);
            assertThat(b).isBetween(32, LaunchConfig.MAX_LINE_THREADS);
        }
    }
}
