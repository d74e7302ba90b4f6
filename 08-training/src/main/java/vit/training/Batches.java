// SPDX-License-Identifier: MIT
package vit.training;

import java.util.Iterator;
import java.util.NoSuchElementException;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Cuts a data set into mini-batches, like PyTorch's {@code DataLoader}: a fresh seeded shuffle each
 * epoch (the order of epoch {@code e} depends only on the seed and {@code e}, so a resumed run sees the
 * same batches), pixels scaled to [0, 1] and normalised with the training set's mean and std:
 * {@code x = (pixel / 255 - 0.2860) / 0.3530}. The last batch may be smaller.
 */
public final class Batches {
    private final FashionMnist data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;

    /** One mini-batch: {@code images} {@code [B, 1, H, W]}, {@code labels} {@code [B]} (class indices as floats). */
    public record Batch(Tensor images, Tensor labels, int[] indices) {
        public int size() {
            return indices.length;
        }
    }

    public Batches(FashionMnist data, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** Batches per epoch. */
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    public FashionMnist data() {
        return data;
    }

    /** The order in which epoch {@code epoch} visits the images: a Fisher-Yates shuffle, or 0, 1, 2, ... */
    public int[] order(int epoch) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Generator gen = new Generator(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = gen.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** The batches of one epoch, built one at a time as they are asked for. */
    public Iterable<Batch> epoch(int epoch) {
        int[] order = order(epoch);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(order.length, next + batchSize);
                int[] indices = java.util.Arrays.copyOfRange(order, next, end);
                next = end;
                return batch(indices);
            }
        };
    }

    /** The images at {@code indices}, normalised, with their labels. */
    public Batch batch(int[] indices) {
        int h = data.height();
        int w = data.width();
        int pixels = h * w;
        float[] x = new float[indices.length * pixels];
        float[] y = new float[indices.length];
        byte[] raw = data.images().data();
        float scale = 1f / (255f * FashionMnist.STD);
        float shift = FashionMnist.MEAN / FashionMnist.STD;
        for (int b = 0; b < indices.length; b++) {
            int from = indices[b] * pixels;
            for (int p = 0; p < pixels; p++) {
                x[b * pixels + p] = (raw[from + p] & 0xFF) * scale - shift;
            }
            y[b] = data.label(indices[b]);
        }
        return new Batch(Tensor.of(x, Shape.of(indices.length, 1, h, w)), Tensor.of(y, Shape.of(indices.length)), indices);
    }
}
