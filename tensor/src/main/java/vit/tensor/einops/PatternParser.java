// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns pattern text into a {@link Pattern}, one side at a time, with a hand-written scanner: the grammar
 * is small enough that each error can say exactly where and what went wrong.
 *
 * <pre>
 * pattern := side "->" side
 * side    := (group)*
 * group   := axis | "(" axis* ")"
 * axis    := name | number | "..."
 * </pre>
 * A number 1 means "a dimension of size 1" (like {@code ()}); inside parentheses it adds nothing.
 */
final class PatternParser {
    private final String operation;
    private final String text;

    PatternParser(String operation, String text) {
        this.operation = operation;
        this.text = text;
    }

    Pattern parse() {
        if (text == null) {
            throw new IllegalArgumentException(operation + ": the pattern is null");
        }
        int arrow = text.indexOf("->");
        if (arrow < 0) {
            throw error("a pattern needs \"->\" between the input and the output side");
        }
        if (text.indexOf("->", arrow + 2) >= 0) {
            throw error("\"->\" appears more than once");
        }
        List<Group> left = side(0, arrow, "left");
        List<Group> right = side(arrow + 2, text.length(), "right");
        return new Pattern(text, left, right);
    }

    private List<Group> side(int from, int to, String sideName) {
        List<Group> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Axis> open = null;
        int openAt = -1;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                if (open != null) {
                    throw error("nested parenthesis at position " + i + " (groups cannot contain groups)");
                }
                open = new ArrayList<>();
                openAt = i++;
            } else if (c == ')') {
                if (open == null) {
                    throw error("')' at position " + i + " closes no '('");
                }
                groups.add(new Group(open, true));
                open = null;
                i++;
            } else if (text.startsWith("...", i)) {
                if (seen.contains(Axis.ELLIPSIS)) {
                    throw error("the ellipsis \"...\" appears twice on the " + sideName + " side");
                }
                if (open != null && sideName.equals("left")) {
                    throw error("the ellipsis \"...\" cannot be inside parentheses on the left side");
                }
                seen.add(Axis.ELLIPSIS);
                addAxis(groups, open, Axis.ellipsis());
                i += 3;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < to && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String word = text.substring(i, end);
                Axis axis = word(word, i, sideName, seen);
                if (axis != null) {
                    addAxis(groups, open, axis);
                } else if (open == null) {
                    groups.add(new Group(List.of(), false));
                }
                i = end;
            } else {
                throw error("unexpected character '" + c + "' at position " + i);
            }
        }
        if (open != null) {
            throw error("'(' at position " + openAt + " is never closed");
        }
        return groups;
    }

    /** The axis a word stands for, or null for the number 1 (a unit dimension, not an axis). */
    private Axis word(String word, int at, String sideName, Set<String> seen) {
        if (Character.isDigit(word.charAt(0))) {
            if (!word.chars().allMatch(Character::isDigit)) {
                throw error("'" + word + "' at position " + at + " is not a valid axis name (names are letters, digits and _,"
                    + " not starting with a digit)");
            }
            int size;
            try {
                size = Integer.parseInt(word);
            } catch (NumberFormatException e) {
                throw error("anonymous axis " + word + " at position " + at + " is too large");
            }
            if (size == 0) {
                throw error("anonymous axis 0 at position " + at + ": sizes must be positive");
            }
            return size == 1 ? null : Axis.anonymous(size);
        }
        if (!seen.add(word)) {
            throw error("axis '" + word + "' appears twice on the " + sideName + " side");
        }
        return Axis.named(word);
    }

    private static void addAxis(List<Group> groups, List<Axis> open, Axis axis) {
        if (open != null) {
            open.add(axis);
        } else {
            groups.add(new Group(List.of(axis), false));
        }
    }

    private EinopsException error(String reason) {
        return new EinopsException(operation, text, reason);
    }
}
