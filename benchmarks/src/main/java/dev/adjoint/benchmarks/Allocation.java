package dev.adjoint.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;

/**
 * Counts the bytes a call allocates with the JVM's per-thread allocation counter, exactly, without
 * the per-iteration noise of JMH's gc profiler (whose {@code gc.alloc.rate.norm} spreads the
 * harness's own few kilobytes per iteration over the calls, which shows as a few bytes per call
 * when a call takes milliseconds).
 */
public final class Allocation {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Keeps results alive so that calls cannot be removed. */
  private static volatile double sink;

  private Allocation() {}

  /**
   * Whether the JVM can count allocated bytes per thread.
   *
   * @return true on HotSpot with allocation counting enabled
   */
  public static boolean supported() {
    return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
  }

  /**
   * Calls {@code call} {@code warmup} times, then measures the bytes allocated by the next {@code
   * calls} calls, less what reading the counter itself allocates.
   *
   * @param call the code to measure
   * @param warmup calls before measuring, so that the JIT has compiled the code
   * @param calls calls measured, at least 1
   * @return bytes allocated per call
   */
  public static double bytesPerCall(DoubleSupplier call, int warmup, int calls) {
    double s = 0;
    for (int k = 0; k < warmup; k++) {
      s += call.getAsDouble();
    }
    long o0 = THREADS.getCurrentThreadAllocatedBytes();
    long o1 = THREADS.getCurrentThreadAllocatedBytes();
    long overhead = o1 - o0;
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int k = 0; k < calls; k++) {
      s += call.getAsDouble();
    }
    long after = THREADS.getCurrentThreadAllocatedBytes();
    sink = s;
    return Math.max(0, after - before - overhead) / (double) calls;
  }
}
