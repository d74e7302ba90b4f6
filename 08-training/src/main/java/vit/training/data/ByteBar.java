// SPDX-License-Identifier: MIT
package vit.training.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A download's progress on one line, redrawn in place:
 * {@code train-images-idx3-ubyte.gz [##########..............] 11.2/26.4 MB 3.1 MB/s}. Like the training bar
 * ({@link vit.training.Progress}) it redraws at most every 250 ms; without a known length it shows the bytes so far.
 */
final class ByteBar {
    private static final int WIDTH = 24;
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    ByteBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void update(long bytes) {
        long now = System.nanoTime();
        if (now - lastDraw >= EVERY_NANOS) {
            lastDraw = now;
            draw(line(bytes, now));
        }
    }

    void done(long bytes) {
        draw(line(bytes, System.nanoTime()));
        out.println();
    }

    String line(long bytes, long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        String rate = String.format(Locale.ROOT, "%.1f MB/s", bytes / 1e6 / seconds);
        boolean small = Math.max(bytes, total) < 1_000_000;     // the label files: 5 and 29 kB
        double unit = small ? 1e3 : 1e6;
        String name = small ? "kB" : "MB";
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s %.1f %s %s", label, bytes / unit, name, rate);
        }
        int filled = (int) Math.min(WIDTH, WIDTH * bytes / total);
        return String.format(Locale.ROOT, "%s [%s%s] %.1f/%.1f %s %s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
            bytes / unit, total / unit, name, rate);
    }

    private void draw(String line) {
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        out.print("\r" + line + pad);
        out.flush();
        lastLength = line.length();
    }
}
