// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits a loop over independent items across CPU threads.
 *
 * <p>Each item is computed by exactly one thread with the same arithmetic whatever the thread count, so
 * results never depend on it. The count defaults to the number of cores, or the system property
 * {@code vit.threads}; {@link #withThreads(int)} changes it for the calling thread within a scope.
 */
public final class Parallel {
    private static final int DEFAULT_THREADS = Integer.getInteger("vit.threads", Runtime.getRuntime().availableProcessors());
    private static final ThreadLocal<Integer> SCOPED = new ThreadLocal<>();
    private static final java.util.concurrent.ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new java.util.concurrent.ConcurrentHashMap<>();

    private Parallel() {
    }

    /** A body that handles items {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** The number of threads kernels started from this thread use. */
    public static int threads() {
        Integer t = SCOPED.get();
        return t != null ? t : DEFAULT_THREADS;
    }

    /** Runs kernels started from this thread on {@code n} threads until the returned scope is closed. */
    public static AutoCloseable withThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        Integer previous = SCOPED.get();
        SCOPED.set(n);
        return () -> {
            if (previous == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(previous);
            }
        };
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks; {@code grain} is the smallest chunk worth a task
     * (use the number of items whose work is about 10-50 microseconds).
     */
    public static void range(int n, int grain, Range body) {
        int threads = threads();
        if (n <= 0) {
            return;
        }
        if (threads <= 1 || n <= grain || inWorker()) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(threads * 4, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        pool(threads).invoke(new Chunks(body, n, chunks, 0, chunks));
    }

    private static boolean inWorker() {
        return Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread;
    }

    /** One pool per thread count, kept for the life of the process (a handful at most). */
    private static ForkJoinPool pool(int threads) {
        return POOLS.computeIfAbsent(threads, n -> new ForkJoinPool(n, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false));
    }

    private static final class Chunks extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Range body;
        private final int n;
        private final int chunks;
        private final int lo;
        private final int hi;

        Chunks(Range body, int n, int chunks, int lo, int hi) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                int from = (int) ((long) n * lo / chunks);
                int to = (int) ((long) n * (lo + 1) / chunks);
                body.run(from, to);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Chunks(body, n, chunks, lo, mid), new Chunks(body, n, chunks, mid, hi));
        }
    }
}
