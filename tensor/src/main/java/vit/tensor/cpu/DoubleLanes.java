// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float rows worked on in double, for the kernels that keep the double precision of {@link Formulas} (softmax, layer
 * norm, column sums): double vectors of the float species' shape, half as many lanes, and a per-thread buffer. Only
 * that one float shape is used anywhere: a second one (a 256-bit float vector here) polluted the type profile of the
 * Vector API's shared code, and the GEMM kernel ran four times slower.
 *
 * <p>The conversions between one vector of floats and two of doubles are written out where they are used, not
 * wrapped here: a vector passed to or returned from a call the JIT does not inline is boxed (a version that wrapped
 * them ran layer norm at 545 M elements/s instead of 1,425).
 */
final class DoubleLanes {
    /** Doubles in a vector of {@link GemmKernel#SPECIES}'s shape: both are the CPU's preferred shape. */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Lanes of {@link #SPECIES}: half of {@link GemmKernel#L}. */
    static final int L = SPECIES.length();
    /**
     * The upper half of a float vector's lanes, where {@code convertShape(D2F, GemmKernel.SPECIES, -1)} puts a vector of
     * doubles: two such conversions blended with it make one vector of floats.
     */
    static final VectorMask<Float> UPPER = VectorMask.fromLong(GemmKernel.SPECIES, -1L << L);
    /**
     * Whether the kernels convert between floats and doubles in vectors ({@code convertShape} with a part), or one
     * element at a time. The vector form needs a double vector of as many lanes as the float one, twice its width: with
     * 512-bit floats the JIT has it in registers, but with 256-bit floats on AVX2 the 512-bit double vector does not
     * exist and the Vector API falls back to Java code, far slower than converting one element at a time.
     */
    static final boolean VECTOR_CONVERSIONS = GemmKernel.SPECIES.vectorBitSize() >= 512;

    private DoubleLanes() {
    }

    /** The calling thread's buffer in {@code cache}, grown to at least {@code size} doubles (kept for the next call). */
    static double[] buffer(ThreadLocal<double[]> cache, int size) {
        double[] buf = cache.get();
        if (buf.length < size) {
            buf = new double[size];
            cache.set(buf);
        }
        return buf;
    }
}
