package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShardedFunctionTest {

  static final int N = 10_007; // prime: no shard size used below divides it

  static final double[] X = new double[N];
  static final double[] Y = new double[N];

  static {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < N; i++) {
      X[i] = random.nextDouble(-Math.PI, Math.PI);
      Y[i] = Math.sin(X[i]) + 0.01 * random.nextGaussian();
    }
  }

  static final double[] POINT = {-0.09, 0.01, 0.85, 0.02};

  /** The sine fit's loss over {@code [from, to)}: a sum, or the mean over those samples. */
  static final class CubicLoss implements DifferentiableFunction {
    final int from;
    final int to;
    final boolean mean;

    CubicLoss(int from, int to, boolean mean) {
      this.from = from;
      this.to = to;
      this.mean = mean;
    }

    @Override
    public int dimension() {
      return 4;
    }

    @Override
    public double valueAndGradient(double[] p, double[] g) {
      double sum = 0;
      double ga = 0;
      double gb = 0;
      double gc = 0;
      double gd = 0;
      for (int i = from; i < to; i++) {
        double x = X[i];
        double r = p[0] * x * x * x + p[1] * x * x + p[2] * x + p[3] - Y[i];
        sum += r * r;
        ga += 2 * r * x * x * x;
        gb += 2 * r * x * x;
        gc += 2 * r * x;
        gd += 2 * r;
      }
      double scale = mean ? 1.0 / (to - from) : 1;
      g[0] = ga * scale;
      g[1] = gb * scale;
      g[2] = gc * scale;
      g[3] = gd * scale;
      return sum * scale;
    }
  }

  static ShardedFunction sums(int shardSize, int threads) {
    return ShardedFunction.of(N, shardSize, (from, to) -> new CubicLoss(from, to, false))
        .withThreads(threads);
  }

  static double[] gradientAt(DifferentiableFunction f, double[] point) {
    double[] g = new double[f.dimension()];
    double v = f.valueAndGradient(point, g);
    double[] out = new double[g.length + 1];
    out[0] = v;
    System.arraycopy(g, 0, out, 1, g.length);
    return out;
  }

  @Test
  void bitIdenticalForAnyNumberOfThreads() {
    double[] reference;
    try (ShardedFunction one = sums(500, 1)) {
      reference = gradientAt(one, POINT);
    }
    for (int threads : new int[] {2, 3, 8}) {
      try (ShardedFunction f = sums(500, threads)) {
        assertEquals(threads, f.threads());
        for (int call = 0; call < 50; call++) { // many calls: every scheduling gives the same sum
          assertArrayEquals(reference, gradientAt(f, POINT), threads + " threads, call " + call);
        }
      }
    }
  }

  @Test
  void agreesWithTheUnshardedFunctionAndEqualsItWithOneShard() {
    double[] plain = gradientAt(new CubicLoss(0, N, false), POINT);
    try (ShardedFunction f = sums(1000, 2)) {
      assertEquals(11, f.shardCount());
      double[] sharded = gradientAt(f, POINT);
      for (int k = 0; k < plain.length; k++) {
        assertEquals(plain[k], sharded[k], 1e-12 * Math.abs(plain[k]), "component " + k);
      }
    }
    try (ShardedFunction single = sums(N, 2)) {
      assertEquals(1, single.shardCount());
      assertEquals(1, single.threads()); // no worker for a single shard
      assertArrayEquals(plain, gradientAt(single, POINT));
    }
  }

  @Test
  void meanOverDividesTheSumOnce() {
    double[] plain = gradientAt(new CubicLoss(0, N, true), POINT);
    ShardFactory sums = (from, to) -> new CubicLoss(from, to, false);
    try (ShardedFunction f = ShardedFunction.of(N, 1000, sums).withMeanOver(N).withThreads(3)) {
      double[] sharded = gradientAt(f, POINT);
      for (int k = 0; k < plain.length; k++) {
        assertEquals(plain[k], sharded[k], 1e-12 * Math.abs(plain[k]), "component " + k);
      }
    }
    // one shard: exactly the plain sum divided by n
    double[] plainSum = gradientAt(new CubicLoss(0, N, false), POINT);
    try (ShardedFunction f = ShardedFunction.of(N, 2 * N, sums).withMeanOver(N)) {
      double[] sharded = gradientAt(f, POINT);
      for (int k = 0; k < plain.length; k++) {
        assertEquals(plainSum[k] / N, sharded[k], 0.0, "component " + k);
      }
    }
  }

  @Test
  void shardMeansAreWeightedBySize() {
    double[] plain = gradientAt(new CubicLoss(0, N, true), POINT);
    ShardFactory means = (from, to) -> new CubicLoss(from, to, true);
    try (ShardedFunction f = ShardedFunction.of(N, 1000, means).withShardMeans().withThreads(2)) {
      // the last shard has 7 samples: weighting the 11 shard means equally would be far off
      double[] sharded = gradientAt(f, POINT);
      for (int k = 0; k < plain.length; k++) {
        assertEquals(plain[k], sharded[k], 1e-12 * Math.abs(plain[k]), "component " + k);
      }
    }
    try (ShardedFunction f = ShardedFunction.of(N, N, means).withShardMeans()) {
      assertArrayEquals(plain, gradientAt(f, POINT)); // weight 1.0 exactly
    }
  }

  @Test
  void shardsCoverTheSamplesInFixedBoundaries() {
    List<int[]> ranges = new ArrayList<>();
    ShardedFunction f =
        ShardedFunction.of(
            N,
            1000,
            (from, to) -> {
              ranges.add(new int[] {from, to});
              return new CubicLoss(from, to, false);
            });
    assertTrue(ranges.isEmpty(), "the factory runs on first use");
    try (ShardedFunction g = f.withThreads(3)) {
      assertEquals(4, g.dimension());
      assertEquals(11, ranges.size());
      for (int s = 0; s < 11; s++) {
        assertArrayEquals(new int[] {1000 * s, Math.min(1000 * (s + 1), N)}, ranges.get(s));
        assertEquals(ranges.get(s)[0], g.from(s));
        assertEquals(ranges.get(s)[1], g.to(s));
      }
      assertEquals(7, g.to(10) - g.from(10));
    }
    assertEquals(11, ranges.size(), "f itself never started");
  }

  @Test
  void fewerSamplesThanAShardMakeOneShard() {
    try (ShardedFunction f =
        ShardedFunction.of(5, 1000, (from, to) -> new CubicLoss(from, to, false)).withThreads(8)) {
      assertEquals(1, f.shardCount());
      assertEquals(1, f.threads());
      assertEquals(5, f.to(0));
      assertArrayEquals(gradientAt(new CubicLoss(0, 5, false), POINT), gradientAt(f, POINT));
    }
  }

  @Test
  void aFailingShardIsReportedWithItsIndexAndTheFunctionStaysUsable() {
    AtomicInteger failing = new AtomicInteger(3);
    ShardFactory factory =
        (from, to) -> {
          CubicLoss loss = new CubicLoss(from, to, false);
          int shard = from / 1000;
          return DifferentiableFunction.of(
              4,
              (p, g) -> {
                if (shard == failing.get() || shard == failing.get() + 5) {
                  throw new ArithmeticException("shard " + shard);
                }
                return loss.valueAndGradient(p, g);
              });
        };
    for (int threads : new int[] {1, 2, 8}) {
      failing.set(3);
      try (ShardedFunction f = ShardedFunction.of(N, 1000, factory).withThreads(threads)) {
        ShardException e =
            assertThrows(ShardException.class, () -> f.valueAndGradient(POINT, new double[4]));
        assertEquals(3, e.shard(), "the lowest failing shard, whatever the threads");
        assertEquals(3000, e.from());
        assertEquals(4000, e.to());
        assertTrue(e.getCause() instanceof ArithmeticException);
        assertEquals("shard 3", e.getCause().getMessage());
        assertEquals(1, e.getSuppressed().length); // shard 8
        failing.set(-100);
        assertArrayEquals(
            gradientAt(sums(1000, 1), POINT), gradientAt(f, POINT), "usable after a failure");
      }
    }
  }

  @Test
  void aFailingFactoryIsReportedWithTheShard() {
    ShardFactory factory =
        (from, to) -> {
          if (from == 2000) {
            throw new IllegalStateException("no data");
          }
          return new CubicLoss(from, to, false);
        };
    ShardedFunction f = ShardedFunction.of(N, 1000, factory);
    ShardException e = assertThrows(ShardException.class, f::dimension);
    assertEquals(2, e.shard());
    assertEquals("no data", e.getCause().getMessage());
  }

  @Test
  void shardsMustAgreeOnTheDimension() {
    ShardFactory factory =
        (from, to) ->
            from == 0 ? new CubicLoss(from, to, false) : DifferentiableFunction.of(3, (p, g) -> 0);
    ShardedFunction f = ShardedFunction.of(N, 5000, factory);
    assertThrows(IllegalArgumentException.class, f::dimension);
  }

  @Test
  void checksLengthsAndRefusesToRunAfterClose() {
    ShardedFunction f = sums(1000, 2);
    assertThrows(IllegalArgumentException.class, () -> f.valueAndGradient(POINT, new double[3]));
    assertThrows(
        IllegalArgumentException.class, () -> f.valueAndGradient(new double[5], new double[4]));
    f.close();
    f.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> f.valueAndGradient(POINT, new double[4]));
  }

  @Test
  void validatesItsConfiguration() {
    ShardFactory factory = (from, to) -> new CubicLoss(from, to, false);
    assertThrows(IllegalArgumentException.class, () -> ShardedFunction.of(0, 10, factory));
    assertThrows(IllegalArgumentException.class, () -> ShardedFunction.of(10, 0, factory));
    assertThrows(NullPointerException.class, () -> ShardedFunction.of(10, 5, null));
    ShardedFunction f = ShardedFunction.of(10, 5, factory);
    assertThrows(IllegalArgumentException.class, () -> f.withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> f.withMeanOver(0));
    assertThrows(IndexOutOfBoundsException.class, () -> f.from(2));
    ShardedFunction two = f.withThreads(2);
    assertNotEquals(f, two);
    assertEquals(2, two.threads());
    assertEquals(1, f.withThreads(1).threads());
    assertEquals(Math.min(2, Runtime.getRuntime().availableProcessors()), f.threads());
  }

  @Test
  void aShardFunctionIsNeverCalledByTwoThreadsAtOnce() {
    AtomicInteger overlaps = new AtomicInteger();
    ShardFactory factory =
        (from, to) -> {
          CubicLoss loss = new CubicLoss(from, to, false);
          AtomicInteger inside = new AtomicInteger();
          return DifferentiableFunction.of(
              4,
              (p, g) -> {
                if (inside.incrementAndGet() != 1) {
                  overlaps.incrementAndGet();
                }
                double v = loss.valueAndGradient(p, g);
                inside.decrementAndGet();
                return v;
              });
        };
    try (ShardedFunction f = ShardedFunction.of(N, 100, factory).withThreads(8)) {
      double[] g = new double[4];
      for (int call = 0; call < 200; call++) {
        f.valueAndGradient(POINT, g);
      }
    }
    assertEquals(0, overlaps.get());
  }

  @Test
  void anExecutorRunningFewerWorkersIsSlowerButRight() throws InterruptedException {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try (ShardedFunction f = sums(500, 4).withExecutor(one)) {
      // one worker runs, two wait in the queue for ever: the caller does their share
      assertArrayEquals(gradientAt(sums(500, 1), POINT), gradientAt(f, POINT));
      assertArrayEquals(gradientAt(sums(500, 1), POINT), gradientAt(f, POINT));
    }
    one.shutdown(); // close() stopped the running worker; the queued ones return at once
    assertTrue(one.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void closeStopsItsOwnThreads() throws InterruptedException {
    List<Thread> existing = workerThreads();
    ShardedFunction f = sums(500, 3);
    f.dimension();
    List<Thread> workers = workerThreads();
    workers.removeAll(existing);
    assertEquals(2, workers.size());
    assertFalse(workers.isEmpty());
    f.close();
    for (Thread t : workers) {
      t.join(10_000);
      assertFalse(t.isAlive(), t.getName());
    }
  }

  @Test
  void aFunctionDroppedWithoutCloseStopsItsThreads() throws InterruptedException {
    List<Thread> existing = workerThreads();
    startAndDrop();
    List<Thread> workers = workerThreads();
    workers.removeAll(existing);
    assertEquals(2, workers.size());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (workers.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    for (Thread t : workers) {
      assertFalse(t.isAlive(), t.getName() + " still runs");
    }
  }

  private static void startAndDrop() {
    ShardedFunction f = sums(500, 3);
    f.valueAndGradient(POINT, new double[4]);
  }

  static List<Thread> workerThreads() {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("adjoint-shard-worker-") && t.isAlive()) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void valueGoesThroughTheGradient() {
    try (ShardedFunction f = sums(1000, 2)) {
      assertEquals(gradientAt(f, POINT)[0], f.value(POINT), 0.0);
    }
  }
}
