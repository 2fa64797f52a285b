package dev.adjoint.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The compile-time cost of the annotation processor, measured with {@code javax.tools} (the same
 * in-process javac Maven's compiler plugin uses).
 *
 * <p>Each source set is compiled three ways:
 *
 * <ul>
 *   <li><b>with</b>: {@code -processor dev.adjoint.compiler.DifferentiableProcessor}, which writes
 *       the {@code *Derivatives} sources and compiles them in a second round;
 *   <li><b>without</b>: {@code -proc:none}, the same user sources plus the {@code *Derivatives}
 *       sources a previous <b>with</b> run generated, so the same code is compiled and the
 *       difference is the processor's own work (reading, differentiating, writing, the extra
 *       round);
 *   <li><b>plain</b> (synthetic sets only): {@code -proc:none} on the user sources alone; with −
 *       plain is everything the annotations add, compiling the generated code included.
 * </ul>
 *
 * <p>Source sets: the examples module ({@code --examples DIR}, its {@code src/main/java}) and
 * synthetic classes with {@code --methods} annotated methods (default 10 and 50), cycling through
 * three shapes the processor supports (a sine-model fit, a branchy Gaussian/tanh fit with a square
 * root, a nested Horner loop over a {@code double[]} of weights).
 *
 * <p><b>Cold</b> times compile once in a fresh JVM (what one {@code mvn compile} pays, JIT and
 * class loading included; JVM start-up excluded); <b>warm</b> times repeat the compilation in one
 * JVM (what a long-lived daemon or IDE pays). Medians over the repetitions; the modes alternate so
 * that background load hits them alike. Every figure is given twice: wall-clock, and the CPU time
 * of the thread running javac and the processor (which leaves out time spent descheduled by other
 * work, and the JIT and GC threads). The classpath of this JVM is used as class path and processor
 * path, so run it with the test classpath of the benchmarks module (the {@code compile-cost} Maven
 * profile does).
 *
 * <p>The class path (jars and class directories) and the examples' sources are copied into the work
 * directory first, so that a concurrent {@code mvn install}, rebuild or edit cannot change them
 * halfway through.
 *
 * <p>Usage: {@code CompileCost --examples DIR [--methods 10,50] [--cold 5] [--warmup 5] [--warm 15]
 * [--work DIR]}.
 */
public final class CompileCost {

