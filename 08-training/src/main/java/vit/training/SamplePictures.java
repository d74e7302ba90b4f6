// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vit.data.FashionVit;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.image.Images;
import vit.training.data.DataOptions;
import vit.training.data.FashionMnistFiles;

/**
 * The pictures shipped beside the trained model ({@code models/fashion-samples/}): the first {@code --per-class}
 * test images of each class as 28 x 28 PNG files named by their index and class ({@code test-0000-ankle-boot.png}),
 * and {@value #PREDICTIONS}, what the model says each one is, computed from the PNG files as written. The
 * model's tests compare their own forward pass with that file. Run by {@code models/make-fashion-vit.sh}:
 * <pre>
 *   mvn -q -pl 08-training exec:java -Dexec.mainClass=vit.training.SamplePictures \
 *     -Dexec.args="--checkpoint models/fashion-vit.safetensors --out models/fashion-samples"
 * </pre>
 */
public final class SamplePictures {
    public static final String PREDICTIONS = "predictions.tsv";

    private SamplePictures() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** One shipped picture and what the model made of it. */
    public record Prediction(String picture, int testIndex, String trueClass, String predictedClass, double probability) {
        String line() {
            return String.format(Locale.ROOT, "%s\t%d\t%s\t%s\t%.4f", picture, testIndex, trueClass, predictedClass, probability);
        }

        /** Parses a line of {@link SamplePictures#PREDICTIONS}. */
        public static Prediction parse(String line) {
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IllegalArgumentException(PREDICTIONS + ": expected 5 tab-separated fields, got " + f.length + " in '" + line + "'");
            }
            return new Prediction(f[0], Integer.parseInt(f[1]), f[2], f[3], Double.parseDouble(f[4]));
        }
    }

    static void run(String[] argv, PrintStream out) throws IOException {
        // Its own few flags, not the command line's parser: this is a tool of models/make-fashion-vit.sh, not a subcommand.
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String name = argv[i].startsWith("--") ? argv[i].substring(2) : "";
            if (name.equals("no-download")) {
                a.put(name, "true");
            } else if (Set.of("checkpoint", "out", "per-class", "data", "mirror").contains(name) && i + 1 < argv.length) {
                a.put(name, argv[++i]);
            } else {
                throw new IllegalArgumentException("SamplePictures: unexpected '" + argv[i] + "' (flags: --checkpoint FILE --out DIR "
                    + "--per-class N --data DIR --mirror URL --no-download)");
            }
        }
        Path checkpoint = Path.of(a.getOrDefault("checkpoint", FashionVit.FILE));
        Path dir = Path.of(a.getOrDefault("out", FashionVit.PICTURES));
        int perClass;
        try {
            perClass = Integer.parseInt(a.getOrDefault("per-class", "2"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SamplePictures: --per-class expects a whole number, got '" + a.get("per-class") + "'");
        }
        if (perClass < 1) {
            throw new IllegalArgumentException("SamplePictures: --per-class must be at least 1, got " + perClass);
        }
        DataOptions data = DataOptions.of(a.containsKey("data") ? Path.of(a.get("data")) : null, a.get("mirror"), !a.containsKey("no-download"));
        FashionMnist test = FashionMnist.load(FashionMnistFiles.locate(data, out), FashionMnist.Split.TEST);
        ViTConfig stored = Checkpoints.config(checkpoint);
        ViT vit = new ViT(stored != null ? stored : Chapter08.FASHION, new Generator(0));
        Checkpoints.load(vit, checkpoint);
        vit.eval();
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add("# picture\ttest_index\ttrue_class\tpredicted_class\tprobability  (written by vit.training.SamplePictures from "
            + checkpoint.getFileName() + ")");
        int right = 0;
        List<Integer> chosen = choose(test, perClass);
        for (int i : chosen) {
            String name = String.format(Locale.ROOT, "test-%04d-%s.png", i, slug(FashionMnist.CLASSES.get(test.label(i))));
            Path png = dir.resolve(name);
            Images.writePng(RolloutFigure.grey(test, i, 1), png);
            Prediction p = predict(vit, checkpoint, png, i, FashionMnist.CLASSES.get(test.label(i)));
            right += p.predictedClass().equals(p.trueClass()) ? 1 : 0;
            lines.add(p.line());
        }
        Files.write(dir.resolve(PREDICTIONS), lines);
        out.println("pictures: " + chosen.size() + " test images (" + perClass + " per class) -> " + dir + "/, " + right + " of them named rightly; "
            + "the model's answers -> " + dir.resolve(PREDICTIONS));
    }

    /** The model's most likely class for a shipped picture, read back from its PNG file as a user's picture would be. */
    static Prediction predict(ViT vit, Path checkpoint, Path png, int index, String trueClass) throws IOException {
        float[] p;
        try (var off = GradMode.disabled()) {
            Tensor x = FashionVit.input(png, checkpoint);
            p = vit.apply(x).softmax(-1).toFloatArray();
        }
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        return new Prediction(png.getFileName().toString(), index, trueClass, FashionMnist.CLASSES.get(best), p[best]);
    }

    /** The first {@code perClass} test images of every class, in the order of the test set. */
    static List<Integer> choose(FashionMnist test, int perClass) {
        int[] count = new int[FashionMnist.CLASSES.size()];
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (count[test.label(i)]++ < perClass) {
                out.add(i);
            }
        }
        return out;
    }

    /** {@code "T-shirt/top"} -> {@code "t-shirt-top"}. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
