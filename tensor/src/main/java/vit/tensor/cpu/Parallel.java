// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a loop over independent items across CPU threads.
 *
 * <p>Each item is computed by exactly one thread with the same arithmetic whatever the thread count, so
 * results never depend on it. The count defaults to the number of cores, or the system property
 * {@code vit.threads}; {@link #withThreads(int)} changes it for the calling thread within a scope.
 *
 * <p>A forward pass makes hundreds of these calls, many of them tens of microseconds long, so the cost of
 * starting one matters as much as the split: a {@link java.util.concurrent.ForkJoinPool} took longer to wake its
 * workers and the caller than a small kernel's work. Here the calling thread takes chunks itself, and
 * a team of {@code threads - 1} workers per thread count waits for the next call by spinning for
 * {@code vit.spinMicros} (default {@value #DEFAULT_SPIN_MICROS}) microseconds before it parks: back-to-back calls
 * start in well under a microsecond, and an idle process uses no CPU. A team larger than the number of cores parks
 * at once instead. Chunks are handed out in order from a
 * shared counter, so a late worker just finds none left. A call made while the team is busy (from inside a
 * chunk, or from another thread) runs on the calling thread alone.
 */
public final class Parallel {
    private static final int DEFAULT_THREADS = Integer.getInteger("vit.threads", Runtime.getRuntime().availableProcessors());
    private static final int DEFAULT_SPIN_MICROS = 200;
    private static final long SPIN_NANOS = 1000L * Integer.getInteger("vit.spinMicros", DEFAULT_SPIN_MICROS);
    private static final int CHUNKS_PER_THREAD = 16;
    private static final ThreadLocal<Integer> SCOPED = new ThreadLocal<>();
    private static final ConcurrentHashMap<Integer, Team> TEAMS = new ConcurrentHashMap<>();

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
        // Up to 16 chunks per thread: whoever finishes first waits for the others' last chunk, so the last chunks must be
        // short; 4 per thread kept the caller waiting about twice as long (docs/PERFORMANCE.md, e16463e).
        int chunks = Math.min(threads * CHUNKS_PER_THREAD, Math.max(1, n / Math.max(1, grain)));
        if (threads <= 1 || chunks <= 1 || Thread.currentThread() instanceof Worker) {
            body.run(0, n);
            return;
        }
        Team team = TEAMS.computeIfAbsent(threads, Team::new);
        if (!team.busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            Job job = new Job(body, n, chunks);
            team.start(job);
            job.work();
            job.awaitDone();
            job.rethrow();
        } finally {
            team.busy.set(false);
        }
    }

    /** One call of {@link #range}: its chunks, handed out in order, and how many have finished. */
    private static final class Job {
        private final Range body;
        private final int n;
        private final int chunks;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(Range body, int n, int chunks) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
        }

        void work() {
            int chunk;
            while ((chunk = next.getAndIncrement()) < chunks) {
                try {
                    if (failure == null) {
                        body.run((int) ((long) n * chunk / chunks), (int) ((long) n * (chunk + 1) / chunks));
                    }
                } catch (Throwable t) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = t;
                        } else if (failure != t) {
                            failure.addSuppressed(t);
                        }
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void awaitDone() {
            int spins = 0;
            while (done.get() < chunks) {
                if (++spins < 1 << 16) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** {@code size - 1} worker threads that run the chunks of one {@link Job} at a time beside its caller. */
    private static final class Team {
        final AtomicBoolean busy = new AtomicBoolean();
        /** No spinning when the team has more threads than the machine has cores: a spinning worker would take a core from a working one. */
        final long spinNanos;
        private final Worker[] workers;
        private volatile Job current;
        private volatile long epoch;

        Team(int size) {
            spinNanos = size <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
            workers = new Worker[size - 1];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(this, "vit-parallel-" + size + "-" + (i + 1));
                workers[i].start();
            }
        }

        void start(Job job) {
            current = job;
            epoch++;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    private static final class Worker extends Thread {
        private final Team team;
        volatile boolean parked;

        Worker(Team team, String name) {
            super(name);
            this.team = team;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long start = System.nanoTime();
                while (team.epoch == seen) {
                    if (System.nanoTime() - start < team.spinNanos) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (team.epoch == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                        start = System.nanoTime();
                    }
                }
                seen = team.epoch;
                team.current.work();
            }
        }
    }
}
