// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.Locale;
import vit.tensor.Tensor;

/** The reductions {@link Einops#reduce} knows, by the names einops gives them. */
enum Reduction {
    MEAN,
    SUM,
    MAX,
    MIN;

    /** {@code "mean"} to {@link #MEAN}, or an error that lists the known names. */
    static Reduction named(String pattern, String name) {
        for (Reduction r : values()) {
            if (r.label().equals(name)) {
                return r;
            }
        }
        throw new EinopsException("reduce", pattern, "unknown reduction \"" + name + "\"; use one of \"mean\", \"sum\", \"max\", \"min\"");
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reduces {@code x} over {@code dims}, dropping them. */
    Tensor apply(Tensor x, int[] dims) {
        switch (this) {
            case MEAN:
                return x.mean(dims, false);
            case SUM:
                return x.sum(dims, false);
            case MAX:
                return x.max(dims, false);
            default:
                return x.min(dims, false);
        }
    }
}
