// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vit.attention.Variant;
import vit.model.Checkpoint;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * Damaged checkpoints, seeded: a real checkpoint of a tiny ViT written by {@link Checkpoints#save} (timm names, the
 * config and the input metadata), mutated in its structure (keys renamed, dropped and added, shapes and dtypes
 * changed, metadata claims changed) and in its bytes (data and header damaged, the file cut short). Each mutant is
 * read by both loaders, chapter 07's ({@link Checkpoint#load}, as {@code vit classify} reads a file) and chapter
 * 08's ({@link Checkpoints#config} and {@link Checkpoints#load}, as {@code vit evaluate} does); each must either load
 * and run, giving logits of the right shape, or be refused with an {@link IOException} naming the file, and never
 * take a second.
 */
class CheckpointFuzzTest {
    static final int MUTANTS = 10_000;
    static final ViTConfig SMALL = new ViTConfig("fuzz", 1, 7, 8, 14, 2, 2, 2, 3, 0f, Variant.TIMM);

    @TempDir
    Path dir;

    enum Kind { RENAME, DROP, ADD, RESHAPE, DTYPE, DATA, HEADER_BYTE, TRUNCATE, METADATA, SEVERAL }

    /** A mutant: what was done to it, and its bytes. */
    record Mutant(String what, byte[] bytes) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyDamagedCheckpointIsLoadedAndRunOrRefusedNamingTheFile() throws IOException {
        ViT original = new ViT(SMALL, new Generator(1));
        Path base = dir.resolve("base.safetensors");
        Checkpoints.save(original, base, FashionMnist.inputMetadata(SMALL.numHeads()));
        Map<String, Tensor> tensors = SafeTensors.read(base);
        Map<String, String> metadata = SafeTensors.readMetadata(base);
        Tensor input = Tensor.randn(Shape.of(1, 1, 14, 14), new Generator(2));

        // The unharmed file first, through both loaders: class loading and the first compilations are not a mutant's time.
        Mutant unharmed = new Mutant("none", Files.readAllBytes(base));
        assertThat(tryLoad(() -> Checkpoint.load(base, new Checkpoint.Options(Variant.TIMM, SMALL.numHeads(), 0)).model(), input, base, -1,
            unharmed)).isTrue();
        assertThat(tryLoad(() -> {
            ViT vit = new ViT(Checkpoints.config(base), new Generator(0));
            Checkpoints.load(vit, base);
            return vit;
        }, input, base, -1, unharmed)).isTrue();

        Random random = new Random(14);
        Map<String, int[]> counts = new TreeMap<>();
        long slowest = 0;
        String slowestWhat = "";
        Path file = dir.resolve("mutant.safetensors");
        for (int i = 0; i < MUTANTS; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            Mutant m = mutate(kind, tensors, metadata, random);
            Files.write(file, m.bytes());
            long t0 = System.nanoTime();
            boolean loaded07 = tryLoad(() -> {
                int heads = Checkpoint.heads(SafeTensors.readMetadata(file), file.toString());
                return Checkpoint.load(file, new Checkpoint.Options(Variant.TIMM, heads, 0)).model();
            }, input, file, i, m);
            boolean loaded08 = tryLoad(() -> {
                ViTConfig c = Checkpoints.config(file);
                ViT vit = new ViT(c != null ? c : SMALL, new Generator(0));
                Checkpoints.load(vit, file);
                return vit;
            }, input, file, i, m);
            long nanos = System.nanoTime() - t0;
            if (nanos > slowest) {
                slowest = nanos;
                slowestWhat = m.what();
            }
            assertThat(nanos).as("mutant %d (%s) took %d ms", i, m.what(), nanos / 1_000_000).isLessThan(1_000_000_000L);
            int[] c = counts.computeIfAbsent(kind.name(), k -> new int[4]);
            c[(loaded07 ? 0 : 1)]++;
            c[(loaded08 ? 2 : 3)]++;
        }
        int[] total = new int[4];
        System.out.println(MUTANTS + " mutants of " + base.getFileName() + " (" + Files.size(base) + " bytes, " + tensors.size()
            + " tensors):   07 loaded+ran / refused   08 loaded+ran / refused");
        counts.forEach((kind, c) -> {
            System.out.printf("  %-12s %6d %6d %6d %6d%n", kind, c[0], c[1], c[2], c[3]);
            for (int k = 0; k < 4; k++) {
                total[k] += c[k];
            }
        });
        System.out.printf("  %-12s %6d %6d %6d %6d%n", "all", total[0], total[1], total[2], total[3]);
        System.out.printf("  slowest: %.1f ms (%s)%n", slowest / 1e6, slowestWhat);
        assertThat(total[0] + total[1]).isEqualTo(MUTANTS);
        assertThat(total[1]).as("most mutants are refused").isGreaterThan(MUTANTS / 2);
        assertThat(total[0]).as("damaged data still loads and runs").isPositive();
    }

