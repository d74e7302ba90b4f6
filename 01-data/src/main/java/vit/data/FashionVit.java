// SPDX-License-Identifier: MIT
package vit.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vit.nn.Parameter;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Images;
import vit.tensor.io.SafeTensors;

/**
 * The ViT that chapter 08 trained on Fashion-MNIST, shipped in the repository as {@value #FILE} with a few test
 * pictures in {@value #PICTURES}, so that the chapters before it can show what trained weights do beside random ones.
 * The chapters read its tensors by timm's names ({@code blocks.0.attn.qkv.weight}) into their own layers.
 *
 * <p>The folder is found from where the program runs, that folder or any above it: the repository root for the
 * README's commands, a chapter's folder for its tests and for {@code mvn exec:java} run inside it.
 */
public final class FashionVit {
    public static final String FILE = "models/fashion-vit.safetensors";
    public static final String PICTURES = "models/fashion-samples";
    /** The picture the chapters show: test image 0 of Fashion-MNIST, an ankle boot. */
    public static final String PICTURE = "test-0000-ankle-boot.png";

    private FashionVit() {
    }

    /** The model file, looked for from the working directory upwards; empty when there is none. */
    public static Optional<Path> find() {
        return find(Path.of("").toAbsolutePath());
    }

    /** The model file in {@code from} or the nearest folder above it that has one. */
    public static Optional<Path> find(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(FILE);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The one line a chapter prints when the model is not there. */
    public static String notFound() {
        return "trained weights: no " + FILE + " in " + Path.of("").toAbsolutePath() + " or any folder above it (run from inside the "
            + "repository; models/make-fashion-vit.sh remakes the file); showing random weights only";
    }

    /** A shipped picture, beside the model file. */
    public static Path picture(Path model, String name) {
        return model.toAbsolutePath().getParent().getParent().resolve(PICTURES).resolve(name);
    }

    /** A shipped picture as the model sees it before normalising: grey, {@code [1, 1, 28, 28]}, values in [0, 1]. */
    public static Tensor grey(Path png) throws IOException {
        Image8 img = Images.read8(png);
        float[] v = new float[img.height() * img.width()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                v[y * img.width() + x] = img.get(0, y, x) / 255f;    // the pictures are grey: R = G = B
            }
        }
        return Tensor.of(v, Shape.of(1, 1, img.height(), img.width()));
    }

    /** The class names the model's metadata gives ({@code vit.labels}, one per line). */
    public static List<String> labels(Path model) throws IOException {
        String text = SafeTensors.readMetadata(model).get("vit.labels");
        if (text == null) {
            throw new IOException(model + ": no vit.labels in the metadata");
        }
        return List.of(text.split("\n", -1));
    }

    /** The class a shipped picture's name gives ({@code test-0000-ankle-boot.png} is an {@code Ankle boot}). */
    public static String className(String picture, List<String> labels) {
        for (String l : labels) {
            if (picture.endsWith("-" + l.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png")) {
                return l;
            }
        }
        throw new IllegalArgumentException(picture + ": the name ends in none of the classes " + labels);
    }

    /** A shipped picture as the model takes it: {@link #grey}, then {@link #normalize}d, {@code [1, 1, 28, 28]}. */
    public static Tensor input(Path png, Path model) throws IOException {
        return normalize(grey(png), model);
    }

    /** {@code (x - mean) / std} with the model's {@code vit.input.mean} and {@code vit.input.std}. */
    public static Tensor normalize(Tensor grey, Path model) throws IOException {
        Map<String, String> meta = SafeTensors.readMetadata(model);
        float mean = Float.parseFloat(meta.getOrDefault("vit.input.mean", "0.5"));
        float std = Float.parseFloat(meta.getOrDefault("vit.input.std", "0.5"));
        return grey.sub(mean).div(std);
    }

    /**
     * Copies tensor {@code name} of {@code tensors} into {@code p}; a shape that differs only by leading ones
     * ({@code pos_embed} is {@code [1, 50, 64]} in the file) is reshaped, any other difference names the tensor.
     */
    public static void load(Parameter p, Map<String, Tensor> tensors, String name, Path file) throws IOException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IOException(file + ": no tensor '" + name + "' (expected " + p.shape() + ")");
        }
        if (t.numel() != p.numel() || !squeezed(t.shape()).equals(squeezed(p.shape()))) {
            throw new IOException(file + ": tensor '" + name + "' is " + t.shape() + ", the layer needs " + p.shape());
        }
        p.set(t.reshape(p.shape()));
    }

    private static List<Integer> squeezed(Shape s) {
        return java.util.Arrays.stream(s.dims()).filter(d -> d != 1).boxed().toList();
    }
}
