// SPDX-License-Identifier: MIT
package vit.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vit.tensor.Shape;

/**
 * The one strict "every key, every shape" check, as PyTorch's {@code load_state_dict(strict=True)}: every key
 * the model has must be there with its shape, and nothing else may be. {@link Module#loadStateDict}, chapter 07's
 * timm checkpoints and chapter 08's saved models all load through it, so a problem reads the same everywhere.
 *
 * <p>The message is one line however damaged the input: the first {@link #SHOWN} problems and a count of the rest.
 */
public final class StrictLoad {
    /** How many problems a message spells out; a file with a million stray keys still gets one readable line. */
    public static final int SHOWN = 6;

    private StrictLoad() {
    }

    /** Every missing, mis-shaped and unexpected key, in that order (the latter two sorted by name). */
    public static List<String> problems(Map<String, Shape> expected, Map<String, Shape> actual) {
        List<String> problems = new ArrayList<>();
        expected.forEach((k, s) -> {
            Shape got = actual.get(k);
            if (got == null) {
                problems.add("missing key '" + k + "' (expected shape " + s + ")");
            } else if (!got.equals(s)) {
                problems.add("wrong shape for '" + k + "': expected " + s + ", got " + got);
            }
        });
        new TreeMap<>(actual).forEach((k, s) -> {
            if (!expected.containsKey(k)) {
                problems.add("unexpected key '" + k + "' (shape " + s + ")");
            }
        });
        return problems;
    }

    /** {@code "N problems: a; b; c; ... and M more"}, on one line. */
    public static String describe(List<String> problems) {
        int n = problems.size();
        StringBuilder s = new StringBuilder(n + (n == 1 ? " problem: " : " problems: "));
        s.append(String.join("; ", problems.subList(0, Math.min(n, SHOWN))));
        if (n > SHOWN) {
            s.append("; ... and ").append(n - SHOWN).append(" more");
        }
        return s.toString();
    }
}
