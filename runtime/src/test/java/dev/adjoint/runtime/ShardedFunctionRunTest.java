package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A sharded function in an optimizer, and its allocation once warm. */
class ShardedFunctionRunTest {

  private static final int N = ShardedFunctionTest.N;

  private static ShardedFunction sharded(int shardSize, int threads) {
    return ShardedFunction.of(
            N, shardSize, (from, to) -> new ShardedFunctionTest.CubicLoss(from, to, true))
        .withShardMeans()
        .withThreads(threads);
  }

  /** Everything but the wall-clock time. */
  private static void assertSameRun(Result expected, Result actual) {
    assertArrayEquals(expected.point(), actual.point());
    assertArrayEquals(expected.lastPoint(), actual.lastPoint());
    assertEquals(expected.value(), actual.value(), 0.0);
    assertEquals(expected.lastValue(), actual.lastValue(), 0.0);
    assertEquals(expected.gradientNorm(), actual.gradientNorm(), 0.0);
    assertEquals(expected.iterations(), actual.iterations());
    assertEquals(expected.evaluations(), actual.evaluations());
    assertEquals(expected.status(), actual.status());
  }

  @Test
  void lbfgsTakesTheSameStepsOnAnyNumberOfThreads() {
    Lbfgs lbfgs = new Lbfgs().withGradientTolerance(1e-12);
    Result one;
    try (ShardedFunction f = sharded(700, 1)) {
      one = lbfgs.minimize(f, new double[4]);
    }
    assertTrue(one.converged(), one.toString());
    assertTrue(one.iterations() > 5, one.toString());
    for (int threads : new int[] {2, 3, 8}) {
      try (ShardedFunction f = sharded(700, threads)) {
        assertSameRun(one, lbfgs.minimize(f, new double[4]));
      }
    }
  }

  @Test
  void lbfgsOnOneShardIsTheRunOnThePlainFunction() {
    Lbfgs lbfgs = new Lbfgs().withGradientTolerance(1e-12);
    Result plain = lbfgs.minimize(new ShardedFunctionTest.CubicLoss(0, N, true), new double[4]);
    try (ShardedFunction f = sharded(N, 4)) {
      assertSameRun(plain, lbfgs.minimize(f, new double[4]));
    }
  }

  @Test
  void noAllocationPerCallOnTheCallerOrTheWorkers() {
    com.sun.management.ThreadMXBean bean = threadBean();
    List<Thread> started = new ArrayList<>();
    Executor recording =
        task -> {
          Thread t = new Thread(task, "recorded-worker");
          t.setDaemon(true);
          synchronized (started) {
            started.add(t);
          }
          t.start();
        };
    for (ShardedFunction f :
        new ShardedFunction[] {sharded(100, 1), sharded(100, 2), sharded(100, 4)}) {
      try (ShardedFunction g = f.withExecutor(recording)) {
        double[] point = {0.1, 0.2, 0.3, 0.4};
        double[] gradient = new double[4];
        double sink = 0;
        for (int k = 0; k < 3000; k++) { // warm-up: compiled code, parked and spinning workers
          point[3] = k * 1e-6;
          sink += g.valueAndGradient(point, gradient);
        }
        long[] ids;
        synchronized (started) {
          ids = started.stream().mapToLong(Thread::getId).toArray();
          started.clear();
        }
        assertEquals(g.threads() - 1, ids.length);
        long[] workersBefore = new long[ids.length];
        for (int w = 0; w < ids.length; w++) {
          workersBefore[w] = bean.getThreadAllocatedBytes(ids[w]);
        }
        bean.getCurrentThreadAllocatedBytes();
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < 2000; k++) {
          point[3] = k * 1e-6;
          sink += g.valueAndGradient(point, gradient);
        }
        long caller = bean.getCurrentThreadAllocatedBytes() - before;
        long workers = 0;
        for (int w = 0; w < ids.length; w++) {
          workers += bean.getThreadAllocatedBytes(ids[w]) - workersBefore[w];
        }
        // one object per call would already be 32 KB
        assertTrue(caller < 1024, caller + " bytes on the caller, " + g);
        assertTrue(workers < 1024, workers + " bytes on the workers, " + g);
        assertTrue(Double.isFinite(sink));
      }
    }
  }

  private static com.sun.management.ThreadMXBean threadBean() {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "needs com.sun.management.ThreadMXBean");
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(bean.isThreadAllocatedMemorySupported(), "allocation measurement unsupported");
    bean.setThreadAllocatedMemoryEnabled(true);
    return bean;
  }
}
