// SPDX-License-Identifier: MIT
package vit.training;

import vit.tensor.Generator;

/**
 * A stand-in for Fashion-MNIST when the real files are missing: 28 x 28 pictures of one bright bar on
 * noise, horizontal for classes 0-4 and vertical for 5-9, its place given by the class. It is easy on
 * purpose: the demo only has to show the loss falling within seconds.
 */
public final class Synthetic {
    private Synthetic() {
    }

    public static FashionMnist make(int n, long seed) {
        Generator gen = new Generator(seed);
        int side = 28;
        byte[] images = new byte[n * side * side];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = gen.nextInt(10);
            labels[i] = (byte) label;
            int at = 2 + 5 * (label % 5) + gen.nextInt(2);                 // the bar's first row or column
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int along = label < 5 ? r : c;
                    boolean bar = along >= at && along < at + 3;
                    int value = (bar ? 180 : 20) + gen.nextInt(60);
                    images[(i * side + r) * side + c] = (byte) value;
                }
            }
        }
        return new FashionMnist(new Idx(new int[] {n, side, side}, images), new Idx(new int[] {n}, labels));
    }
}
