package dev.adjoint.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting {@code cpu.time.norm}: the CPU time the benchmark JVM used during an
 * iteration divided by the operations measured, in µs/op.
 *
 * <p>JMH's score is wall-clock time: on a small machine shared with other work, time the benchmark
 * thread spends descheduled inflates it by tens of percent, differently for each benchmark. CPU
 * time does not count that. With one benchmark thread, no allocation and the JIT idle after
 * warm-up, the process's CPU time is the benchmark thread's (plus JMH's mostly sleeping control
 * thread and the small window between the iteration's start and the timed region).
 */
public final class CpuTimeProfiler implements InternalProfiler {

  /** The name of the secondary result. */
  public static final String NAME = "cpu.time.norm";

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long start;

  @Override
  public String getDescription() {
    return "process CPU time per operation (robust to time spent descheduled)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = os.getProcessCpuTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // the signature of JMH's InternalProfiler
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long used = os.getProcessCpuTime() - start;
    long ops = result.getMetadata().getMeasuredOps();
    if (ops <= 0 || used < 0) {
      return List.of();
    }
    return List.of(new ScalarResult(NAME, used / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
  }
}
