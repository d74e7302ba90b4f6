// SPDX-License-Identifier: MIT
package vit.tensor.einops;

/**
 * One elementary axis of a pattern: a name such as {@code h}, an anonymous size such as {@code 3}, or the
 * ellipsis {@code ...}, which stands for all the dimensions the pattern does not name.
 *
 * <p>Anonymous axes are each distinct, as in einops: the {@code 3} on the left of a pattern is not the
 * {@code 3} on its right, so they are compared by identity, never by value.
 */
final class Axis {
    /** The name the ellipsis is known by in error messages. */
    static final String ELLIPSIS = "...";

    private final String name;
    private final int size;

    private Axis(String name, int size) {
        this.name = name;
        this.size = size;
    }

    static Axis named(String name) {
        return new Axis(name, -1);
    }

    static Axis anonymous(int size) {
        return new Axis(null, size);
    }

    static Axis ellipsis() {
        return new Axis(ELLIPSIS, -1);
    }

    boolean isNamed() {
        return name != null && !isEllipsis();
    }

    boolean isAnonymous() {
        return name == null;
    }

    boolean isEllipsis() {
        return ELLIPSIS.equals(name);
    }

    /** The name, or null for an anonymous axis. */
    String name() {
        return name;
    }

    /** The size written in the pattern for an anonymous axis; -1 otherwise. */
    int size() {
        return size;
    }

    @Override
    public String toString() {
        return isAnonymous() ? Integer.toString(size) : name;
    }
}
