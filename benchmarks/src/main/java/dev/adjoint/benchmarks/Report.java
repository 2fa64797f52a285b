package dev.adjoint.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH suite with the gc profiler and prints the results table with the ratios against the
 * hand-written baselines.
 *
 * <p>{@code java -jar benchmarks/target/adjoint-benchmarks.jar [JMH options]}. Without options it
 * runs {@link SineFitBenchmark} and {@link GrowthBenchmark} with the settings of their annotations
 * (2 forks, 5 warm-up and 5 measurement iterations of 1 s each; 10 warm-up iterations for
 * Hipparchus), the gc profiler and {@link CpuTimeProfiler}. Any standard JMH option overrides
 * these, e.g. {@code -f 1 -wi 2 -i 3 -w 1s -r 1s} for a quick look, a benchmark regex to run a
 * subset, or {@code -rf json -rff results.json} to keep the raw results.
 *
 * <p>After the JMH table it prints a direct allocation count ({@link Allocation}) and an
 * interleaved CPU-time cross-check of the ratios ({@link Interleaved}), which stays meaningful when
 * other work loads the machine. {@code --no-interleaved} skips the cross-check; {@code --no-jmh}
 * runs only these two. {@link CpuTimeProfiler} is added also when the options name other profilers.
 * When {@link InstanceMethodsBenchmark} ran, the report prints its ratios against the static form
 * and its own allocation count and cross-check ({@link InstanceMethodsCheck}); when {@link
 * ArrayStateBenchmark} ran, its ratios against the primal and the hand-written adjoint. The
 * sine-fit checks are skipped when only these two ran.
 */
public final class Report {

  private Report() {}

