package dev.adjoint.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The scheduling part of a {@link ShardedFunction}: the persistent workers that evaluate the shards
 * of a {@link ShardResults}. Everything is allocated when it is made, once, so that an evaluation
 * allocates nothing on any thread.
 *
 * <p>An evaluation publishes the point, resets the claim counter and advances a generation; the
 * caller and the workers then claim shards from the counter until none is left, each shard writing
 * its value and gradient into its own slot, and the caller waits until every shard is done before
 * summing the slots in shard order. Which thread evaluates which shard changes from call to call;
 * the result cannot, because the sum never depends on it. The caller takes part, so {@code threads}
 * counts it: one thread means no worker at all. Waiting spins before it parks (an idle worker 50
 * µs, the caller 250 µs), since an optimizer calls again soon after a result comes back and waking
 * a parked thread is slow.
 *
 * <p>Why claiming works across generations: the caller sets {@code remaining} before it resets
 * {@code next} (both volatile, written after the point), and a thread reads the point only after a
 * successful claim. A worker still looping from the previous generation therefore either finds the
 * old counter exhausted or claims a shard of the new generation, reading the new point; and it can
 * never decrement a count the caller is about to overwrite.
 */
final class ShardEvaluator {

  /** How long an idle worker spins before it parks: a few optimizer steps' worth. */
  private static final long SPIN_NANOS = 50_000;

  /**
   * How long the caller spins for the last shards before it parks: longer than a worker, because
   * waking a parked thread costs tens of microseconds on a virtual machine, and the caller is
   * waiting for a result anyway; one shard of tens of thousands of samples takes about that long.
   */
  private static final long CALLER_SPIN_NANOS = 250_000;

  private final ShardResults results;
  private final int shards;
  private final Worker[] workers;
  private final Thread[] ownThreads;

  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger remaining = new AtomicInteger();
  private volatile long generation;
  private volatile boolean closed;
  private volatile Thread caller;

  /**
   * The point of the current evaluation; published by the writes of {@code remaining}/{@code next}.
   */
  private double[] point;

  /**
   * Starts the workers for the shards of {@code results}.
   *
   * @param results the shards' functions and slots
   * @param threads the threads taking part, the caller included, at least 1
   * @param executor runs the workers' loops, or null for daemon threads of their own
   */
  ShardEvaluator(ShardResults results, int threads, Executor executor) {
    this.results = results;
    this.shards = results.count();
    int workerCount = Math.min(threads, shards) - 1;
    this.workers = new Worker[workerCount];
    this.ownThreads = executor == null ? new Thread[workerCount] : new Thread[0];
    for (int w = 0; w < workerCount; w++) {
      workers[w] = new Worker(this);
    }
    try {
      for (int w = 0; w < workerCount; w++) {
        if (executor == null) {
          Thread t = new Thread(workers[w], "adjoint-shard-worker-" + w);
          t.setDaemon(true); // a forgotten close() must not keep the JVM alive
          t.start();
          ownThreads[w] = t;
        } else {
          executor.execute(workers[w]);
        }
      }
    } catch (RuntimeException | Error e) { // a rejecting executor: stop the workers already running
      close();
      throw e;
    }
  }

  int dimension() {
    return results.dimension();
  }

  int workerCount() {
    return workers.length;
  }

  /**
   * Evaluates every shard at {@code point} and writes the combined gradient.
   *
   * @param point the point, of the right length
   * @param gradient receives the combined gradient, of the right length
   * @return the combined value
   * @throws ShardException if a shard's function threw
   */
  double evaluate(double[] point, double[] gradient) {
    if (workers.length == 0) {
      for (int s = 0; s < shards; s++) {
        results.run(s, point);
      }
    } else {
      this.point = point;
      caller = Thread.currentThread();
      remaining.set(shards);
      next.set(0);
      generation = generation + 1; // only the caller writes it
      for (Worker w : workers) {
        Thread t = w.thread;
        if (t != null) {
          LockSupport.unpark(t);
        }
      }
      int s;
      while ((s = next.getAndIncrement()) < shards) {
        results.run(s, this.point);
        remaining.decrementAndGet();
      }
      awaitShards();
      this.point = null; // keep no reference to the caller's array
    }
    results.throwFirstFailure();
    return results.combine(gradient);
  }

  private void awaitShards() {
    long start = System.nanoTime();
    while (remaining.get() != 0) {
      if (System.nanoTime() - start < CALLER_SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
  }

  /** Claims and runs shards of the current generation until none is left. */
  private void work() {
    int s;
    while ((s = next.getAndIncrement()) < shards) {
      results.run(s, point);
      if (remaining.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  /**
   * Waits until the generation differs from {@code seen} or the evaluator closes.
   *
   * @return the new generation, or -1 once closed
   */
  private long awaitGeneration(long seen) {
    long start = System.nanoTime();
    while (true) {
      if (closed) {
        return -1;
      }
      long g = generation;
      if (g != seen) {
        return g;
      }
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
  }

  /** Stops the workers; joins the threads the evaluator started. */
  void close() {
    closed = true;
    for (Worker w : workers) {
      Thread t = w.thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
    boolean interrupted = false;
    for (Thread t : ownThreads) {
      while (t != null && t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A persistent loop: wait for a generation, claim shards, repeat until closed. */
  private static final class Worker implements Runnable {

    private final ShardEvaluator owner;

    /** The thread running the loop, once it runs: what the caller unparks. */
    volatile Thread thread;

    Worker(ShardEvaluator owner) {
      this.owner = owner;
    }

    @Override
    public void run() {
      // registered before the first look at the generation, so no wake-up can be lost
      thread = Thread.currentThread();
      long seen = 0;
      while (true) {
        long g = owner.awaitGeneration(seen);
        if (g < 0) {
          return;
        }
        seen = g;
        owner.work();
      }
    }
  }
}
