// SPDX-License-Identifier: MIT
package vit.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vit.attention.Variant;
import vit.nn.Parameter;
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
 * <p>Strict: every key must be one the model has, with the shape the inferred sizes give it, and every one
 * it has must be there. All problems are listed at once, naming the file, before any model is built.
 */
public final class Checkpoint {
    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\..*");

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
        ViTConfig own = inferConfig(source, tensors, options.variant(), options.heads());
        check(source, tensors, own);
        ViTConfig config = own;
        if (options.imageSize() > 0 && options.imageSize() != own.imgSize()) {
            if (options.imageSize() % own.patchSize() != 0) {
                throw new CheckpointException(source + ": image size " + options.imageSize() + " is not a multiple of the patch size "
                    + own.patchSize());
            }
            config = own.withImgSize(options.imageSize());
        }
        // Only now, with every key checked, is a model built and filled.
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

    /** The configuration the tensors describe, at the checkpoint's own image size. */
    public static ViTConfig inferConfig(String source, Map<String, Tensor> tensors, Variant variant, int heads) throws CheckpointException {
        List<String> problems = new ArrayList<>();
        Shape cls = anchor(tensors, "cls_token", 3, problems);
        Shape pos = anchor(tensors, "pos_embed", 3, problems);
        Shape proj = anchor(tensors, "patch_embed.proj.weight", 4, problems);
        Shape head = anchor(tensors, "head.weight", 2, problems);
        Shape fc1 = anchor(tensors, "blocks.0.mlp.fc1.weight", 2, problems);
        int depth = 0;
        for (String k : tensors.keySet()) {
            Matcher m = BLOCK.matcher(k);
            if (m.matches()) {
                depth = Math.max(depth, Integer.parseInt(m.group(1)) + 1);
            }
        }
        if (depth == 0) {
            problems.add("no 'blocks.<i>.' keys: the encoder has no blocks");
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(source + ": cannot read the model's sizes, is this a timm ViT checkpoint?\n  "
                + String.join("\n  ", problems) + "\n  keys found: " + summarize(tensors));
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
            throw new CheckpointException(source + ": inconsistent checkpoint:\n  " + String.join("\n  ", problems));
        }
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return new ViTConfig(name, proj.dim(1), patch, e, grid * patch, depth, h, fc1.dim(0) / e, head.dim(0), 0f, variant);
    }

    /** Every key and shape a timm checkpoint of {@code c} holds, in timm's order. */
    public static Map<String, Shape> expectedShapes(ViTConfig c) {
        int e = c.embSize();
        int hidden = c.expansion() * e;
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put("cls_token", Shape.of(1, 1, e));
        m.put("pos_embed", Shape.of(1, c.numPatches() + 1, e));
        m.put("patch_embed.proj.weight", Shape.of(e, c.inChannels(), c.patchSize(), c.patchSize()));
        m.put("patch_embed.proj.bias", Shape.of(e));
        for (int i = 0; i < c.depth(); i++) {
            String p = "blocks." + i + ".";
            m.put(p + "norm1.weight", Shape.of(e));
            m.put(p + "norm1.bias", Shape.of(e));
            m.put(p + "attn.qkv.weight", Shape.of(3 * e, e));
            m.put(p + "attn.qkv.bias", Shape.of(3 * e));
            m.put(p + "attn.proj.weight", Shape.of(e, e));
            m.put(p + "attn.proj.bias", Shape.of(e));
            m.put(p + "norm2.weight", Shape.of(e));
            m.put(p + "norm2.bias", Shape.of(e));
            m.put(p + "mlp.fc1.weight", Shape.of(hidden, e));
            m.put(p + "mlp.fc1.bias", Shape.of(hidden));
            m.put(p + "mlp.fc2.weight", Shape.of(e, hidden));
            m.put(p + "mlp.fc2.bias", Shape.of(e));
        }
        m.put("norm.weight", Shape.of(e));
        m.put("norm.bias", Shape.of(e));
        m.put("head.weight", Shape.of(c.nClasses(), e));
        m.put("head.bias", Shape.of(c.nClasses()));
        return m;
    }

    /** Lists every missing, unexpected and mis-shaped key in one exception. */
    static void check(String source, Map<String, Tensor> tensors, ViTConfig c) throws CheckpointException {
        Map<String, Shape> expected = expectedShapes(c);
        List<String> problems = new ArrayList<>();
        expected.forEach((k, s) -> {
            Tensor t = tensors.get(k);
            if (t == null) {
                problems.add("missing key '" + k + "' (expected shape " + s + ")");
            } else if (!t.shape().equals(s)) {
                problems.add("wrong shape for '" + k + "': expected " + s + ", got " + t.shape());
            }
        });
        new TreeMap<>(tensors).forEach((k, t) -> {
            if (!expected.containsKey(k)) {
                problems.add("unexpected key '" + k + "' (shape " + t.shape() + ")");
            }
        });
        if (!problems.isEmpty()) {
            throw new CheckpointException(source + ": does not match a timm ViT with width " + c.embSize() + ", depth " + c.depth()
                + ", patch " + c.patchSize() + ", image " + c.imgSize() + ", " + c.nClasses() + " classes, MLP x" + c.expansion()
                + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems));
        }
    }

    private static Shape anchor(Map<String, Tensor> tensors, String key, int rank, List<String> problems) {
        Tensor t = tensors.get(key);
        if (t == null) {
            problems.add("missing key '" + key + "'");
            return null;
        }
        if (t.rank() != rank || t.numel() == 0) {
            problems.add("'" + key + "' has shape " + t.shape() + ", expected " + rank + " non-empty dimensions");
            return null;
        }
        return t.shape();
    }

    private static String summarize(Map<String, Tensor> tensors) {
        List<String> keys = new ArrayList<>(tensors.keySet());
        if (keys.size() <= 12) {
            return keys.isEmpty() ? "(none)" : String.join(", ", keys);
        }
        return String.join(", ", keys.subList(0, 12)) + ", ... (" + keys.size() + " in all)";
    }
}
