// SPDX-License-Identifier: MIT
package vit.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import vit.data.FashionVit;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/** The shipped Fashion-MNIST ViT's six blocks, read by name into this chapter's encoder, on a shipped picture. */
class TrainedEncoderTest {
    static final Path MODEL = FashionVit.find().orElseThrow(() -> new AssertionError(FashionVit.notFound()));

    static List<Tensor> tokens(TrainedEncoder e) throws Exception {
        Tensor x = FashionVit.normalize(FashionVit.grey(FashionVit.picture(MODEL, FashionVit.PICTURE)), MODEL);
        try (var off = GradMode.disabled()) {
            return e.tokens(x);
        }
    }

    /**
     * The cls token after the trained blocks, through timm's final {@code norm} and {@code head} written out in
     * plain loops here, gives the class and probability that chapter 08's whole model recorded for this picture
     * ({@code models/fashion-samples/predictions.tsv}): the blocks are loaded in the right places.
     */
    @Test
    void theTrainedBlocksLeadToTheRecordedPrediction() throws Exception {
        List<Tensor> tokens = tokens(TrainedEncoder.trained(MODEL));
        assertThat(tokens).hasSize(7);
        Tensor last = tokens.get(6);
        System.out.println("TrainedEncoder(fashion)(picture): " + last.shape());
        assertThat(last.shape()).isEqualTo(Shape.of(1, 50, 64));
        Map<String, Tensor> t = SafeTensors.read(MODEL);
        float[] cls = last.select(0, 0).select(0, 0).contiguous().toFloatArray();
        float[] g = t.get("norm.weight").toFloatArray();
        float[] b = t.get("norm.bias").toFloatArray();
        float[] w = t.get("head.weight").contiguous().toFloatArray();     // [10, 64]
        float[] hb = t.get("head.bias").toFloatArray();
        double mean = 0;
        for (float v : cls) {
            mean += v / 64.0;
        }
        double var = 0;
        for (float v : cls) {
            var += (v - mean) * (v - mean) / 64.0;
        }
        double[] z = new double[10];
        for (int c = 0; c < 10; c++) {
            z[c] = hb[c];
            for (int j = 0; j < 64; j++) {
                z[c] += w[c * 64 + j] * ((cls[j] - mean) / Math.sqrt(var + 1e-6) * g[j] + b[j]);
            }
        }
        int best = 0;
        for (int c = 1; c < 10; c++) {
            best = z[c] > z[best] ? c : best;
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - z[best]);
        }
        String[] recorded = Files.readAllLines(MODEL.getParent().resolve("fashion-samples/predictions.tsv")).stream()
            .filter(l -> l.startsWith(FashionVit.PICTURE + "\t")).findFirst().orElseThrow().split("\t");
        List<String> labels = FashionVit.labels(MODEL);
        System.out.printf("%s: %s %.4f (recorded: %s %s)%n", FashionVit.PICTURE, labels.get(best), 1 / sum, recorded[3], recorded[4]);
        assertThat(labels.get(best)).isEqualTo(recorded[3]);
        assertThat(1 / sum).isCloseTo(Double.parseDouble(recorded[4]), Offset.offset(2e-3));
    }

    /**
     * Trained blocks sort the tokens of a real picture into groups (some pairs very alike, others not: a wide spread of
     * similarities) and keep them less alike on the whole; random blocks of the same sizes blur them evenly.
     */
    @Test
    void trainedBlocksGroupTheTokensUnlikeRandomOnes() throws Exception {
        List<Tensor> trained = tokens(TrainedEncoder.trained(MODEL));
        List<Tensor> random = tokens(TrainedEncoder.random(MODEL, new Generator(0)));
        double t = Chapter06.meanCosine(trained.get(6));
        double r = Chapter06.meanCosine(random.get(6));
        double ts = Chapter06.spread(trained.get(6));
        double rs = Chapter06.spread(random.get(6));
        System.out.printf("after the blocks: mean cosine similarity %.3f trained, %.3f random; spread %.3f trained, %.3f random%n", t, r, ts, rs);
        assertThat(ts).isGreaterThan(1.4 * rs);
        assertThat(t).isLessThan(r - 0.02);
    }

    @Test
    void theSpreadOfSimilaritiesIsZeroForIdenticalTokensAndOneForOpposites() {
        Tensor same = Tensor.of(new float[] {1, 2, 1, 2, 1, 2}, Shape.of(1, 3, 2));
        assertThat(Chapter06.spread(same)).isCloseTo(0, Offset.offset(1e-6));
        // three tokens a, -a, b with b orthogonal to a: the six ordered pairs have cosines -1, -1, 0, 0, 0, 0
        Tensor three = Tensor.of(new float[] {1, 0, -1, 0, 0, 1}, Shape.of(1, 3, 2));
        double mean = (-1 - 1 + 0 + 0 + 0 + 0) / 6.0;
        double var = (2 * Math.pow(-1 - mean, 2) + 4 * Math.pow(0 - mean, 2)) / 6.0;
        assertThat(Chapter06.spread(three)).isCloseTo(Math.sqrt(var), Offset.offset(1e-6));
    }
}
