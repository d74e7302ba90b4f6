// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, Zalando, 2017): 28 x 28 grey pictures of clothes in 10
 * classes, 60,000 for training and 10,000 for testing, in the IDX files of the original release
 * ({@code train-images-idx3-ubyte.gz} and so on; unpacked copies work too).
 *
 * @param images {@code [n, 28, 28]} unsigned bytes, 0 is black
 * @param labels {@code [n]} class indices 0 to 9
 */
public record FashionMnist(Idx images, Idx labels) {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot");
    /** The training set's pixel mean and standard deviation, on the 0..1 scale. */
    public static final float MEAN = 0.2860f;
    public static final float STD = 0.3530f;

    /**
     * What a checkpoint's safetensors metadata says about its inputs ({@link vit.model.InputMetadata}), so that chapter
     * 07's {@code classify} and {@code attention} prepare a picture as training did (grey, 28 x 28 without a crop
     * margin, this mean and std) and print the class names.
     */
    public static java.util.Map<String, String> inputMetadata(int numHeads) {
        return vit.model.InputMetadata.of(new float[] {MEAN}, new float[] {STD}, 1.0, CLASSES, numHeads);
    }

    /** Which half of the data set. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    public FashionMnist {
        if (images.dims().length != 3 || labels.dims().length != 1 || images.dims()[0] != labels.dims()[0]) {
            throw new IllegalArgumentException("images " + java.util.Arrays.toString(images.dims()) + " and labels "
                + java.util.Arrays.toString(labels.dims()) + " do not match: expected [n, h, w] and [n]");
        }
    }

    /** Reads one split from {@code dir}, gzipped or not. */
    public static FashionMnist load(Path dir, Split split) throws IOException {
        Path imageFile = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, split.prefix + "-labels-idx1-ubyte");
        Idx images = Idx.read(imageFile, 3);
        Idx labels = Idx.read(labelFile, 1);
        if (images.dims()[0] != labels.dims()[0]) {
            throw new IOException(labelFile + ": " + labels.dims()[0] + " labels for " + images.dims()[0] + " images");
        }
        for (int i = 0; i < labels.data().length; i++) {
            if (labels.unsigned(i) >= CLASSES.size()) {
                throw new IOException(labelFile + ": label " + labels.unsigned(i) + " at position " + i + " is not a class 0 to 9");
            }
        }
        return new FashionMnist(images, labels);
    }

    /** Whether {@code dir} holds both splits. */
    public static boolean isPresent(Path dir) {
        for (Split s : Split.values()) {
            for (String kind : new String[] {"-images-idx3-ubyte", "-labels-idx1-ubyte"}) {
                String base = s.prefix + kind;
                if (!Files.isReadable(dir.resolve(base + ".gz")) && !Files.isReadable(dir.resolve(base))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Path find(Path dir, String base) throws IOException {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isReadable(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.isReadable(plain)) {
            return plain;
        }
        throw new NoSuchFileException(gz.toString(), null, "no " + base + ".gz or " + base + " in " + dir
            + " (install Debian's dataset-fashion-mnist, or download the files of github.com/zalandoresearch/fashion-mnist and pass --data DIR)");
    }

    public int size() {
        return labels.dims()[0];
    }

    public int height() {
        return images.dims()[1];
    }

    public int width() {
        return images.dims()[2];
    }

    /** The class of image {@code i}. */
    public int label(int i) {
        return labels.unsigned(i);
    }

    /** The first {@code n} images only (or all when there are fewer), e.g. for a quick run. */
    public FashionMnist head(int n) {
        int k = Math.min(n, size());
        int pixels = height() * width();
        return new FashionMnist(new Idx(new int[] {k, height(), width()}, java.util.Arrays.copyOf(images.data(), k * pixels)),
            new Idx(new int[] {k}, java.util.Arrays.copyOf(labels.data(), k)));
    }
}
