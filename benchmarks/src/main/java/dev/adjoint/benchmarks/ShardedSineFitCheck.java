package dev.adjoint.benchmarks;

import dev.adjoint.runtime.ShardedFunction;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What JMH's gc profiler cannot see for {@link ShardedSineFitBenchmark}: the bytes allocated per
 * call on the <em>workers</em> (the profiler counts every thread's allocation but spreads the
 * harness's own over the calls), counted exactly with the per-thread allocation counter on the
 * calling thread and on each worker thread, after a warm-up.
 */
final class ShardedSineFitCheck {

  private static final int WARMUP = 300;
  private static final int CALLS = 200;

  private ShardedSineFitCheck() {}

  /**
   * Prints the bytes per call on the caller and on the workers for one thread and all cores.
   *
   * @param out where to print
   */
  static void print(PrintStream out) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!bean.isThreadAllocatedMemorySupported() || !bean.isThreadAllocatedMemoryEnabled()) {
      out.println("(per-thread allocation counting unavailable: no sharded allocation check)");
      return;
    }
    SineData data = SineData.linspace(ShardedSineFitBenchmark.POINTS);
    out.println();
    out.println("Sharded sine fit, direct allocation check (ThreadMXBean), bytes per call:");
    int[] counts = {1, Runtime.getRuntime().availableProcessors()};
    for (int threads : counts) {
      List<Thread> existing = workers();
      try (ShardedFunction f =
          ShardedSineFitBenchmark.sharded(
              data.x(), data.y(), ShardedSineFitBenchmark.SHARD_SIZE, threads)) {
        double[] point = {-0.09, 0.01, 0.85, 0.02};
        double[] gradient = new double[4];
        double sink = 0;
        for (int k = 0; k < WARMUP; k++) {
          sink += f.valueAndGradient(point, gradient);
        }
        List<Thread> mine = workers();
        mine.removeAll(existing);
        long[] before = new long[mine.size()];
        for (int w = 0; w < before.length; w++) {
          before[w] = bean.getThreadAllocatedBytes(mine.get(w).getId());
        }
        long callerBefore = bean.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < CALLS; k++) {
          sink += f.valueAndGradient(point, gradient);
        }
        long caller = bean.getCurrentThreadAllocatedBytes() - callerBefore;
        long workers = 0;
        for (int w = 0; w < before.length; w++) {
          workers += bean.getThreadAllocatedBytes(mine.get(w).getId()) - before[w];
        }
        out.printf(
            Locale.ROOT,
            "  %d thread(s), %d worker(s): caller %.2f B/call, workers %.2f B/call (loss %.6g)%n",
            f.threads(),
            mine.size(),
            caller / (double) CALLS,
            workers / (double) CALLS,
            sink / (WARMUP + CALLS));
      }
    }
  }

  private static List<Thread> workers() {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("adjoint-shard-worker-") && t.isAlive()) {
        out.add(t);
      }
    }
    return out;
  }
}