  private static final String PROCESSOR = "dev.adjoint.compiler.DifferentiableProcessor";

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** The CPU time of the compiling thread in the last {@link #compileTo} call, in ms. */
  private static double lastCpuMs;

  private CompileCost() {}

  /** A set of sources compiled in the three modes. */
  record SourceSet(String name, Path sources, Path pregenerated, int methods) {}

  /** The measured times of one source set, in milliseconds. */
  record Times(SourceSet set, Map<String, double[]> cold, Map<String, double[]> warm) {}

  /**
   * Runs the measurement, or with {@code --once} a single timed compilation (used for the cold
   * measurements, in a child JVM).
   *
   * @param args see the class comment
   * @throws Exception if a compilation or a child JVM fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    if (opts.containsKey("--once")) {
      double ms =
          compile(
              opts.get("--once"),
              Path.of(opts.get("--sources")),
              opts.containsKey("--pregen") ? Path.of(opts.get("--pregen")) : null,
              Path.of(opts.get("--out")));
      System.out.printf(Locale.ROOT, "%.3f %.3f%n", ms, lastCpuMs);
      return;
    }
    int cold = Integer.parseInt(opts.getOrDefault("--cold", "5"));
    int warmup = Integer.parseInt(opts.getOrDefault("--warmup", "5"));
    int warm = Integer.parseInt(opts.getOrDefault("--warm", "15"));
    int[] methodCounts =
        Arrays.stream(opts.getOrDefault("--methods", "10,50").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Path work =
        opts.containsKey("--work")
            ? Path.of(opts.get("--work"))
            : Files.createTempDirectory("adjoint-compile-cost");

    // Snapshots: other builds may reinstall the processor jar or edit the examples meanwhile.
    classPath = snapshotClassPath(work.resolve("classpath"));
    List<SourceSet> sets = new ArrayList<>();
    if (opts.containsKey("--examples")) {
      Path examples = Path.of(opts.get("--examples")).toAbsolutePath().normalize();
      Path copy = work.resolve("examples").resolve("src");
      copyTree(examples, copy);
      sets.add(prepare("examples module", copy, work.resolve("examples"), -1));
    }
    for (int m : methodCounts) {
      Path src = work.resolve("synthetic" + m).resolve("src");
      writeSynthetic(src, m);
      sets.add(prepare("synthetic, " + m + " methods", src, work.resolve("synthetic" + m), m));
    }

    System.out.println(
        "Compile-time cost of the Adjoint processor — javac "
            + System.getProperty("java.runtime.version")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores; median ms of "
            + cold
            + " cold (fresh JVM) and "
            + warm
            + " warm compilations (after "
            + warmup
            + ")");
    List<Times> all = new ArrayList<>();
    List<Times> allCpu = new ArrayList<>();
    for (SourceSet set : sets) {
      List<String> modes =
          set.methods() < 0 ? List.of("with", "without") : List.of("with", "without", "plain");
      Map<String, double[]> coldTimes = new LinkedHashMap<>();
      Map<String, double[]> warmTimes = new LinkedHashMap<>();
      Map<String, double[]> coldCpu = new LinkedHashMap<>();
      Map<String, double[]> warmCpu = new LinkedHashMap<>();
      for (String mode : modes) {
        coldTimes.put(mode, new double[cold]);
        warmTimes.put(mode, new double[warm]);
        coldCpu.put(mode, new double[cold]);
        warmCpu.put(mode, new double[warm]);
      }
      Path out = work.resolve("out");
      for (int r = 0; r < cold; r++) {
        for (String mode : modes) {
          double[] wallAndCpu = compileInChild(mode, set, out);
          coldTimes.get(mode)[r] = wallAndCpu[0];
          coldCpu.get(mode)[r] = wallAndCpu[1];
        }
      }
      for (int r = 0; r < warmup; r++) {
        for (String mode : modes) {
          compile(mode, set.sources(), set.pregenerated(), out);
        }
      }
      for (int r = 0; r < warm; r++) {
        for (String mode : modes) {
          warmTimes.get(mode)[r] = compile(mode, set.sources(), set.pregenerated(), out);
          warmCpu.get(mode)[r] = lastCpuMs;
        }
      }
      Times t = new Times(set, coldTimes, warmTimes);
      Times tc = new Times(set, coldCpu, warmCpu);
      all.add(t);
      allCpu.add(tc);
      print(t, "wall-clock");
      print(tc, "CPU time of the compiling thread");
    }
    printPerMethod(all, "wall-clock");
    printPerMethod(allCpu, "CPU time of the compiling thread");
  }

  /** The class path and processor path of every compilation; this JVM's unless snapshotted. */
  private static String classPath = System.getProperty("java.class.path");

  /** Copies every entry of this JVM's class path (jars and class directories) into {@code dir}. */
  private static String snapshotClassPath(Path dir) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    List<String> entries = new ArrayList<>();
    int k = 0;
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(e);
      Path copy = dir.resolve((k++) + "-" + p.getFileName());
      if (Files.isRegularFile(p)) {
        Files.copy(p, copy);
      } else if (Files.isDirectory(p)) {
        copyTree(p, copy);
      } else {
        continue;
      }
      entries.add(copy.toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    deleteTree(to);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static SourceSet prepare(String name, Path sources, Path dir, int methods)
      throws IOException {
    Path pregen = dir.resolve("pregenerated");
    deleteTree(pregen);
    Files.createDirectories(pregen);
    Path out = dir.resolve("out");
    // One run with the processor writes the generated sources the "without" mode compiles.
    compileTo("with", sources, null, out, pregen);
    return new SourceSet(name, sources, pregen, methods);
  }

  private static void print(Times t, String metric) {
    System.out.println();
    System.out.println(
        "  "
            + t.set().name()
            + " ("
            + javaFiles(t.set().sources()).size()
            + " source files, "
            + javaFiles(t.set().pregenerated()).size()
            + " generated), "
            + metric);
    System.out.println(
        String.format(Locale.ROOT, "    %-9s %10s %10s", "mode", "cold ms", "warm ms"));
    for (String mode : t.cold().keySet()) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "    %-9s %10.0f %10.1f",
              mode,
              median(t.cold().get(mode)),
              median(t.warm().get(mode))));
    }
    double coldAdded = median(t.cold().get("with")) - median(t.cold().get("without"));
    double warmAdded = median(t.warm().get("with")) - median(t.warm().get("without"));
    System.out.println(
        String.format(
            Locale.ROOT,
            "    processor adds (with − without): cold %.0f ms (%+.0f%%), warm %.1f ms (%+.0f%%)",
            coldAdded,
            100 * coldAdded / median(t.cold().get("without")),
            warmAdded,
            100 * warmAdded / median(t.warm().get("without"))));
    if (t.cold().containsKey("plain")) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "    annotations add in all (with − plain): cold %.0f ms, warm %.1f ms",
              median(t.cold().get("with")) - median(t.cold().get("plain")),
              median(t.warm().get("with")) - median(t.warm().get("plain"))));
    }
  }

  private static void printPerMethod(List<Times> all, String metric) {
    List<Times> synthetic =
        all.stream()
            .filter(t -> t.set().methods() > 0)
            .sorted(Comparator.comparingInt(t -> t.set().methods()))
            .toList();
    if (synthetic.isEmpty()) {
      return;
    }
    System.out.println();
    System.out.println("  Per annotated method (synthetic sets), " + metric + ":");
    for (Times t : synthetic) {
      int m = t.set().methods();
      System.out.println(
          String.format(
              Locale.ROOT,
              "    %3d methods: processor %.2f ms/method cold, %.2f warm;"
                  + " all added %.2f ms/method cold, %.2f warm",
              m,
              added(t, "cold", "without") / m,
              added(t, "warm", "without") / m,
              added(t, "cold", "plain") / m,
              added(t, "warm", "plain") / m));
    }
    if (synthetic.size() >= 2) {
      Times lo = synthetic.get(0);
      Times hi = synthetic.get(synthetic.size() - 1);
      int dm = hi.set().methods() - lo.set().methods();
      System.out.println(
          String.format(
              Locale.ROOT,
              "    marginal (%d → %d methods): processor %.2f ms/method cold, %.2f warm;"
                  + " all added %.2f cold, %.2f warm",
              lo.set().methods(),
              hi.set().methods(),
              (added(hi, "cold", "without") - added(lo, "cold", "without")) / dm,
              (added(hi, "warm", "without") - added(lo, "warm", "without")) / dm,
              (added(hi, "cold", "plain") - added(lo, "cold", "plain")) / dm,
              (added(hi, "warm", "plain") - added(lo, "warm", "plain")) / dm));
    }
  }

  private static double added(Times t, String kind, String baseline) {
    Map<String, double[]> m = kind.equals("cold") ? t.cold() : t.warm();
    return median(m.get("with")) - median(m.get(baseline));
  }

  private static double[] compileInChild(String mode, SourceSet set, Path out)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                classPath,
                CompileCost.class.getName(),
                "--once",
                mode,
                "--sources",
                set.sources().toString(),
                "--pregen",
                set.pregenerated().toString(),
                "--out",
                out.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("child compilation failed:\n" + output);
    }
    String[] lines = output.split("\\R");
    String[] wallAndCpu = lines[lines.length - 1].trim().split(" ");
    return new double[] {Double.parseDouble(wallAndCpu[0]), Double.parseDouble(wallAndCpu[1])};
  }

  /** Compiles once in the given mode and returns the time in milliseconds. */
  static double compile(String mode, Path sources, Path pregenerated, Path out) throws IOException {
    Path gen = out.resolve("generated");
    deleteTree(out);
    Files.createDirectories(gen);
    return compileTo(mode, sources, pregenerated, out.resolve("classes"), gen);
  }

  private static double compileTo(
      String mode, Path sources, Path pregenerated, Path classes, Path gen) throws IOException {
    Files.createDirectories(classes);
    Files.createDirectories(gen);
    List<Path> files = new ArrayList<>(javaFiles(sources));
    String cp = classPath;
    List<String> options =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-d",
                classes.toString(),
                "-s",
                gen.toString(),
                "-cp",
                cp,
                "-implicit:none",
                "-Xlint:none",
                "-encoding",
                "UTF-8"));
    switch (mode) {
      case "with" -> options.addAll(List.of("-processorpath", cp, "-processor", PROCESSOR));
      case "without" -> {
        options.add("-proc:none");
        files.addAll(javaFiles(pregenerated));
      }
      case "plain" -> options.add("-proc:none");
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    boolean ok;
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      ok =
          javac
              .getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
              .call();
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    lastCpuMs = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
    if (!ok) {
      StringBuilder sb = new StringBuilder("compilation (" + mode + ") of " + sources + " failed:");
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        sb.append('\n').append(d);
      }
      throw new IllegalStateException(sb.toString());
    }
    return ms;
  }

  /** Writes {@code p.Synthetic} with {@code m} annotated methods, cycling through three shapes. */
  static void writeSynthetic(Path src, int m) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append(
            "package p;\n\nimport dev.adjoint.Differentiable;\nimport dev.adjoint.NoDerivative;\n\n")
        .append("final class Synthetic {\n");
    for (int k = 0; k < m; k++) {
      double c = 1 + k / 8.0;
      switch (k % 3) {
        case 0 ->
            s.append(
                """
              @Differentiable
              static double f%d(double a, double b, double c, double d,
                                @NoDerivative double[] x, @NoDerivative double[] y) {
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                  double r = a * Math.sin(b * x[i] + c) + d * %s - y[i];
                  sum += r * r;
                }
                return sum;
              }
            """
                    .formatted(k, c));
        case 1 ->
            s.append(
                """
              @Differentiable
              static double f%d(double a, double b, double c, double d,
                                @NoDerivative double[] x, @NoDerivative double[] y) {
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                  double t = a * x[i] + b;
                  double r = c * Math.exp(-t * t) + d * Math.tanh(t) - %s * y[i];
                  if (r > 0) {
                    sum += r * r;
                  } else {
                    sum += 0.5 * r * r;
                  }
                }
                return Math.sqrt(sum + 1.0);
              }
            """
                    .formatted(k, c));
        default ->
            s.append(
                """
              @Differentiable
              static double f%d(double[] w, @NoDerivative double[] x, @NoDerivative double[] y) {
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                  double p = 0;
                  for (int k = 0; k < w.length; k++) {
                    p = p * x[i] + w[k];
                  }
                  sum += Math.log(%s + (p - y[i]) * (p - y[i]));
                }
                return sum;
              }
            """
                    .formatted(k, c));
      }
    }
    s.append("}\n");
    Path file = src.resolve("p").resolve("Synthetic.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, s.toString());
  }

  private static List<Path> javaFiles(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return Report.median(s);
  }
}
