package dev.adjoint.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The working part of a {@link ShardedFunction}: the shard functions with their gradient buffers,
 * and the persistent workers that evaluate them. Everything is allocated here, once, so that an
 * evaluation allocates nothing on any thread.
 *
 * <p>An evaluation publishes the point, resets the claim counter and advances a generation; the
 * caller and the workers then claim shards from the counter until none is left, each shard writing
 * its value and gradient into its own slot, and the caller waits until every shard is done before
 * summing the slots in shard order. Which thread evaluates which shard changes from call to call;
 * the result cannot, because the sum never depends on it. The caller takes part, so {@code threads}
 * counts it: one thread means no worker at all. Waiting spins for a few microseconds before
 * parking, since an optimizer calls again soon after a result comes back.
 *
 * <p>Why claiming works across generations: the caller sets {@code remaining} before it resets
 * {@code next} (both volatile, written after the point), and a thread reads the point only after a
 * successful claim. A worker still looping from the previous generation therefore either finds the
 * old counter exhausted or claims a shard of the new generation, reading the new point; and it can
 * never decrement a count the caller is about to overwrite.
 */
final class ShardEvaluator {

  /** How long a waiting thread spins before it parks: a few optimizer steps' worth. */
  private static final long SPIN_NANOS = 50_000;

  private final DifferentiableFunction[] functions;
  private final int[] bounds;
  private final double[][] gradients;
  private final double[] values;
  private final Throwable[] failures;
  private final double[] weights;
  private final double divisor;
  private final int shards;
  private final int dimension;
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
   * Makes the shard functions (on the calling thread, in shard order) and starts the workers.
   *
   * @param bounds shard {@code s} is {@code [bounds[s], bounds[s + 1])}
   * @param factory makes each shard's function
   * @param weights the factor of each shard's value and gradient, or null for 1
   * @param divisor what the sum is divided by at the end (1 for none)
   * @param threads the threads taking part, the caller included, at least 1
   * @param executor runs the workers' loops, or null for daemon threads of their own
   */
  ShardEvaluator(
      int[] bounds,
      ShardFactory factory,
      double[] weights,
      double divisor,
      int threads,
      Executor executor) {
    this.bounds = bounds;
    this.shards = bounds.length - 1;
    this.weights = weights;
    this.divisor = divisor;
    this.functions = new DifferentiableFunction[shards];
    int dim = -1;
    for (int s = 0; s < shards; s++) {
      DifferentiableFunction f;
      try {
        f = factory.shard(bounds[s], bounds[s + 1]);
      } catch (RuntimeException | Error e) {
        throw new ShardException(s, bounds[s], bounds[s + 1], e);
      }
      if (f == null) {
        throw new ShardException(
            s, bounds[s], bounds[s + 1], new NullPointerException("the factory returned null"));
      }
      if (dim < 0) {
        dim = f.dimension();
      } else if (f.dimension() != dim) {
        throw new IllegalArgumentException(
            "shard " + s + " has dimension " + f.dimension() + ", shard 0 has " + dim);
      }
      functions[s] = f;
    }
    this.dimension = dim;
    this.gradients = new double[shards][dim];
    this.values = new double[shards];
    this.failures = new Throwable[shards];
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
    return dimension;
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
        runShard(s, point);
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
        runShard(s, this.point);
        remaining.decrementAndGet();
      }
      awaitShards();
      this.point = null; // keep no reference to the caller's array
    }
    throwFirstFailure();
    return combine(gradient);
  }

  /** Sums the shards' results in shard order, whichever thread computed them. */
  private double combine(double[] gradient) {
    double value;
    if (weights == null) {
      value = values[0];
      System.arraycopy(gradients[0], 0, gradient, 0, dimension);
      for (int s = 1; s < shards; s++) {
        value += values[s];
        double[] g = gradients[s];
        for (int k = 0; k < dimension; k++) {
          gradient[k] += g[k];
        }
      }
    } else {
      double w0 = weights[0];
      value = w0 * values[0];
      double[] g0 = gradients[0];
      for (int k = 0; k < dimension; k++) {
        gradient[k] = w0 * g0[k];
      }
      for (int s = 1; s < shards; s++) {
        double w = weights[s];
        value += w * values[s];
        double[] g = gradients[s];
        for (int k = 0; k < dimension; k++) {
          gradient[k] += w * g[k];
        }
      }
    }
    if (divisor != 1) {
      value /= divisor;
      for (int k = 0; k < dimension; k++) {
        gradient[k] /= divisor;
      }
    }
    return value;
  }

  private void runShard(int s, double[] at) {
    try {
      values[s] = functions[s].valueAndGradient(at, gradients[s]);
    } catch (Throwable t) { // reported to the caller, which rethrows it with the shard index
      failures[s] = t;
    }
  }

  private void throwFirstFailure() {
    ShardException first = null;
    for (int s = 0; s < shards; s++) {
      Throwable t = failures[s];
      if (t != null) {
        failures[s] = null; // the function stays usable
        if (first == null) {
          first = new ShardException(s, bounds[s], bounds[s + 1], t);
        } else {
          first.addSuppressed(t);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void awaitShards() {
    long start = System.nanoTime();
    while (remaining.get() != 0) {
      if (System.nanoTime() - start < SPIN_NANOS) {
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
      runShard(s, point);
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
