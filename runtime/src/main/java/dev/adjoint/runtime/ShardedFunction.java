package dev.adjoint.runtime;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.Executor;

/**
 * A loss that is a sum over samples, evaluated on all cores: the samples are cut into fixed shards,
 * each shard has a {@link DifferentiableFunction} of its own (made by a {@link ShardFactory}, with
 * its own gradient buffer and workspace), the shards run on a small pool of threads, and their
 * values and gradients are summed <em>in shard order</em>.
 *
 * <pre>{@code
 * try (ShardedFunction loss =
 *     ShardedFunction.of(x.length, 65_536, (from, to) ->
 *         SineFitDerivatives.lossObjective(0, 0, 0, 0,
 *             Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to)))) {
 *   Result r = new Lbfgs().minimize(loss, new double[4]);
 * }
 * }</pre>
 *
 * <p><b>Deterministic.</b> The shard boundaries depend only on the sample count and the shard size
 * ({@code [s * shardSize, min((s + 1) * shardSize, samples))}), never on the number of threads, and
 * the sum runs over the shards in index order whichever thread computed them. The value and
 * gradient are therefore bit-identical for 1, 2 or 64 threads, and an optimizer takes the same
 * steps whatever the machine. Against the unsharded function they agree to rounding (the additions
 * are grouped differently); with a single shard they are equal.
 *
 * <p><b>Means.</b> By default the result is the plain sum of the shards. For a mean over the
 * samples either let the shard functions return sums and divide once at the end, {@link
 * #withMeanOver(int) withMeanOver(samples)}, or let them return the mean over their own samples and
 * weight each by its share, {@link #withShardMeans()} (weights {@code (to - from) / samples}, which
 * also handles a last shard shorter than the others).
 *
 * <p><b>Threads.</b> {@link #withThreads(int)} counts the calling thread, which evaluates shards
 * too: with one thread there is no pool at all, with {@code n} there are {@code n - 1} workers
 * (never more workers than shards need). The workers are daemon threads of this function, or
 * long-running tasks of an {@link Executor} given with {@link #withExecutor}; {@link #close()}
 * stops them (and so does the garbage collector, eventually, for a function dropped unclosed). Idle
 * workers spin for up to 50 µs after an evaluation before they park, so that the next one starts
 * without a wake-up; the caller spins up to 250 µs for the last shards. Shards are handed out one
 * at a time, so the threads balance a shard that is slower than the others; make more shards than
 * threads (a few dozen is fine) for that.
 *
 * <p><b>Allocation.</b> The shard functions, their gradient buffers and the workers are made on
 * first use ({@link #dimension()} or the first evaluation), on the calling thread, calling the
 * factory once per shard in shard order. After that an evaluation allocates nothing, on the calling
 * thread or on the workers (provided the shard functions do not). The buffers take {@code
 * shardCount() * dimension()} doubles.
 *
 * <p><b>Failures.</b> An exception thrown by a shard's function (or by the factory) reaches the
 * caller as a {@link ShardException} naming the shard, after every other shard of that evaluation
 * has finished; the function can be evaluated again afterwards.
 *
 * <p>The configuration is immutable: every {@code with…} method returns a new, unstarted function
 * (which will call the factory again), and leaves this one as it is. Like most functions, an
 * instance is not thread-safe: one evaluation at a time. A shard's function is only ever called by
 * one thread at a time, so it need not be thread-safe.
 */
public final class ShardedFunction implements DifferentiableFunction, AutoCloseable {

  /**
   * Stops the workers of a function that became unreachable without {@link #close()}, so that they
   * do not hold its shards' data for the life of the JVM. Made on first need: one daemon thread.
   */
  private static final class Cleanup {
    static final Cleaner CLEANER = Cleaner.create();
  }

  private final ShardLayout layout;
  private final ShardFactory factory;
  private final int threads;
  private final Executor executor;

  private ShardEvaluator evaluator;
  private Cleaner.Cleanable cleanable;
  private double[] scratch;
  private boolean closed;

