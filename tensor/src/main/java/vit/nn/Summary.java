// SPDX-License-Identifier: MIT
package vit.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * A parameter table in the style of {@code torchsummary.summary(model, inputSize)}: one row per layer
 * that ran (in the order they finished), with its output shape ({@code -1} for the batch) and its
 * parameters, then totals.
 *
 * <p>Unlike torchsummary, a row counts every parameter the layer owns, so the total is the true one.
 * torchsummary only counts attributes named {@code weight} and {@code bias}: it misses the article's
 * {@code cls_token} and {@code positions}. {@link #torchsummaryTotal()} reproduces its figure.
 */
public final class Summary {
    private static final ThreadLocal<Recorder> RECORDER = new ThreadLocal<>();

    /** One layer that ran. */
    public record Row(String name, Shape outputShape, long params, long weightAndBiasParams) {
    }

    private final List<Row> rows;
    private final long total;

    private Summary(List<Row> rows, long total) {
        this.rows = rows;
        this.total = total;
    }

    /** Runs {@code model} once on zeros of {@code inputShape} (batch first) and records every layer. */
    public static Summary of(Module model, Shape inputShape) {
        Recorder r = new Recorder(model);
        RECORDER.set(r);
        try (var scope = MemoryScope.open(); var off = GradMode.disabled()) {
            model.apply(Tensor.zeros(inputShape, deviceOf(model)));
        } finally {
            RECORDER.remove();
        }
        return new Summary(r.rows, model.parameterCount());
    }

    private static vit.tensor.Device deviceOf(Module m) {
        var ps = m.parameters();
        return ps.isEmpty() ? vit.tensor.Device.CPU : ps.get(0).value().device();
    }

    static Recorder recorder() {
        return RECORDER.get();
    }

    /**
     * Whether a summary is recording on this thread: a module that runs two children in one call (chapter 05's
     * {@code FeedForwardBlock}) runs them one by one then, so each still gets its row.
     */
    public static boolean isRecording() {
        return RECORDER.get() != null;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Every parameter of the model: the true count. */
    public long total() {
        return total;
    }

    /** What torchsummary prints as "Total params": only {@code weight} and {@code bias} of the layers that ran. */
    public long torchsummaryTotal() {
        return rows.stream().mapToLong(Row::weightAndBiasParams).sum();
    }

    /** The table, laid out as torchsummary lays it out. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String line = "-".repeat(64) + "\n";
        String dline = "=".repeat(64) + "\n";
        sb.append(line);
        sb.append(String.format(Locale.ROOT, "%20s  %25s %15s%n", "Layer (type)", "Output Shape", "Param #"));
        sb.append(dline);
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, "%20s  %25s %15s%n", row.name(), batchless(row.outputShape()), grouped(row.params())));
        }
        sb.append(dline);
        sb.append("Total params: ").append(grouped(total)).append('\n');
        sb.append("Trainable params: ").append(grouped(total)).append('\n'); // every Parameter requires grad
        sb.append("Non-trainable params: 0\n");
        sb.append(line);
        sb.append(String.format(Locale.ROOT, "Params size (MB): %.2f%n", total * 4 / 1024.0 / 1024.0));
        sb.append(line);
        return sb.toString();
    }

    /** {@code [1, 197, 768]} printed as torchsummary does, {@code [-1, 197, 768]}. */
    static String batchless(Shape s) {
        if (s.rank() == 0) {
            return "[]";
        }
        int[] d = s.dims();
        StringBuilder sb = new StringBuilder("[-1");
        for (int i = 1; i < d.length; i++) {
            sb.append(", ").append(d[i]);
        }
        return sb.append(']').toString();
    }

    /** {@code 86567656} as {@code 86,567,656}. */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Collects rows while a summary's forward pass runs. */
    static final class Recorder {
        private final Module root;
        private final List<Row> rows = new ArrayList<>();

        Recorder(Module root) {
            this.root = root;
        }

        void record(Module m, Tensor y) {
            // Like torchsummary: containers (Sequential and its subclasses) and the model itself get no row.
            if (m == root || m instanceof Sequential) {
                return;
            }
            long own = 0;
            long wb = 0;
            for (var e : m.localParameters().entrySet()) {
                own += e.getValue().numel();
                if (e.getKey().equals("weight") || e.getKey().equals("bias")) {
                    wb += e.getValue().numel();
                }
            }
            String name = m.getClass().getSimpleName() + "-" + (rows.size() + 1);
            rows.add(new Row(name, y.shape(), own, wb));
        }
    }
}