    interface Loader {
        ViT load() throws IOException;
    }

    /** Loads and runs, or checks the refusal names the file; anything else fails the test, naming the mutant. */
    private static boolean tryLoad(Loader loader, Tensor input, Path file, int i, Mutant m) {
        try {
            ViT vit = loader.load();
            try (var off = GradMode.disabled()) {
                vit.eval();
                Tensor logits = vit.apply(input);
                assertThat(logits.shape()).as("mutant %d (%s)", i, m.what()).isEqualTo(Shape.of(1, vit.config().nClasses()));
            }
            return true;
        } catch (IOException e) {
            assertThat(e.getMessage()).as("mutant %d (%s)", i, m.what()).contains(file.toString());
            assertThat(e.getMessage().length()).as("mutant %d (%s): a message of bounded length", i, m.what()).isLessThan(4000);
            return false;
        } catch (RuntimeException | Error e) {
            fail("mutant " + i + " (" + m.what() + ") escaped as " + e, e);
            return false;
        }
    }

    private static Mutant mutate(Kind kind, Map<String, Tensor> tensors, Map<String, String> metadata, Random r) {
        Map<String, Tensor> t = new LinkedHashMap<>(tensors);
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        List<String> what = new ArrayList<>();
        switch (kind) {
            case SEVERAL -> {
                Kind[] structural = {Kind.RENAME, Kind.DROP, Kind.ADD, Kind.RESHAPE, Kind.METADATA};
                for (int n = 2 + r.nextInt(3); n > 0; n--) {
                    structure(structural[r.nextInt(structural.length)], t, meta, r, what);
                }
            }
            case DTYPE, DATA, HEADER_BYTE, TRUNCATE -> {
            }
            default -> structure(kind, t, meta, r, what);
        }
        byte[] bytes = SafeTensors.toBytes(t, meta);
        switch (kind) {
            case DTYPE -> bytes = dtype(bytes, r, what);
            case DATA -> {
                long headerEnd = 8 + ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                for (int n = 1 + r.nextInt(8); n > 0; n--) {
                    int at = (int) (headerEnd + r.nextInt((int) (bytes.length - headerEnd)));
                    bytes[at] = (byte) r.nextInt(256);
                }
                what.add("data bytes overwritten");
            }
            case HEADER_BYTE -> {
                long headerEnd = 8 + ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                int at = r.nextInt((int) headerEnd);
                bytes[at] = (byte) r.nextInt(256);
                what.add("header byte " + at + " overwritten");
            }
            case TRUNCATE -> {
                int length = r.nextInt(bytes.length);
                bytes = Arrays.copyOf(bytes, length);
                what.add("cut to " + length + " bytes");
            }
            default -> {
            }
        }
        return new Mutant(kind + ": " + String.join(", ", what), bytes);
    }

