// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The arrays of released CPU tensors, kept by length for the next tensor of that length. A training step makes the
 * same activations every time; closed at the end of the step ({@code MemoryScope}), their arrays serve the next step
 * instead of the garbage collector: a fresh young generation each step cost a quarter of the time in zeroing new
 * arrays and in copying the step's live activations to the survivor spaces, and new memory is cold in the caches.
 *
 * <p>Only arrays that {@link CpuBackend#allocate} made come here, never one a caller handed in ({@code upload}), and an
 * array comes back out zeroed, as {@code new float[n]} would be. The pool holds at most {@link #LIMIT_BYTES} (a quarter
 * of the heap's limit), through soft references, so that the collector takes the arrays back before it would run out of
 * memory: a pool never makes a program fail that ran without it. Arrays below {@link #MIN_LENGTH} floats are left to
 * the collector, which makes them cheaply.
 */
final class ArrayPool {
    static final int MIN_LENGTH = 1 << 12;
    static final long LIMIT_BYTES = Runtime.getRuntime().maxMemory() / 4;

    private static final Map<Integer, ArrayDeque<Entry>> FREE = new HashMap<>();
    /** Entries whose array the collector took back: their bytes leave {@link #pooledBytes} at the next call. */
    private static final ReferenceQueue<float[]> CLEARED = new ReferenceQueue<>();
    private static long pooledBytes;

    /** A pooled array, softly held; it knows its length after the collector has cleared it. */
    private static final class Entry extends SoftReference<float[]> {
        final int length;

        Entry(float[] a) {
            super(a, CLEARED);
            this.length = a.length;
        }
    }

    private ArrayPool() {
    }

    /** A zeroed array of {@code length} floats: a released one when the pool has one, else a new one. */
    static float[] take(int length) {
        float[] a = pooled(length);
        if (a == null) {
            return new float[length];
        }
        Arrays.fill(a, 0f);
        return a;
    }

    /**
     * An array of {@code length} floats holding anything, for a result its kernel writes in full: a released one as it
     * was left, without {@link #take}'s zeroing (one thread writing every float: 7% of a batch of 8 ViT-B/16 images at
     * AVX2, 5% of a training step at 128 bits), else a new (zeroed) one.
     */
    static float[] takeUninitialized(int length) {
        float[] a = pooled(length);
        return a != null ? a : new float[length];
    }

    /** A released array of {@code length} floats, taken out of the pool, or null. */
    private static float[] pooled(int length) {
        if (length < MIN_LENGTH) {
            return null;
        }
        synchronized (FREE) {
            forgetCleared();
            ArrayDeque<Entry> q = FREE.get(length);
            while (q != null && !q.isEmpty()) {
                Entry e = q.poll();
                float[] a = e.get();
                e.clear(); // out of the pool: forgetCleared no longer finds it, so its bytes leave here, once
                pooledBytes -= (long) Float.BYTES * length;
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    /** Gives {@code a} back; the caller must hold no other reference to it. */
    static void give(float[] a) {
        if (a.length < MIN_LENGTH) {
            return;
        }
        long bytes = (long) Float.BYTES * a.length;
        synchronized (FREE) {
            forgetCleared();
            if (pooledBytes + bytes > LIMIT_BYTES) {
                return;
            }
            FREE.computeIfAbsent(a.length, n -> new ArrayDeque<>()).push(new Entry(a));
            pooledBytes += bytes;
        }
    }

    /** Drops the entries the collector cleared (a cleared entry still queued is skipped by {@link #take}). */
    private static void forgetCleared() {
        for (var r = CLEARED.poll(); r != null; r = CLEARED.poll()) {
            Entry e = (Entry) r;
            ArrayDeque<Entry> q = FREE.get(e.length);
            if (q != null && q.remove(e)) {
                pooledBytes -= (long) Float.BYTES * e.length;
            }
        }
    }

    /** Floats held for reuse now. */
    static long pooledFloats() {
        synchronized (FREE) {
            forgetCleared();
            return pooledBytes / Float.BYTES;
        }
    }
}
