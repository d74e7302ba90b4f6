// SPDX-License-Identifier: MIT
package vit.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.data.FashionVit;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/** Block 0 of the shipped Fashion-MNIST ViT, read by name into this chapter's layers, on a shipped picture. */
class TrainedAttentionTest {
    static final Path MODEL = FashionVit.find().orElseThrow(() -> new AssertionError(FashionVit.notFound()));

    /** The picture as ImageIO reads it, normalised with the model's constants written out: {@code [28 * 28]}. */
    static float[] picture() throws Exception {
        BufferedImage img = ImageIO.read(FashionVit.picture(MODEL, FashionVit.PICTURE).toFile());
        float[] x = new float[28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((img.getRGB(i % 28, i / 28) & 0xFF) / 255f - 0.286f) / 0.353f;
        }
        return x;
    }

    static Tensor input() throws Exception {
        return Tensor.of(picture(), Shape.of(1, 1, 28, 28));
    }

    /**
     * timm's block 0 written out in plain loops, in double, from the file's tensors: 4 x 4 patches through
     * {@code patch_embed.proj}, cls token and {@code pos_embed}, LayerNorm (eps 1e-6), {@code qkv} split as
     * {@code (qkv h d)}, {@code softmax(q k / sqrt(16))}. Returns {@code [h][query][key]}.
     */
    static double[][][] plainLoops(Map<String, Tensor> t, float[] x) {
        float[] w = t.get("patch_embed.proj.weight").contiguous().toFloatArray();    // [64, 1, 4, 4]
        float[] b = t.get("patch_embed.proj.bias").toFloatArray();
        float[] cls = t.get("cls_token").toFloatArray();
        float[] pos = t.get("pos_embed").contiguous().toFloatArray();                   // [1, 50, 64]
        int e = 64;
        int n = 50;
        double[][] tok = new double[n][e];
        for (int j = 0; j < e; j++) {
            tok[0][j] = cls[j] + pos[j];
        }
        for (int p = 0; p < 49; p++) {
            for (int j = 0; j < e; j++) {
                double s = b[j];
                for (int ky = 0; ky < 4; ky++) {
                    for (int kx = 0; kx < 4; kx++) {
                        s += w[j * 16 + ky * 4 + kx] * (double) x[(p / 7 * 4 + ky) * 28 + p % 7 * 4 + kx];
                    }
                }
                tok[1 + p][j] = s + pos[(1 + p) * e + j];
            }
        }
        float[] g = t.get("blocks.0.norm1.weight").toFloatArray();
        float[] beta = t.get("blocks.0.norm1.bias").toFloatArray();
        float[] wq = t.get("blocks.0.attn.qkv.weight").contiguous().toFloatArray();     // [192, 64]
        float[] bq = t.get("blocks.0.attn.qkv.bias").toFloatArray();
        double[][] qkv = new double[n][3 * e];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double v : tok[i]) {
                mean += v / e;
            }
            double var = 0;
            for (double v : tok[i]) {
                var += (v - mean) * (v - mean) / e;
            }
            double[] norm = new double[e];
            for (int j = 0; j < e; j++) {
                norm[j] = (tok[i][j] - mean) / Math.sqrt(var + 1e-6) * g[j] + beta[j];
            }
            for (int o = 0; o < 3 * e; o++) {
                double s = bq[o];
                for (int j = 0; j < e; j++) {
                    s += wq[o * e + j] * norm[j];
                }
                qkv[i][o] = s;
            }
        }
        double[][][] att = new double[4][n][n];
        for (int h = 0; h < 4; h++) {
            for (int q = 0; q < n; q++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    double s = 0;
                    for (int d = 0; d < 16; d++) {
                        s += qkv[q][h * 16 + d] * qkv[k][e + h * 16 + d];
                    }
                    att[h][q][k] = s / 4.0;
                    max = Math.max(max, att[h][q][k]);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    att[h][q][k] = Math.exp(att[h][q][k] - max);
                    sum += att[h][q][k];
                }
                for (int k = 0; k < n; k++) {
                    att[h][q][k] /= sum;
                }
            }
        }
        return att;
    }

    @Test
    void theTrainedLayersReadByNameComputeTimmsBlockZero() throws Exception {
        Tensor att;
        try (var off = GradMode.disabled()) {
            att = TrainedAttention.trained(MODEL).weights(input());
        }
        System.out.println("trained block 0 attention: " + att.shape());
        assertThat(att.shape()).isEqualTo(Shape.of(1, 4, 50, 50));
        double[][][] want = plainLoops(SafeTensors.read(MODEL), picture());
        float[] got = att.contiguous().toFloatArray();
        double worst = 0;
        for (int h = 0; h < 4; h++) {
            for (int q = 0; q < 50; q++) {
                for (int k = 0; k < 50; k++) {
                    worst = Math.max(worst, Math.abs(got[(h * 50 + q) * 50 + k] - want[h][q][k]));
                }
            }
        }
        System.out.println("largest difference from the plain loops: " + worst);
        assertThat(worst).isLessThan(1e-5);
    }

    /**
     * Trained, the heads of block 0 look at a few tokens; random weights spread every row almost evenly (ln 50 = 3.91
     * nats). The difference must be large: a model loaded wrongly, or not at all, looks like the random one.
     */
    @Test
    void aTrainedHeadLooksMoreSharplyThanRandomWeights() throws Exception {
        double trained;
        double random;
        try (var off = GradMode.disabled()) {
            trained = TrainedAttention.entropy(TrainedAttention.trained(MODEL).weights(input()));
            random = TrainedAttention.entropy(TrainedAttention.random(MODEL, new Generator(0)).weights(input()));
        }
        System.out.printf("attention entropy: trained %.3f, random %.3f, uniform %.3f%n", trained, random, Math.log(50));
        assertThat(random).isGreaterThan(Math.log(50) - 0.1);
        assertThat(trained).isLessThan(random - 0.5);
    }

    @Test
    void entropyIsLnNForEvenRowsAndZeroForOneHotRows() {
        Tensor even = Tensor.of(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, Shape.of(1, 4));
        Tensor sharp = Tensor.of(new float[] {0, 1, 0, 0}, Shape.of(1, 4));
        assertThat(TrainedAttention.entropy(even)).isCloseTo(Math.log(4), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(TrainedAttention.entropy(sharp)).isZero();
    }

    @Test
    void aFileWithoutTheTensorsSaysWhichOneIsMissing(@TempDir Path dir) throws Exception {
        Map<String, Tensor> t = new java.util.LinkedHashMap<>(SafeTensors.read(MODEL));
        t.remove("blocks.0.attn.qkv.bias");
        Path broken = dir.resolve("broken.safetensors");
        SafeTensors.write(broken, t, SafeTensors.readMetadata(MODEL));
        assertThatThrownBy(() -> TrainedAttention.trained(broken)).hasMessageContaining(broken.toString())
            .hasMessageContaining("no tensor 'blocks.0.attn.qkv.bias' (expected [192])");
        assertThat(Files.exists(broken)).isTrue();
    }
}