    private static void structure(Kind kind, Map<String, Tensor> t, Map<String, String> meta, Random r, List<String> what) {
        List<String> keys = new ArrayList<>(t.keySet());
        String key = keys.isEmpty() ? "cls_token" : keys.get(r.nextInt(keys.size()));
        switch (kind) {
            case RENAME -> {
                Tensor v = t.remove(key);
                String name = newName(key, r);
                if (v != null) {
                    t.put(name, v);
                }
                what.add("'" + key + "' renamed '" + name + "'");
            }
            case DROP -> {
                t.remove(key);
                what.add("'" + key + "' dropped");
            }
            case ADD -> {
                String name = newName(key, r);
                t.put(name, Tensor.randn(randomShape(r), new Generator(r.nextLong())));
                what.add("'" + name + "' added");
            }
            case RESHAPE -> {
                Tensor v = t.get(key);
                Shape s = r.nextBoolean() && v != null ? sameCount(v.shape(), r) : randomShape(r);
                t.put(key, v != null && s.numel() == v.numel() ? v.reshape(s) : Tensor.randn(s, new Generator(r.nextLong())));
                what.add("'" + key + "' now " + s);
            }
            case METADATA -> {
                String[] keysToLie = {"vit.depth", "vit.emb_size", "vit.img_size", "vit.patch_size", "vit.in_channels", "vit.n_classes",
                    "vit.expansion", "vit.num_heads", "vit.dropout", "vit.variant", "vit.name", "vit.config", "vit.input.mean",
                    "vit.labels"};
                String[] lies = {"0", "-1", "3", "999999999", "2147483647", "99999999999999999999", "", "x", "NaN", "1e9", "ARTICLE",
                    "fuzz,1,7,8,14,2,2,2,3,0.0,TIMM", "fuzz,1,7,8,14,200000000,2,2,3,0.0,TIMM", "a,b", "1,2,3"};
                String k = keysToLie[r.nextInt(keysToLie.length)];
                if (r.nextInt(5) == 0) {
                    meta.remove(k);
                    what.add("metadata " + k + " removed");
                } else {
                    String v = lies[r.nextInt(lies.length)];
                    meta.put(k, v);
                    what.add("metadata " + k + "='" + v + "'");
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    /** Another key: a neighbour's name, a block index out of range or absurd, or a stray character. */
    private static String newName(String key, Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> key.replaceFirst("blocks\\.\\d+", "blocks." + r.nextInt(4));
            case 1 -> key.replaceFirst("blocks\\.\\d+", "blocks." + (r.nextBoolean() ? "999999999" : "123456789012345678901234567890"));
            case 2 -> "blocks." + r.nextInt(1 << 30) + ".norm1.weight";
            case 3 -> key + "_";
            default -> new String[] {"fc_norm.weight", "head.weight", "pos_embed", "cls_token", "blocks.0.mlp.fc1.weight", "norm.bias"}[r.nextInt(6)];
        };
    }

    private static Shape randomShape(Random r) {
        int rank = 1 + r.nextInt(4);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(40);
        }
        if (r.nextInt(10) == 0) {
            dims[r.nextInt(rank)] = 0;
        }
        return Shape.of(dims);
    }

    /** The same number of elements in another arrangement: flattened, a leading 1 added or dropped, two dims swapped. */
    private static Shape sameCount(Shape s, Random r) {
        int[] d = s.dims().clone();
        switch (r.nextInt(3)) {
            case 0 -> {
                return Shape.of(Math.toIntExact(s.numel()));
            }
            case 1 -> {
                int[] more = new int[d.length + 1];
                more[0] = 1;
                System.arraycopy(d, 0, more, 1, d.length);
                return Shape.of(more);
            }
            default -> {
                if (d.length > 1) {
                    int a = r.nextInt(d.length);
                    int b = r.nextInt(d.length);
                    int x = d[a];
                    d[a] = d[b];
                    d[b] = x;
                }
                return Shape.of(d);
            }
        }
    }

    /** One tensor's dtype changed in the header text, the bytes left as they are. */
    private static byte[] dtype(byte[] bytes, Random r, List<String> what) {
        int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, n, StandardCharsets.UTF_8);
        List<Integer> at = new ArrayList<>();
        for (int i = header.indexOf("\"F32\""); i >= 0; i = header.indexOf("\"F32\"", i + 1)) {
            at.add(i);
        }
        String[] dtypes = {"\"F16\"", "\"BF16\"", "\"F64\"", "\"I32\"", "\"U8\"", "\"F8_E4M3\"", "\"f32\"", "\"XYZ\""};
        String to = dtypes[r.nextInt(dtypes.length)];
        int i = at.get(r.nextInt(at.size()));
        String changed = header.substring(0, i) + to + header.substring(i + 5);
        byte[] json = changed.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(bytes, 8 + n, bytes.length - 8 - n);
        what.add("a dtype F32 -> " + to);
        return out.array();
    }
}