  /**
   * Runs the suite and prints the table.
   *
   * @param args standard JMH command-line options
   * @throws RunnerException if JMH fails
   * @throws IOException if the help text cannot be printed
   */
  public static void main(String[] args) throws RunnerException, IOException {
    List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
    boolean jmh = !jmhArgs.remove("--no-jmh");
    boolean interleaved = !jmhArgs.remove("--no-interleaved");
    if (!jmh) {
      printDirectAllocation(System.out);
      if (interleaved) {
        Interleaved.print(System.out);
      }
      return;
    }
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    } catch (CommandLineOptionException e) {
      System.err.println("Report: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (cmd.shouldHelp()) {
      cmd.showHelp();
      return;
    }
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      options
          .include(SineFitBenchmark.class.getName() + "\\.")
          .include(GrowthBenchmark.class.getName() + "\\.");
    }
    if (cmd.getProfilers().isEmpty()) {
      options.addProfiler(GCProfiler.class);
    }
    if (cmd.getProfilers().stream()
        .noneMatch(p -> p.getKlass().equals(CpuTimeProfiler.class.getName()))) {
      options.addProfiler(CpuTimeProfiler.class);
    }
    options.shouldFailOnError(true);
    Collection<RunResult> results = new Runner(options.build()).run();
    print(results, System.out);
    boolean instanceMethods =
        results.stream().anyMatch(r -> r.getParams().getBenchmark().contains(INSTANCE_METHODS));
    // The sine-fit checks belong to the default suite: skipped when only benchmarks that have
    // their own (or none) ran.
    boolean sineFitChecks =
        results.stream()
            .map(r -> r.getParams().getBenchmark())
            .anyMatch(
                b ->
                    !b.contains(INSTANCE_METHODS)
                        && !b.contains(ARRAY_STATE)
                        && !b.contains(SHARDED));
    boolean sharded =
        results.stream().anyMatch(r -> r.getParams().getBenchmark().contains(SHARDED));
    if (instanceMethods) {
      InstanceMethodsCheck.print(System.out, interleaved);
    }
    if (sharded) {
      ShardedSineFitCheck.print(System.out);
    }
    if (sineFitChecks) {
      printDirectAllocation(System.out);
      if (interleaved) {
        Interleaved.print(System.out);
      }
    }
  }

  private static final String INSTANCE_METHODS = InstanceMethodsBenchmark.class.getName() + ".";
  private static final String ARRAY_STATE = ArrayStateBenchmark.class.getName() + ".";
  private static final String SHARDED = ShardedSineFitBenchmark.class.getName() + ".";

  /**
   * Prints the bytes per call of every gradient implementation counted directly (see {@link
   * Allocation}), in this JVM after warming each up.
   *
   * @param out where to print
   */
  static void printDirectAllocation(PrintStream out) {
    if (!Allocation.supported()) {
      out.println("(per-thread allocation counting unavailable: no direct allocation check)");
      return;
    }
    out.println();
    out.println("Direct allocation check (ThreadMXBean, after warm-up), bytes per call:");
    SineData seed = SineData.linspace(SineData.POINTS);
    double[] x = seed.x();
    double[] y = seed.y();
    double[] g = new double[4];
    out.println(String.format(Locale.ROOT, "  %-22s %12s", "N=2000", "B/call"));
    direct(
        out,
        "generated",
        () -> SineLossDerivatives.lossValueAndGradient(-0.09, 0.01, 0.85, 0.02, x, y, g),
        20_000,
        1_000);
    direct(
        out,
        "handWritten",
        () -> SineLoss.handWritten(-0.09, 0.01, 0.85, 0.02, x, y, g),
        20_000,
        1_000);
    direct(out, "primal", () -> SineLoss.loss(-0.09, 0.01, 0.85, 0.02, x, y), 20_000, 1_000);
    direct(
        out,
        "centralDifferences",
        () -> SineLoss.centralDifferences(-0.09, 0.01, 0.85, 0.02, x, y, g),
        5_000,
        200);
    direct(
        out, "hipparchus", () -> SineLoss.hipparchus(-0.09, 0.01, 0.85, 0.02, x, y, g), 2_000, 20);
    direct(
        out,
        "hipparchusPowers",
        () -> SineLoss.hipparchusPowers(-0.09, 0.01, 0.85, 0.02, x, y, g),
        2_000,
        20);
    for (int n : new int[] {2_000, 20_000, 200_000, 2_000_000}) {
      SineData data = SineData.linspace(n);
      double[] xn = data.x();
      double[] yn = data.y();
      int calls = Math.max(5, 20_000_000 / n);
      direct(
          out,
          "generated N=" + n,
          () -> SineLossDerivatives.lossValueAndGradient(-0.09, 0.01, 0.85, 0.02, xn, yn, g),
          Math.max(20, 40_000_000 / n),
          calls);
    }
  }

  private static void direct(
      PrintStream out, String name, java.util.function.DoubleSupplier call, int warmup, int calls) {
    out.println(
        String.format(
            Locale.ROOT,
            "  %-22s %12s",
            name,
            bytes(Allocation.bytesPerCall(call, warmup, calls))));
  }

  /** One row of the table. */
  record Row(
      String benchmark,
      String method,
      int n,
      double median,
      double mean,
      double error,
      double min,
      double max,
      int samples,
      double cpuMedian,
      double bytesPerOp,
      String unit) {

    String label() {
      return benchmark + "." + method + (n > 0 ? " N=" + n : "");
    }
  }

  /**
   * Prints the table, the ratios and the growth per point.
   *
   * @param results JMH's results
   * @param out where to print
   */
  static void print(Collection<RunResult> results, PrintStream out) {
    List<Row> rows = new ArrayList<>();
    for (RunResult run : results) {
      rows.add(row(run));
    }
    out.println();
    out.println(
        "Adjoint benchmarks — "
            + ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE)
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + ", "
            + System.getProperty("os.arch"));
    out.println(
        "Wall-clock median and mean ± 99.9% error over all measured iterations of all"
            + " forks; spread = (max - min) / median;");
    out.println(
        "CPU = median of the process CPU time per op (CpuTimeProfiler);"
            + " B/op = gc.alloc.rate.norm.");
    out.println();
    int width = 46;
    for (Row r : rows) {
      width = Math.max(width, r.label().length());
    }
    String header =
        String.format(
            Locale.ROOT,
            "| %-" + width + "s | %12s | %22s | %7s | %11s | %12s |",
            "benchmark",
            "median µs/op",
            "mean ± error µs/op",
            "spread",
            "CPU µs/op",
            "B/op");
    out.println(header);
    out.println(
        String.format(
            Locale.ROOT,
            "|%s|%s|%s|%s|%s|%s|",
            "-".repeat(width + 2),
            "-".repeat(13) + ":",
            "-".repeat(23) + ":",
            "-".repeat(8) + ":",
            "-".repeat(12) + ":",
            "-".repeat(13) + ":"));
    Map<String, Row> byLabel = new HashMap<>();
    for (Row r : rows) {
      byLabel.put(r.label(), r);
      out.println(
          String.format(
              Locale.ROOT,
              "| %-" + width + "s | %12.3f | %22s | %6.1f%% | %11s | %12s |",
              r.label(),
              r.median(),
              fmt(r.mean()) + " ± " + fmt(r.error()),
              100 * (r.max() - r.min()) / r.median(),
              fmt(r.cpuMedian()),
              bytes(r.bytesPerOp())));
    }

    Row generated = byLabel.get("SineFitBenchmark.generated");
    if (generated != null) {
      out.println();
      out.println("Ratios of medians (sine fit, 2000 points): wall-clock, CPU time, means:");
      ratio(
          out,
          "generated / hand-written",
          generated,
          byLabel.get("SineFitBenchmark.handWritten"),
          "target ≤ 1.05");
      ratio(out, "generated / primal", generated, byLabel.get("SineFitBenchmark.primal"), "");
      ratio(
          out,
          "central differences / generated",
          byLabel.get("SineFitBenchmark.centralDifferences"),
          generated,
          "");
      ratio(
          out,
          "Hipparchus (literal) / generated",
          byLabel.get("SineFitBenchmark.hipparchus"),
          generated,
          "target ≥ 12");
      ratio(
          out,
          "Hipparchus (powers) / generated",
          byLabel.get("SineFitBenchmark.hipparchusPowers"),
          generated,
          "target ≥ 12");
    }

    Row staticGradient = byLabel.get("InstanceMethodsBenchmark.staticGradient");
    Row staticPrimal = byLabel.get("InstanceMethodsBenchmark.staticPrimal");
    if (staticGradient != null || staticPrimal != null) {
      out.println();
      out.println(
          "Ratios of medians against the static method (sine fit, 2000 points):"
              + " wall-clock, CPU time, means:");
      for (String form : new String[] {"fields", "dataFields", "record"}) {
        ratio(
            out,
            form + "Gradient / staticGradient",
            byLabel.get("InstanceMethodsBenchmark." + form + "Gradient"),
            staticGradient,
            "target ≤ 1.05");
      }
      for (String form : new String[] {"fields", "dataFields", "record"}) {
        ratio(
            out,
            form + "Primal / staticPrimal",
            byLabel.get("InstanceMethodsBenchmark." + form + "Primal"),
            staticPrimal,
            "");
      }
      ratio(out, "staticGradient / staticPrimal", staticGradient, staticPrimal, "");
    }

    boolean arrayStateHeader = false;
    for (String loss : new String[] {"diffusion", "gaussianProcess", "rk4"}) {
      Row primal = byLabel.get("ArrayStateBenchmark." + loss + "Primal");
      Row generatedGradient = byLabel.get("ArrayStateBenchmark." + loss + "GeneratedGradient");
      Row handWritten = byLabel.get("ArrayStateBenchmark." + loss + "HandWrittenAdjoint");
      if (primal == null && generatedGradient == null && handWritten == null) {
        continue;
      }
      if (!arrayStateHeader) {
        out.println();
        out.println("Ratios of medians (array state): wall-clock, CPU time, means:");
        arrayStateHeader = true;
      }
      ratio(out, loss + " generated / primal", generatedGradient, primal, "");
      ratio(out, loss + " hand-written / primal", handWritten, primal, "");
      ratio(out, loss + " generated / hand-written", generatedGradient, handWritten, "");
    }

    List<Row> growth = rows.stream().filter(r -> r.benchmark().equals("GrowthBenchmark")).toList();
    if (!growth.isEmpty()) {
      out.println();
      out.println(
          "Growth: time per point should stay flat, B/op at 0 (JMH's gc.alloc.rate.norm"
              + " includes the harness's own bytes per iteration; see the direct check below).");
      out.println(
          "| gradient     | N         | median µs/op | ns/point | CPU ns/point | B/op     |");
      out.println(
          "|--------------|----------:|-------------:|---------:|-------------:|---------:|");
      for (Row r : growth) {
        out.println(
            String.format(
                Locale.ROOT,
                "| %-12s | %9d | %12.3f | %8.3f | %12.3f | %8s |",
                r.method(),
                r.n(),
                r.median(),
                1000 * r.median() / r.n(),
                1000 * r.cpuMedian() / r.n(),
                bytes(r.bytesPerOp())));
      }
    }
  }

  private static void ratio(PrintStream out, String name, Row num, Row den, String target) {
    if (num == null || den == null) {
      return;
    }
    out.println(
        String.format(
            Locale.ROOT,
            "  %-38s %7.2f× wall  %7.2f× CPU  (means %.2f×)%s",
            name,
            num.median() / den.median(),
            num.cpuMedian() / den.cpuMedian(),
            num.mean() / den.mean(),
            target.isEmpty() ? "" : "   " + target));
  }

  @SuppressWarnings("rawtypes") // JMH's getSecondaryResults() is a Map<String, Result>
  private static Row row(RunResult run) {
    String full = run.getParams().getBenchmark();
    String[] parts = full.split("\\.");
    String benchmark = parts[parts.length - 2];
    String method = parts[parts.length - 1];
    String n = run.getParams().getParam("n");
    // any other parameter (ShardedSineFitBenchmark's shardSize) goes into the label
    for (String key : run.getParams().getParamsKeys()) {
      if (!key.equals("n")) {
        method += " " + key + "=" + run.getParams().getParam(key);
      }
    }
    List<Double> scores = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (BenchmarkResult fork : run.getBenchmarkResults()) {
      for (IterationResult it : fork.getIterationResults()) {
        scores.add(it.getPrimaryResult().getScore());
        Result<?> c = it.getSecondaryResults().get(CpuTimeProfiler.NAME);
        if (c != null) {
          cpu.add(c.getScore());
        }
      }
    }
    double[] cs = cpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] s = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Result<?> primary = run.getPrimaryResult();
    double bytes = Double.NaN;
    for (var e : run.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        bytes = e.getValue().getScore();
      }
    }
    return new Row(
        benchmark,
        method,
        n == null ? 0 : Integer.parseInt(n),
        median(s),
        primary.getScore(),
        primary.getScoreError(),
        s[0],
        s[s.length - 1],
        s.length,
        cs.length == 0 ? Double.NaN : median(cs),
        bytes,
        primary.getScoreUnit());
  }

  static double median(double[] sorted) {
    int m = sorted.length;
    return m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.3f", v);
  }

  private static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "n/a";
    }
    return b == 0
        ? "0"
        : b < 1 ? String.format(Locale.ROOT, "%.4f", b) : String.format(Locale.ROOT, "%,.0f", b);
  }
}
