// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/** {@link GeluTable} against the reference formulas of {@link Formulas}, on random inputs across and beyond the table. */
class GeluTableTest extends GeluChecks {
    GeluTableTest() {
        super("GeluTable", GeluTable::gelu, GeluTable::geluGrad);
    }

    @Override
    float[] inputs(long seed) {
        // its special 5%: the table's nodes exactly
        float[] xs = randomInputs(seed, r -> Math.round(r.nextDouble(-8, 8) * GeluTable.STEPS_PER_UNIT) / (double) GeluTable.STEPS_PER_UNIT);
        xs[0] = (float) GeluTable.LO;
        xs[1] = (float) GeluTable.HI;
        xs[2] = Math.nextDown((float) GeluTable.HI);
        xs[3] = 0f;
        xs[4] = -0f;
        return xs;
    }

    @Override
    void loop(int which, float[] x, int xOff, int xStep, float[] o, int oOff, float[] d, int dOff, int count) {
        if (which == 0) {
            GeluTable.gelu(x, xOff, xStep, o, oOff, count);
        } else if (which == 1) {
            GeluTable.geluGrad(x, xOff, xStep, o, oOff, count);
        } else {
            GeluTable.geluWithGrad(x, xOff, xStep, o, oOff, d, dOff, count);
        }
    }

    @Override
    int[] counts() {
        return new int[] {1, 2, 7, 33, 1001};
    }
}
