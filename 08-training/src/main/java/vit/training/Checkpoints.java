// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import vit.attention.Variant;
import vit.model.TimmNames;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.nn.Parameter;
import vit.nn.optim.AdamW;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * Saves and loads trained weights as safetensors under timm's names ({@code blocks.0.attn.qkv.weight},
 * {@code pos_embed} as {@code [1, N + 1, E]}), so chapter 07's {@code classify} and {@code attention}
 * commands, and timm itself, can read them. The model's sizes and the training position go into the
 * file's metadata. The optimiser's state, needed only to resume, goes into a second file beside it
 * ({@code model.safetensors} -> {@code model.optim.safetensors}).
 */
public final class Checkpoints {
    private Checkpoints() {
    }

    /** Writes every parameter of {@code vit} under its timm name, with {@code metadata} and the config. */
    public static void save(ViT vit, Path file, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        TimmNames.parameters(vit).forEach((name, p) -> tensors.put(name, timmShape(name, p.value())));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("format", "pt");
        meta.put("vit.config", encode(vit.config()));
        createParent(file);
        SafeTensors.write(file, tensors, meta);
    }

    /** The config stored by {@link #save}, or null when the file has none (e.g. a timm checkpoint). */
    public static ViTConfig config(Path file) throws IOException {
        String text = SafeTensors.readMetadata(file).get("vit.config");
        return text == null ? null : decode(text, file);
    }

    /** The metadata of {@code file}. */
    public static Map<String, String> metadata(Path file) throws IOException {
        return SafeTensors.readMetadata(file);
    }

    /** Loads every parameter of {@code vit} from {@code file}, strictly: every problem is listed, nothing is half-loaded. */
    public static void load(ViT vit, Path file) throws IOException {
        Map<String, Tensor> tensors = SafeTensors.read(file);
        Map<String, Parameter> params = TimmNames.parameters(vit);
        List<String> problems = new ArrayList<>();
        for (var e : params.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            Tensor want = timmShape(e.getKey(), e.getValue().value());
            if (t == null) {
                problems.add("missing '" + e.getKey() + "' (expected " + want.shape() + ")");
            } else if (!t.shape().equals(want.shape())) {
                problems.add("'" + e.getKey() + "' is " + t.shape() + ", the model needs " + want.shape());
            }
        }
        for (String k : new TreeSet<>(tensors.keySet())) {
            if (!params.containsKey(k)) {
                problems.add("unexpected '" + k + "' " + tensors.get(k).shape());
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(file + " does not fit the model " + vit.config().name() + ":\n  " + String.join("\n  ", problems));
        }
        params.forEach((name, p) -> p.set(tensors.get(name).reshape(p.shape()).to(p.value().device())));
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
            opt.restore(i, m, v, Long.parseLong(t));
        }
    }

    /** timm keeps a leading batch dimension on {@code pos_embed}: {@code [N + 1, E] -> [1, N + 1, E]}. */
    static Tensor timmShape(String name, Tensor value) {
        return name.equals("pos_embed") && value.rank() == 2 ? value.reshape(1, value.size(0), value.size(1)) : value;
    }

    static String encode(ViTConfig c) {
        return String.join(",", c.name(), Integer.toString(c.inChannels()), Integer.toString(c.patchSize()), Integer.toString(c.embSize()),
            Integer.toString(c.imgSize()), Integer.toString(c.depth()), Integer.toString(c.numHeads()), Integer.toString(c.expansion()),
            Integer.toString(c.nClasses()), Float.toString(c.dropout()), c.variant().name());
    }

    static ViTConfig decode(String text, Path file) throws IOException {
        String[] f = text.split(",");
        try {
            return new ViTConfig(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]), Float.parseFloat(f[9]),
                Variant.valueOf(f[10]));
        } catch (RuntimeException e) {
            throw new IOException(file + ": metadata vit.config '" + text + "' is not name,inChannels,patchSize,embSize,imgSize,depth,"
                + "numHeads,expansion,nClasses,dropout,variant", e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
