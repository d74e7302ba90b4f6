// SPDX-License-Identifier: MIT
package vit.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar, redrawn in place with a carriage return:
 * {@code epoch 1/5 [#########.........] 190/469 loss 0.612 acc 77.9% 412 img/s}. Redraws at most every
 * {@code 250 ms} so printing never slows training; {@link #done} prints the final state and a newline.
 */
public final class Progress {
    private static final int WIDTH = 24;
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    public Progress(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Reports {@code done} of {@code total} steps, with running loss and accuracy and {@code images} seen so far. */
    public void update(int done, double loss, double accuracy, long images) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < EVERY_NANOS) {
            return;
        }
        lastDraw = now;
        draw(line(done, loss, accuracy, images, now));
    }

    /** Draws the final state and ends the line. */
    public void done(int done, double loss, double accuracy, long images) {
        draw(line(done, loss, accuracy, images, System.nanoTime()));
        out.println();
    }

    /** Seconds since the bar was made. */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    String line(int done, double loss, double accuracy, long images, long now) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d loss %.3f acc %.1f%% %.0f img/s", label, "#".repeat(filled),
            ".".repeat(WIDTH - filled), done, total, loss, 100 * accuracy, images / seconds);
    }

    private void draw(String line) {
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        out.print("\r" + line + pad);
        out.flush();
        lastLength = line.length();
    }
}
