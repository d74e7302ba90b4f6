// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * {@link GeluKernel}: its plain scalar versions against the exact formulas of {@link Formulas}, on random inputs across
 * and beyond its range; and its vector loop against those plain versions, bit for bit, at this JVM's vector width
 * (whether or not the loop is the one used at this width: {@link GeluKernel#loop} runs regardless).
 */
class GeluKernelTest extends GeluChecks {
    GeluKernelTest() {
        super("GeluKernel (" + DoubleLanes.L + " doubles a vector)", GeluKernel::gelu, GeluKernel::geluGrad);
    }

    @Override
    float[] inputs(long seed) {
        // its special 5%: inputs very close to 0
        float[] xs = randomInputs(seed, r -> r.nextGaussian() * 1e-4);
        xs[0] = (float) GeluKernel.LO;
        xs[1] = (float) GeluKernel.HI;
        xs[2] = Math.nextDown((float) GeluKernel.HI);
        xs[3] = Math.nextDown((float) GeluKernel.LO);
        xs[4] = 0f;
        xs[5] = -0f;
        xs[6] = Float.MIN_VALUE;
        xs[7] = -0.7517916f; // about GELU''s root
        return xs;
    }

    /** {@link GeluKernel#loop}, whatever {@link GeluKernel#VECTOR} says. */
    @Override
    void loop(int which, float[] x, int xOff, int xStep, float[] o, int oOff, float[] d, int dOff, int count) {
        GeluKernel.loop(x, xOff, xStep, o, oOff, which == 2 ? d : null, dOff, count, which == 1);
    }

    /** Odd counts, counts either side of the kernel's chunk, and counts past two chunks. */
    @Override
    int[] counts() {
        int chunk = GeluKernel.CHUNK;
        return new int[] {1, 2, 3, 7, 33, chunk - 1, chunk, chunk + 1, 2 * chunk + 3, 1001, 2600};
    }
}