  private ShardedFunction(
      ShardLayout layout, ShardFactory factory, int threads, Executor executor) {
    if (factory == null) {
      throw new NullPointerException("factory");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.layout = layout;
    this.factory = factory;
    this.threads = threads;
    this.executor = executor;
  }

  /**
   * The sum over {@code samples} samples cut into shards of {@code shardSize} (the last one shorter
   * when the size does not divide the count, a single shard when it exceeds it), on as many threads
   * as the machine has processors.
   *
   * @param samples the number of samples, at least 1
   * @param shardSize the samples per shard, at least 1
   * @param factory makes the function of each shard's samples
   * @return the sharded function, not started yet
   */
  public static ShardedFunction of(int samples, int shardSize, ShardFactory factory) {
    return new ShardedFunction(
        new ShardLayout(samples, shardSize, 0, false),
        factory,
        Runtime.getRuntime().availableProcessors(),
        null);
  }

  /**
   * Returns a copy evaluating on {@code threads} threads, the calling thread included.
   *
   * @param threads at least 1; 1 evaluates the shards one after the other on the calling thread
   * @return the new function, other settings kept
   */
  public ShardedFunction withThreads(int threads) {
    return new ShardedFunction(layout, factory, threads, executor);
  }

  /**
   * Returns a copy whose workers run as long-running tasks of {@code executor} instead of threads
   * of its own. Each of the {@code threads - 1} workers occupies one of the executor's threads
   * until {@link #close()}; an executor that runs fewer at once only makes the evaluation slower
   * (the calling thread evaluates the shards no worker takes), never wrong. The executor is not
   * shut down by {@link #close()}.
   *
   * @param executor runs the workers, or null for threads of this function's own
   * @return the new function, other settings kept
   */
  public ShardedFunction withExecutor(Executor executor) {
    return new ShardedFunction(layout, factory, threads, executor);
  }

  /**
   * Returns a copy that divides the summed value and gradient by {@code count}: for shard functions
   * returning sums, the mean over {@code count} samples (usually {@link #samples()}). The division
   * happens once, after the sum, so with a single shard the result equals the unsharded {@code sum
   * / count}.
   *
   * @param count the divisor, at least 1
   * @return the new function, other settings kept (replaces {@link #withShardMeans()})
   */
  public ShardedFunction withMeanOver(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    ShardLayout mean = new ShardLayout(layout.samples(), layout.shardSize(), count, false);
    return new ShardedFunction(mean, factory, threads, executor);
  }

  /**
   * Returns a copy for shard functions that each return the <em>mean</em> over their own samples:
   * shard {@code [from, to)} is weighted by {@code (to - from) / samples}, so the result is the
   * mean over all samples even when the last shard is shorter.
   *
   * @return the new function, other settings kept (replaces {@link #withMeanOver(int)})
   */
  public ShardedFunction withShardMeans() {
    ShardLayout means = new ShardLayout(layout.samples(), layout.shardSize(), 0, true);
    return new ShardedFunction(means, factory, threads, executor);
  }

  /**
   * The number of samples.
   *
   * @return the samples the shards cover together
   */
  public int samples() {
    return layout.samples();
  }

  /**
   * The number of samples per shard.
   *
   * @return the length of every shard but possibly the last
   */
  public int shardSize() {
    return layout.shardSize();
  }

  /**
   * The number of shards.
   *
   * @return {@code ceil(samples / shardSize)}
   */
  public int shardCount() {
    return layout.count();
  }

  /**
   * The threads an evaluation uses, the calling thread included.
   *
   * @return the configured count, at most {@link #shardCount()}
   */
  public int threads() {
    return Math.min(threads, shardCount());
  }

  /**
   * The first sample of a shard.
   *
   * @param shard the shard, in {@code [0, shardCount())}
   * @return {@code shard * shardSize}
   */
  public int from(int shard) {
    return layout.from(shard);
  }

  /**
   * One past the last sample of a shard.
   *
   * @param shard the shard, in {@code [0, shardCount())}
   * @return {@code min((shard + 1) * shardSize, samples)}
   */
  public int to(int shard) {
    return layout.to(shard);
  }

  /**
   * The dimension of the shard functions, which must all agree; starts the function.
   *
   * @return the length of every point and gradient
   * @throws ShardException if the factory throws
   * @throws IllegalArgumentException if two shards differ in dimension
   */
  @Override
  public int dimension() {
    return started().dimension();
  }

  /**
   * Evaluates every shard at {@code point} and overwrites {@code gradient} with the sum of their
   * gradients (weighted or divided as configured), summed in shard order.
   *
   * @param point the point, only read (by all threads during the call)
   * @param gradient receives the gradient
   * @return the value at {@code point}
   * @throws ShardException if a shard's function threw
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public double valueAndGradient(double[] point, double[] gradient) {
    ShardEvaluator e = started();
    Checks.length("point", point, e.dimension());
    Checks.length("gradient", gradient, e.dimension());
    try {
      return e.evaluate(point, gradient);
    } finally {
      Reference.reachabilityFence(this); // no cleanup while an evaluation runs
    }
  }

  /**
   * The value at {@code point}, through {@link #valueAndGradient} into a gradient array made once.
   *
   * @param point the point, only read
   * @return the value at {@code point}
   */
  @Override
  public double value(double[] point) {
    ShardEvaluator e = started();
    if (scratch == null) {
      scratch = new double[e.dimension()];
    }
    return valueAndGradient(point, scratch);
  }

  /**
   * Stops the workers (waiting for threads of its own to end). Idempotent; later evaluations throw
   * {@link IllegalStateException}.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (cleanable != null) {
        cleanable.clean(); // closes the evaluator, once
      } else if (evaluator != null) {
        evaluator.close();
      }
    }
  }

  private ShardEvaluator started() {
    if (closed) {
      throw new IllegalStateException("the sharded function is closed");
    }
    if (evaluator == null) {
      evaluator = new ShardEvaluator(new ShardResults(layout, factory), threads(), executor);
      if (evaluator.workerCount() > 0) {
        // the action holds the evaluator, never this function, or it would never be unreachable
        cleanable = Cleanup.CLEANER.register(this, evaluator::close);
      }
    }
    return evaluator;
  }

  @Override
  public String toString() {
    return "ShardedFunction[samples="
        + layout.samples()
        + ", shardSize="
        + layout.shardSize()
        + ", shards="
        + shardCount()
        + ", threads="
        + threads()
        + (layout.meanOver() > 0 ? ", meanOver=" + layout.meanOver() : "")
        + (layout.shardMeans() ? ", shardMeans" : "")
        + "]";
  }
}
