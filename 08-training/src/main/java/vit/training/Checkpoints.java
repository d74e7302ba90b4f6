// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vit.attention.Variant;
import vit.model.Checkpoint;
import vit.model.CheckpointException;
import vit.model.InputMetadata;
import vit.model.TimmNames;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.nn.optim.AdamW;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * Saves and loads trained weights as safetensors under timm's names ({@code blocks.0.attn.qkv.weight},
 * {@code pos_embed} as {@code [1, N + 1, E]}), so {@code vit classify} and {@code vit attention}, and timm itself,
 * can read them. The model's config goes into the file's metadata as named keys ({@code vit.emb_size},
 * {@code vit.depth}, ...), beside the training position. The optimiser's state, needed only to resume, goes into a
 * second file beside it ({@code model.safetensors} -> {@code model.optim.safetensors}).
 *
 * <p>Reading believes nothing the metadata claims: every size is read off the tensors the file holds (chapter 07's
 * {@link Checkpoint#inferConfig}) and a claim that disagrees is refused, so a damaged file can never make the loader
 * build a model larger than the file. Files written before the named keys hold one positional {@code vit.config}
 * ({@code name,inChannels,patchSize,embSize,imgSize,depth,numHeads,expansion,nClasses,dropout,variant}); they are read
 * the same way.
 */
public final class Checkpoints {
    /** The metadata keys of a model's config; {@code vit.num_heads} is also what chapter 07 reads ({@link InputMetadata}). */
    static final String NAME = "vit.name";
    static final String IN_CHANNELS = "vit.in_channels";
    static final String PATCH_SIZE = "vit.patch_size";
    static final String EMB_SIZE = "vit.emb_size";
    static final String IMG_SIZE = "vit.img_size";
    static final String DEPTH = "vit.depth";
    static final String NUM_HEADS = InputMetadata.NUM_HEADS;
    static final String EXPANSION = "vit.expansion";
    static final String N_CLASSES = "vit.n_classes";
    static final String DROPOUT = "vit.dropout";
    static final String VARIANT = "vit.variant";
    /** The positional form of older files. */
    static final String LEGACY_CONFIG = "vit.config";
    private static final List<String> LEGACY_FIELDS = List.of(NAME, IN_CHANNELS, PATCH_SIZE, EMB_SIZE, IMG_SIZE, DEPTH, NUM_HEADS,
        EXPANSION, N_CLASSES, DROPOUT, VARIANT);

    private Checkpoints() {
    }

    /** Writes every parameter of {@code vit} under its timm name, with {@code metadata} and the config. */
    public static void save(ViT vit, Path file, Map<String, String> metadata) throws IOException {
        Map<String, Shape> shapes = TimmNames.shapes(vit.config());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        TimmNames.parameters(vit).forEach((name, p) -> tensors.put(name, p.value().reshape(shapes.get(name))));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("format", "pt");
        meta.putAll(encode(vit.config()));
        createParent(file);
        SafeTensors.write(file, tensors, meta);
    }

    /**
     * The config stored by {@link #save} (or by an older version, as {@code vit.config}), checked against the tensors
     * the file holds; null when the file has none (e.g. a timm checkpoint).
     */
    public static ViTConfig config(Path file) throws IOException {
        Map<String, String> meta = SafeTensors.readMetadata(file);
        Map<String, String> claims = claims(meta, file);
        if (claims.isEmpty()) {
            return null;
        }
        String source = file.toString();
        Variant variant;
        try {
            variant = claims.containsKey(VARIANT) ? Variant.valueOf(claims.get(VARIANT)) : Variant.TIMM;
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source + ": metadata " + VARIANT + " is '" + Checkpoint.abbreviate(claims.get(VARIANT))
                + "', expected TIMM or ARTICLE");
        }
        int heads = Checkpoint.heads(claims, source);
        ViTConfig c = Checkpoint.inferConfig(source, Checkpoint.shapes(SafeTensors.read(file)), variant, heads);
        agree(claims, IN_CHANNELS, c.inChannels(), "the patch embedding's input channels", source);
        agree(claims, PATCH_SIZE, c.patchSize(), "the patch embedding's kernel", source);
        agree(claims, EMB_SIZE, c.embSize(), "cls_token's width", source);
        agree(claims, IMG_SIZE, c.imgSize(), "pos_embed's grid of positions", source);
        agree(claims, DEPTH, c.depth(), "the blocks.<i> keys", source);
        agree(claims, EXPANSION, c.expansion(), "the MLP's fc1", source);
        agree(claims, N_CLASSES, c.nClasses(), "head.weight", source);
        float dropout = 0f;
        if (claims.containsKey(DROPOUT)) {
            try {
                dropout = Float.parseFloat(claims.get(DROPOUT));
            } catch (NumberFormatException e) {
                dropout = Float.NaN;
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new CheckpointException(source + ": metadata " + DROPOUT + " is '" + Checkpoint.abbreviate(claims.get(DROPOUT))
                    + "', expected a number in [0, 1)");
            }
        }
        String name = claims.getOrDefault(NAME, c.name());
        return new ViTConfig(Checkpoint.abbreviate(name), c.inChannels(), c.patchSize(), c.embSize(), c.imgSize(), c.depth(),
            c.numHeads(), c.expansion(), c.nClasses(), dropout, variant);
    }

    /** The metadata of {@code file}. */
    public static Map<String, String> metadata(Path file) throws IOException {
        return SafeTensors.readMetadata(file);
    }

    /** Loads every parameter of {@code vit} from {@code file}, strictly: every problem is listed, nothing is half-loaded. */
    public static void load(ViT vit, Path file) throws IOException {
        Checkpoint.loadInto(vit, file.toString(), SafeTensors.read(file));
    }

    /** The optimiser file that belongs to checkpoint {@code file}. */
    public static Path optimizerFile(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return file.resolveSibling(stem + ".optim.safetensors");
    }

    /** Writes AdamW's moments ({@code exp_avg.<name>}, {@code exp_avg_sq.<name>}) and step counts, as PyTorch names them. */
    public static void saveOptimizer(AdamW opt, List<String> names, Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            tensors.put("exp_avg." + names.get(i), opt.firstMoment(i));
            tensors.put("exp_avg_sq." + names.get(i), opt.secondMoment(i));
            meta.put("step." + names.get(i), Long.toString(opt.stepCount(i)));
        }
        createParent(file);
        SafeTensors.write(file, tensors, meta);
    }

    /** Restores what {@link #saveOptimizer} wrote; names must match. */
    public static void loadOptimizer(AdamW opt, List<String> names, Path file) throws IOException {
        Map<String, Tensor> tensors = SafeTensors.read(file);
        Map<String, String> meta = SafeTensors.readMetadata(file);
        for (int i = 0; i < names.size(); i++) {
            Tensor m = tensors.get("exp_avg." + names.get(i));
            Tensor v = tensors.get("exp_avg_sq." + names.get(i));
            String t = meta.get("step." + names.get(i));
            if (m == null || v == null || t == null) {
                throw new IOException(file + ": no optimizer state for '" + names.get(i) + "'");
            }
            if (!m.shape().equals(opt.firstMoment(i).shape()) || !v.shape().equals(opt.secondMoment(i).shape())) {
                throw new IOException(file + ": optimizer state for '" + names.get(i) + "' is " + m.shape() + ", the parameter is "
                    + opt.firstMoment(i).shape());
            }
            long steps;
            try {
                steps = Long.parseLong(t);
            } catch (NumberFormatException e) {
                steps = -1;
            }
            if (steps < 0) {
                throw new IOException(file + ": metadata step." + names.get(i) + " is '" + Checkpoint.abbreviate(t)
                    + "', expected a step count");
            }
            opt.restore(i, m, v, steps);
        }
    }

    /** The config as named metadata entries. */
    static Map<String, String> encode(ViTConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAME, c.name());
        m.put(IN_CHANNELS, Integer.toString(c.inChannels()));
        m.put(PATCH_SIZE, Integer.toString(c.patchSize()));
        m.put(EMB_SIZE, Integer.toString(c.embSize()));
        m.put(IMG_SIZE, Integer.toString(c.imgSize()));
        m.put(DEPTH, Integer.toString(c.depth()));
        m.put(NUM_HEADS, Integer.toString(c.numHeads()));
        m.put(EXPANSION, Integer.toString(c.expansion()));
        m.put(N_CLASSES, Integer.toString(c.nClasses()));
        m.put(DROPOUT, Float.toString(c.dropout()));
        m.put(VARIANT, c.variant().name());
        return m;
    }

    /** The config entries of {@code meta}, the older positional form spread into named ones; empty if it has none. */
    static Map<String, String> claims(Map<String, String> meta, Path file) throws CheckpointException {
        Map<String, String> claims = new LinkedHashMap<>();
        for (String key : LEGACY_FIELDS) {
            if (meta.containsKey(key)) {
                claims.put(key, meta.get(key));
            }
        }
        String legacy = meta.get(LEGACY_CONFIG);
        if (legacy != null && !claims.containsKey(DEPTH)) {
            String[] f = legacy.split(",", -1);
            if (f.length != LEGACY_FIELDS.size()) {
                throw new CheckpointException(file + ": metadata " + LEGACY_CONFIG + " '" + Checkpoint.abbreviate(legacy) + "' has " + f.length
                    + " fields, expected the " + LEGACY_FIELDS.size() + " of older checkpoints (name,inChannels,patchSize,embSize,imgSize,"
                    + "depth,numHeads,expansion,nClasses,dropout,variant)");
            }
            for (int i = 0; i < f.length; i++) {
                claims.put(LEGACY_FIELDS.get(i), f[i]);
            }
        }
        return claims;
    }

    /** A size the metadata claims must be the one the tensors give. */
    private static void agree(Map<String, String> claims, String key, int actual, String what, String source) throws CheckpointException {
        String text = claims.get(key);
        if (text != null && !text.strip().equals(Integer.toString(actual))) {
            throw new CheckpointException(source + ": metadata " + key + " is '" + Checkpoint.abbreviate(text) + "', but " + what
                + " in the file gives " + actual);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
