// SPDX-License-Identifier: MIT
package vit.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vit.attention.Variant;
import vit.nn.Parameter;
import vit.nn.StrictLoad;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * Reads a timm ViT checkpoint ({@code model.safetensors}, F32, F16 or BF16) into a {@link ViT}. The sizes are
 * read off the tensors: the width from {@code cls_token}, the depth from the {@code blocks.i} keys, patch size
 * and channels from {@code patch_embed.proj.weight [E, C, p, p]}, the image size from {@code pos_embed}'s
 * tokens, the classes from {@code head.weight}, the MLP expansion from {@code fc1}. The head count is not
 * in the file: timm's usual one for the width unless given.
 *
 * <p>Strict ({@link StrictLoad}): every key must be one the model has, with the shape the inferred sizes give it, and
 * every one it has must be there. The problems are reported at once, on one line naming the file, before any model is
 * built; nothing the file claims is believed before it is checked against the tensors the file really holds.
 */
public final class Checkpoint {
    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\..*", Pattern.DOTALL);

    private Checkpoint() {
    }

    /**
     * How to read the file: the attention {@code variant}; {@code heads} (0: timm's usual for the width);
     * {@code imageSize} to run at (0: the checkpoint's own; otherwise the position embeddings are resampled
     * with {@code resample}).
     */
    public record Options(Variant variant, int heads, int imageSize, Resample.Mode resample) {
        /** PyTorch's plain bicubic for the positions. */
        public Options(Variant variant, int heads, int imageSize) {
            this(variant, heads, imageSize, Resample.Mode.BICUBIC);
        }

        public static Options defaults() {
            return new Options(Variant.TIMM, 0, 0);
        }
    }

    /** A loaded model, with the image size the checkpoint was trained at. */
    public record Loaded(ViT model, int checkpointImageSize) {
    }

    /** Reads, checks and loads {@code file}. */
    public static Loaded load(Path file, Options options) throws IOException {
        Map<String, Tensor> tensors = SafeTensors.read(file);
        return load(file.toString(), tensors, options);
    }

    /** Checks {@code tensors} (read from {@code source}) and builds the model from them. */
    public static Loaded load(String source, Map<String, Tensor> tensors, Options options) throws CheckpointException {
        Map<String, Shape> shapes = shapes(tensors);
        ViTConfig own = inferConfig(source, shapes, options.variant(), options.heads());
        check(source, shapes, own);
        ViTConfig config = own;
        if (options.imageSize() > 0 && options.imageSize() != own.imgSize()) {
            if (options.imageSize() % own.patchSize() != 0) {
                throw new CheckpointException(source + ": image size " + options.imageSize() + " is not a multiple of the patch size "
                    + own.patchSize());
            }
            config = own.withImgSize(options.imageSize());
        }
        // Only now, with every key checked, is a model built (its sizes are those of tensors the file really holds).
        ViT vit = new ViT(config, new Generator(0));
        int grid = config.imgSize() / config.patchSize();
        for (Map.Entry<String, Parameter> e : TimmNames.parameters(vit).entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (e.getKey().equals("pos_embed")) {
                t = Resample.positions(t, grid, options.resample());
            }
            e.getValue().set(t.reshape(e.getValue().shape()));
        }
        return new Loaded(vit, own.imgSize());
    }

    /**
     * Fills {@code vit} from {@code tensors} (read from {@code source}), strictly: every key {@link TimmNames} gives
     * {@code vit}'s config, with its shape, and nothing else; on any problem nothing is loaded.
     */
    public static void loadInto(ViT vit, String source, Map<String, Tensor> tensors) throws CheckpointException {
        ViTConfig c = vit.config();
        List<String> problems = StrictLoad.problems(TimmNames.shapes(c), shapes(tensors));
        if (!problems.isEmpty()) {
            throw new CheckpointException(source + ": does not fit the model " + c.name() + " (" + sizes(c) + "): "
                + StrictLoad.describe(problems));
        }
        TimmNames.parameters(vit).forEach((name, p) -> p.set(tensors.get(name).reshape(p.shape()).to(p.value().device())));
    }

