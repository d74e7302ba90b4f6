// SPDX-License-Identifier: MIT
package vit.tensor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * The PyTorch reference tensors (classpath {@code /fixtures/}, see its README) and the comparison
 * every chapter's tests use: relative error {@code ||actual - expected|| / ||expected||} in float64,
 * with the largest absolute difference printed beside it.
 *
 * <p>Shipped in the tensor module's test-jar, so the chapters share it instead of copying it.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The tensors of a fixture file, e.g. {@code load("vit-mini/weights.safetensors")}. */
    public static Map<String, Tensor> load(String resource) {
        String path = "/fixtures/" + resource;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path + " on the classpath (see fixtures/README.md)");
            }
            // Read from the stream, not a Path: in another module's tests the fixture sits inside a jar.
            return SafeTensors.read(in.readAllBytes(), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ||actual - expected||_2 / ||expected||_2}, in float64; 0 if both are all zeros. */
    public static double relativeError(Tensor actual, Tensor expected) {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        if (a.length != e.length) {
            throw new IllegalArgumentException("shapes differ: " + actual.shape() + " vs " + expected.shape());
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - e[i];
            diff += d * d;
            norm += (double) e[i] * e[i];
        }
        if (norm == 0) {
            return diff == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(diff) / Math.sqrt(norm);
    }

    /**
     * Fails unless {@code actual} has {@code expected}'s shape and a relative error of at most
     * {@code maxRelErr}; prints one line like {@code patches [2, 16, 64] rel err 3.1e-08 max abs 1.2e-07}.
     */
    public static void assertClose(String what, Tensor actual, Tensor expected, double maxRelErr) {
        if (!actual.shape().equals(expected.shape())) {
            throw new AssertionError(what + ": shape " + actual.shape() + " but expected " + expected.shape());
        }
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        double maxAbs = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - e[i]);
            maxAbs = Double.isNaN(d) || d > maxAbs ? d : maxAbs;
            if (Double.isNaN(maxAbs)) {
                break;
            }
        }
        double rel = relativeError(actual, expected);
        String line = String.format(Locale.ROOT, "%s %s rel err %.1e max abs %.1e", what, actual.shape(), rel, maxAbs);
        System.out.println(line);
        if (!(rel <= maxRelErr)) {
            throw new AssertionError(line + ", more than the allowed rel err " + String.format(Locale.ROOT, "%.1e", maxRelErr));
        }
    }
}
