// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.Arrays;

/**
 * The sizes of a tensor's dimensions, printed the way PyTorch prints them: {@code [1, 197, 768]}.
 *
 * <p>Immutable. Negative dimension indices count from the end, as in PyTorch ({@code -1} is the last).
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("negative size " + dims[i] + " at dim " + i + " in " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The shape of a scalar (zero dimensions, one element). */
    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code d}; negative {@code d} counts from the end. */
    public int dim(int d) {
        return dims[normalize(d)];
    }

    /** A copy of the sizes. */
    public int[] dims() {
        return dims.clone();
    }

    public long numel() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Maps a possibly negative dimension index to {@code [0, rank)}, or explains why it cannot. */
    public int normalize(int d) {
        int r = dims.length;
        int n = d < 0 ? d + r : d;
        if (n < 0 || n >= r) {
            throw new IllegalArgumentException(
                "dimension out of range (expected to be in range of [" + (-r) + ", " + (r - 1) + "], but got " + d + ") for shape " + this);
        }
        return n;
    }

    /** Row-major strides of a contiguous tensor of this shape. */
    public int[] contiguousStrides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** This shape with dimension {@code d} replaced by {@code size}. */
    public Shape with(int d, int size) {
        int[] copy = dims.clone();
        copy[normalize(d)] = size;
        return new Shape(copy);
    }

    /** The broadcast of two shapes, by NumPy's rules; fails naming both shapes. */
    public static Shape broadcast(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b
                    + " cannot be broadcast: size " + da + " vs " + db + " at dimension " + i + " of the result");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** PyTorch's list form, {@code [1, 197, 768]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
