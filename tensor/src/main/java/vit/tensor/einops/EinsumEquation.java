// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A parsed einsum equation such as {@code bhqd,bhkd->bhqk}: one letter per dimension of each operand, and
 * the letters of the output. Without {@code ->} (the implicit form) the output is every letter that
 * appears exactly once, in alphabetical order, as in NumPy and PyTorch.
 *
 * @param text    the equation as written, quoted in errors
 * @param inputs  each operand's letters, e.g. {@code ["bhqd", "bhkd"]}
 * @param output  the result's letters, e.g. {@code "bhqk"}
 */
record EinsumEquation(String text, List<String> inputs, String output) {
    EinsumEquation {
        inputs = List.copyOf(inputs);
    }

    static EinsumEquation parse(String text, int operands) {
        if (text == null) {
            throw new IllegalArgumentException("einsum: the equation is null");
        }
        String compact = text.replaceAll("\\s+", "");
        int arrow = compact.indexOf("->");
        if (arrow >= 0 && compact.indexOf("->", arrow + 2) >= 0) {
            throw error(text, "\"->\" appears more than once");
        }
        String lhs = arrow < 0 ? compact : compact.substring(0, arrow);
        List<String> inputs = List.of(lhs.split(",", -1));
        if (inputs.size() != operands) {
            throw error(text, "the equation has " + inputs.size() + " operand" + (inputs.size() == 1 ? "" : "s")
                + " before \"->\", but " + operands + " tensor" + (operands == 1 ? " was" : "s were") + " given");
        }
        for (int i = 0; i < inputs.size(); i++) {
            checkLetters(text, inputs.get(i), "operand " + i);
        }
        String output = arrow < 0 ? implicitOutput(inputs) : compact.substring(arrow + 2);
        checkLetters(text, output, "the output");
        for (char c : output.toCharArray()) {
            if (inputs.stream().noneMatch(in -> in.indexOf(c) >= 0)) {
                throw error(text, "index '" + c + "' of the output appears in no operand");
            }
        }
        return new EinsumEquation(text, inputs, output);
    }

    /** Every index used exactly once across the operands, sorted. */
    private static String implicitOutput(List<String> inputs) {
        String all = String.join("", inputs);
        TreeSet<Character> once = new TreeSet<>();
        for (char c : all.toCharArray()) {
            if (all.indexOf(c) == all.lastIndexOf(c)) {
                once.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        once.forEach(sb::append);
        return sb.toString();
    }

    private static void checkLetters(String text, String term, String what) {
        List<Character> seen = new ArrayList<>();
        for (char c : term.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                throw error(text, "'" + c + "' in " + what + " \"" + term + "\" is not an index; indices are single letters a-z, A-Z"
                    + (c == '.' ? " (the ellipsis is not supported)" : ""));
            }
            if (seen.contains(c)) {
                throw error(text, "index '" + c + "' appears twice in " + what + " \"" + term + "\""
                    + (what.startsWith("operand") ? "; diagonals are not supported" : ""));
            }
            seen.add(c);
        }
    }

    static EinopsException error(String text, String reason) {
        return new EinopsException("einsum", text, reason);
    }
}
