package dev.adjoint.benchmarks;

import dev.adjoint.benchmarks.Interleaved.Impl;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The checks {@link Report} prints after {@link InstanceMethodsBenchmark}: the bytes per call of
 * each form of the sine-fit gradient counted directly ({@link Allocation}), and the interleaved
 * CPU-time cross-check ({@link Interleaved}) of every form against the static one, which stays
 * meaningful when other work loads the machine.
 */
final class InstanceMethodsCheck {

  private InstanceMethodsCheck() {}

  /**
   * Runs both checks and prints them.
   *
   * @param out where to print
   * @param interleaved whether to run the interleaved cross-check too
   */
  static void print(PrintStream out, boolean interleaved) {
    InstanceMethodsBenchmark s = new InstanceMethodsBenchmark();
    s.setUp();
    Impl[] impls = {
      new Impl("staticGradient", s::staticGradient),
      new Impl("fieldsGradient", s::fieldsGradient),
      new Impl("dataFieldsGradient", s::dataFieldsGradient),
      new Impl("recordGradient", s::recordGradient),
      new Impl("staticPrimal", s::staticPrimal),
      new Impl("fieldsPrimal", s::fieldsPrimal),
      new Impl("dataFieldsPrimal", s::dataFieldsPrimal),
      new Impl("recordPrimal", s::recordPrimal),
    };
    out.println();
    if (Allocation.supported()) {
      out.println("Direct allocation check (ThreadMXBean, after warm-up), bytes per call:");
      for (Impl impl : impls) {
        out.println(
            String.format(
                Locale.ROOT,
                "  %-22s %12.0f",
                impl.name(),
                Allocation.bytesPerCall(impl.call(), 20_000, 1_000)));
      }
    } else {
      out.println("(per-thread allocation counting unavailable: no direct allocation check)");
    }
    if (!interleaved) {
      return;
    }
    if (!ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()) {
      out.println("(thread CPU time unavailable: no interleaved check)");
      return;
    }
    ManagementFactory.getThreadMXBean().setThreadCpuTimeEnabled(true);
    int rounds = 51;
    double[][] t = Interleaved.measure(impls, 2_000_000_000L, rounds);
    out.println();
    out.println(
        "Interleaved cross-check (one JVM, alternating ~20 ms blocks, thread CPU time, "
            + rounds
            + " rounds), sine fit at 2000 points:");
    out.println("| implementation       | median µs/call (CPU) | ÷ static (paired) |");
    out.println("|----------------------|---------------------:|------------------:|");
    for (int j = 0; j < impls.length; j++) {
      int base = j < 4 ? 0 : 4;
      out.println(
          String.format(
              Locale.ROOT,
              "| %-20s | %20.3f | %16.3f× |",
              impls[j].name(),
              Interleaved.median(t[j]) / 1e3,
              Interleaved.pairedRatio(t[j], t[base])));
    }
    out.println(
        String.format(
            Locale.ROOT,
            "  static gradient / static primal   %7.2f×",
            Interleaved.pairedRatio(t[0], t[4])));
  }
}