    /**
     * The configuration the tensors' shapes describe, at the checkpoint's own image size. Every size is read off a
     * tensor the file holds; the depth is bounded by the number of tensors before any key list is made from it.
     */
    public static ViTConfig inferConfig(String source, Map<String, Shape> shapes, Variant variant, int heads) throws CheckpointException {
        List<String> problems = new ArrayList<>();
        Shape cls = anchor(shapes, "cls_token", 3, problems);
        Shape pos = anchor(shapes, "pos_embed", 3, problems);
        Shape proj = anchor(shapes, "patch_embed.proj.weight", 4, problems);
        Shape head = anchor(shapes, "head.weight", 2, problems);
        Shape fc1 = anchor(shapes, "blocks.0.mlp.fc1.weight", 2, problems);
        int depth = 0;
        for (String k : shapes.keySet()) {
            Matcher m = BLOCK.matcher(k);
            if (m.matches()) {
                // A damaged index (blocks.999999999) must not become a list of a billion blocks' keys: a file of n
                // tensors holds at most n blocks, so the keys checked stay within 12 n + 8.
                long index = m.group(1).length() > 9 ? Long.MAX_VALUE : Long.parseLong(m.group(1));
                if (index >= shapes.size()) {
                    throw new CheckpointException(source + ": key '" + abbreviate(k) + "' names block " + abbreviate(m.group(1))
                        + ", but the file holds only " + shapes.size() + " tensors");
                }
                depth = Math.max(depth, (int) index + 1);
            }
        }
        if (depth == 0) {
            problems.add("no 'blocks.<i>.' keys: the encoder has no blocks");
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(source + ": cannot read the model's sizes, is this a timm ViT checkpoint? "
                + String.join("; ", problems) + "; keys found: " + summarize(shapes));
        }
        int e = cls.dim(2);
        int patch = proj.dim(3);
        int tokens = pos.dim(1);
        int grid = (int) Math.round(Math.sqrt(tokens - 1));
        if (grid * grid != tokens - 1 || grid == 0) {
            problems.add("pos_embed " + pos + " holds " + (tokens - 1) + " patch positions after the cls token, not a square grid");
        }
        if (proj.dim(2) != proj.dim(3)) {
            problems.add("patch_embed.proj.weight " + proj + " has a kernel that is not square");
        }
        if (fc1.dim(0) % e != 0) {
            problems.add("blocks.0.mlp.fc1.weight " + fc1 + " has " + fc1.dim(0) + " rows, not a multiple of the width " + e);
        }
        int h = heads > 0 ? heads : ViTConfig.defaultHeads(e);
        if (e % h != 0) {
            problems.add("the width " + e + " (cls_token " + cls + ") is not divisible by " + h + " heads");
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(source + ": inconsistent checkpoint: " + String.join("; ", problems));
        }
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return new ViTConfig(name, proj.dim(1), patch, e, grid * patch, depth, h, fc1.dim(0) / e, head.dim(0), 0f, variant);
    }

    /**
     * The head count a checkpoint's metadata gives ({@link InputMetadata#NUM_HEADS}), or 0 (timm's usual for the width):
     * the one size the tensors do not say. It is checked against the width when the model's sizes are inferred.
     */
    public static int heads(Map<String, String> metadata, String source) throws CheckpointException {
        String text = metadata.get(InputMetadata.NUM_HEADS);
        if (text == null) {
            return 0;
        }
        int v;
        try {
            v = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            v = 0;
        }
        if (v < 1) {
            throw new CheckpointException(source + ": metadata " + InputMetadata.NUM_HEADS + " must be a positive whole number, got '"
                + abbreviate(text) + "'");
        }
        return v;
    }

    /** Lists the missing, unexpected and mis-shaped keys in one exception. */
    static void check(String source, Map<String, Shape> shapes, ViTConfig c) throws CheckpointException {
        List<String> problems = StrictLoad.problems(TimmNames.shapes(c), shapes);
        if (!problems.isEmpty()) {
            throw new CheckpointException(source + ": does not match a timm ViT with " + sizes(c) + " (" + StrictLoad.describe(problems) + ")");
        }
    }

    /** The shape of each tensor, by name. */
    public static Map<String, Shape> shapes(Map<String, Tensor> tensors) {
        Map<String, Shape> m = new LinkedHashMap<>();
        tensors.forEach((k, t) -> m.put(k, t.shape()));
        return m;
    }

    private static String sizes(ViTConfig c) {
        return "width " + c.embSize() + ", depth " + c.depth() + ", patch " + c.patchSize() + ", image " + c.imgSize() + ", "
            + c.nClasses() + " classes, MLP x" + c.expansion();
    }

    /** A name from a damaged file, cut to a length a message can carry. */
    public static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 60) + "... (" + s.length() + " characters)";
    }

    private static Shape anchor(Map<String, Shape> shapes, String key, int rank, List<String> problems) {
        Shape s = shapes.get(key);
        if (s == null) {
            problems.add("missing key '" + key + "'");
            return null;
        }
        if (s.rank() != rank || s.numel() == 0) {
            problems.add("'" + key + "' has shape " + s + ", expected " + rank + " non-empty dimensions");
            return null;
        }
        return s;
    }

    private static String summarize(Map<String, Shape> shapes) {
        List<String> keys = new ArrayList<>();
        for (String k : shapes.keySet()) {
            if (keys.size() == 12) {
                break;
            }
            keys.add(abbreviate(k));
        }
        if (shapes.size() <= 12) {
            return keys.isEmpty() ? "(none)" : String.join(", ", keys);
        }
        return String.join(", ", keys) + ", ... (" + shapes.size() + " in all)";
    }
}
