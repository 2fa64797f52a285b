package dev.adjoint.compiler.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.emit.DerivativesEmitter;
import dev.adjoint.compiler.random.ProgramCheck.Failure;
import dev.adjoint.compiler.random.ProgramCheck.Point;
import dev.adjoint.compiler.random.ProgramCheck.Stats;
import dev.adjoint.compiler.random.ProgramGenerator.Options;
import dev.adjoint.compiler.random.ProgramGenerator.Program;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The randomised property test of the compiler: for randomly generated well-typed methods, the
 * compiler either reports coded {@code [ADnnn]} diagnostics (only allowed for programs that use a
 * construct not supported yet, see {@link Construct}) or produces a gradient that
 *
 * <ul>
 *   <li>is well-formed IR ({@code Verifier}) and, run by the IR interpreter, returns the primal's
 *       value and agrees with central differences of the primal at seeded points (a partial where a
 *       kink or jump lies within a step, detected by comparing steps h and 4h and the one-sided
 *       differences, is skipped; programs using {@code Adjoint.stopGradient} have no
 *       finite-difference oracle and get only the checks below);
 *   <li>agrees with the un-cleaned {@code ReverseMode.transform} output (the clean-up passes must
 *       not change results);
 *   <li>emitted as Java by {@code DerivativesEmitter}, compiles with {@code javac -Xlint:all}
 *       without warnings, and, run, gives the interpreter's value and gradient; the generated
 *       methods themselves are compiled too and must agree with the interpreter's primal.
 * </ul>
 *
 * Never an exception, never an internal {@code AD9xx} error, never uncompilable output. The run
 * fails if it tested little (most programs must differentiate, few partials be skipped, every
 * {@link Construct} appear). 500 programs take about 15 s on an idle 2-core machine.
 *
 * <p>Programs come from {@link ProgramGenerator}; program {@code k} of a run uses seed {@code base
 * + k}. Switches (system properties; surefire passes them through):
 *
 * <ul>
 *   <li>{@code -Dadjoint.randomPrograms=N}: run N programs instead of the default 500, e.g. {@code
 *       mvn -pl compiler test -Dtest='dev.adjoint.compiler.random.*Test'
 *       -Dadjoint.randomPrograms=20000};
 *   <li>{@code -Dadjoint.randomSeedBase=B}: start at seed B instead of 1, to explore other
 *       programs;
 *   <li>{@code -Dadjoint.randomSeed=S}: run only the program of seed S and print it: every failure
 *       report names its seed, so this reproduces it;
 *   <li>{@code -Dadjoint.randomExclude=BLOCK,WHILE}: never generate these {@link Construct}s, to
 *       triage which construct a failure needs (seeds then give other programs).
 * </ul>
 */
class RandomProgramsTest {
  static final int DEFAULT_PROGRAMS = 500;
  static final long DEFAULT_SEED_BASE = 1;

  /**
   * Programs per javac run: batch k's methods are class {@code BatchK}, their derivatives {@code
   * BatchKDerivatives}.
   */
  static final int BATCH = 50;

  static final String PACKAGE = "gen";

  private final Options options = options();
  private final ProgramGenerator generator = new ProgramGenerator(options);
  private final InMemoryJavac javac = new InMemoryJavac();
  private final Stats stats = new Stats();
  private final List<Failure> failures = new ArrayList<>();
  private final AtomicLong javacNanos = new AtomicLong();

  @Test
  void randomProgramsDifferentiateCorrectlyOrAreRejectedWithACode() {
    long start = System.nanoTime();
    String single = System.getProperty("adjoint.randomSeed", "");
    List<Long> seeds = new ArrayList<>();
    if (!single.isBlank() && !single.startsWith("${")) {
      seeds.add(Long.parseLong(single.trim()));
    } else {
      long base = longProperty("adjoint.randomSeedBase", DEFAULT_SEED_BASE);
      int count = (int) longProperty("adjoint.randomPrograms", DEFAULT_PROGRAMS);
      for (int k = 0; k < count; k++) {
        seeds.add(base + k);
      }
    }
    // javac compiles batch k on a background thread while this one checks batch k + 1
    ExecutorService background =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "random-programs-javac");
              t.setDaemon(true);
              return t;
            });
    Map<String, List<ProgramCheck>> batches = new LinkedHashMap<>();
    Map<String, Future<InMemoryJavac.Result>> compiled = new LinkedHashMap<>();
    Map<String, Map<String, String>> compiledSources = new LinkedHashMap<>();
    try {
      for (int from = 0; from < seeds.size(); from += BATCH) {
        String owner = "Batch" + (from / BATCH);
        List<ProgramCheck> batch = new ArrayList<>();
        for (long seed : seeds.subList(from, Math.min(seeds.size(), from + BATCH))) {
          Program p = generator.generate(seed, "p" + Long.toUnsignedString(seed));
          if (seeds.size() == 1) {
            System.out.println(
                "seed " + seed + ", constructs " + p.constructs() + ":\n" + p.text());
          }
          ProgramCheck c = ProgramCheck.run(p, owner, stats);
          failures.addAll(c.failures);
          batch.add(c);
        }
        batches.put(owner, batch);
        Map<String, String> files = sources(owner, batch);
        compiledSources.put(owner, files);
        compiled.put(
            owner,
            background.submit(
                () -> {
                  long t = System.nanoTime();
                  InMemoryJavac.Result result = javac.compile(files);
                  javacNanos.addAndGet(System.nanoTime() - t);
                  return result;
                }));
      }
      for (Map.Entry<String, List<ProgramCheck>> e : batches.entrySet()) {
        runCompiled(
            e.getKey(),
            e.getValue(),
            compiledSources.get(e.getKey()),
            compiled.get(e.getKey()).get());
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("javac failed", e);
    } finally {
      background.shutdownNow();
    }
    stats.javacNanos = javacNanos.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "RandomProgramsTest: %s; %.1f s%nprograms per construct: %s%n",
        stats.summary(), seconds, stats.constructs);
    if (!failures.isEmpty()) {
      String all = failures.stream().map(Failure::describe).collect(Collectors.joining("\n"));
      System.out.println(all);
      String seedList =
          failures.stream()
              .map(f -> Long.toString(f.seed()))
              .distinct()
              .collect(Collectors.joining(", "));
      fail(
          failures.size()
              + " failure(s) in "
              + stats.programs
              + " random programs, seeds "
              + seedList
              + " (rerun one with -Dadjoint.randomSeed=S):\n"
              + failures.stream()
                  .limit(5)
                  .map(Failure::describe)
                  .collect(Collectors.joining("\n")));
    }
    if (seeds.size() >= 200) {
      assertNotVacuous();
    }
  }

  /**
   * The run really tested something: most programs differentiated, most points and partials
   * checked.
   */
  private void assertNotVacuous() {
    assertTrue(
        stats.differentiated >= 0.7 * stats.programs,
        "too few programs differentiated: " + stats.summary());
    assertTrue(
        stats.skippedPoints <= 0.1 * (stats.points + stats.skippedPoints),
        "too many points skipped: " + stats.summary());
    assertTrue(
        stats.skippedCoordinates <= 0.05 * stats.coordinates,
        "too many partials skipped: " + stats.summary());
    assertTrue(
        stats.secondOrderPoints >= 0.2 * stats.points,
        "too few second-order checks: " + stats.summary());
    assertTrue(
        stats.skippedHessianEntries <= 0.1 * stats.hessianEntries,
        "too many Hessian entries skipped: " + stats.summary());
    assertEquals(
        stats.differentiated,
        stats.compiled,
        "every differentiated program is compiled: " + stats.summary());
    List<Construct> missing =
        Arrays.stream(Construct.values())
            .filter(c -> !stats.constructs.containsKey(c) && !options.excluded().contains(c))
            .toList();
    assertTrue(
        missing.isEmpty(), "the generator never produced " + missing + ": " + stats.constructs);
  }

  @Test
  void generationIsDeterministic() {
    for (long seed = 1; seed <= 20; seed++) {
      assertEquals(generator.generate(seed, "f").text(), generator.generate(seed, "f").text());
    }
  }

  /**
   * A group of {@link ProgramGenerator#LATER_GROUPS} changes only the programs that draw it:
   * excluding it gives every other program unchanged, and a program that drew it becomes the one it
   * was before the group existed.
   */
  @Test
  void laterGroupsChangeOnlyTheProgramsThatDrawThem() {
    ProgramGenerator without =
        new ProgramGenerator(
            new Options(
                Options.defaults().groupRate(),
                EnumSet.of(Construct.RECURSION),
                Options.defaults().maxStatements()));
    ProgramGenerator all = new ProgramGenerator(Options.defaults());
    int drawn = 0;
    for (long seed = 1; seed <= 200; seed++) {
      Program with = all.generate(seed, "f");
      Program plain = without.generate(seed, "f");
      assertTrue(plain.helpers().isEmpty());
      if (with.constructs().contains(Construct.RECURSION)) {
        drawn++;
        assertTrue(!with.helpers().isEmpty(), with.text());
      } else {
        assertEquals(plain.text(), with.text());
      }
    }
    assertTrue(drawn > 0);
  }

  // ----------------------------------------------------------------------------------- javac

  /**
   * Runs a batch compiled by javac: batch k's methods are class {@code BatchK}, the derivatives
   * generated for them {@code BatchKDerivatives}. If javac reported anything, each diagnostic is
   * blamed on the program whose method (or generated method, record or workspace class) contains
   * its line, and the others still run; a diagnostic that cannot be blamed that way makes each
   * program compile alone.
   */
  private void runCompiled(
      String owner,
      List<ProgramCheck> batch,
      Map<String, String> files,
      InMemoryJavac.Result result) {
    if (result.clean()) {
      batch.forEach(c -> runCompiled(result.classes(), owner, c));
      return;
    }
    Map<ProgramCheck, List<Diagnostic<? extends JavaFileObject>>> blamed =
        blame(batch, files, result);
    if (blamed == null) {
      batch.forEach(c -> compileAlone(owner, c));
      return;
    }
    blamed.forEach(
        (c, diagnostics) -> {
          boolean inProgram =
              diagnostics.stream()
                  .anyMatch(d -> !d.getSource().getName().endsWith("Derivatives.java"));
          boolean error = diagnostics.stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
          String kind =
              inProgram
                  ? "javac rejects or warns about the generated program (a generator bug)"
                  : error
                      ? "the generated derivatives do not compile"
                      : "javac warns about the generated derivatives";
          String messages =
              diagnostics.stream()
                  .map(
                      d ->
                          d.getKind()
                              + " "
                              + d.getSource().getName()
                              + ":"
                              + d.getLineNumber()
                              + ": "
                              + d.getMessage(Locale.ROOT)
                              + "\n    "
                              + line(files, d).strip())
                  .collect(Collectors.joining("\n"));
          addFailure(
              c, kind, messages + (c.outcome == null ? "" : "\n" + derivatives(owner, List.of(c))));
        });
    List<ProgramCheck> rest = batch.stream().filter(c -> !blamed.containsKey(c)).toList();
    if (result.classes() != null) {
      rest.forEach(c -> runCompiled(result.classes(), owner, c));
      return;
    }
    InMemoryJavac.Result again = javac.compile(sources(owner, rest));
    if (again.clean()) {
      rest.forEach(c -> runCompiled(again.classes(), owner, c));
    } else {
      rest.forEach(c -> compileAlone(owner, c));
    }
  }

  private static final Pattern PROGRAM_NAME =
      Pattern.compile(
          "\\bstatic double p(\\d+)\\(|\\b[pP](\\d+)(?:ValueAndGradient|Gradient|Workspace)\\b");

  /**
   * The diagnostics of {@code result} by program: the first {@code static double pN(}, {@code
   * pNValueAndGradient}, {@code PNGradient} or {@code PNWorkspace} at or above the diagnostic's
   * line names it. Null if some diagnostic cannot be placed.
   */
  private static Map<ProgramCheck, List<Diagnostic<? extends JavaFileObject>>> blame(
      List<ProgramCheck> batch, Map<String, String> files, InMemoryJavac.Result result) {
    Map<String, ProgramCheck> byName = new LinkedHashMap<>();
    batch.forEach(c -> byName.put(c.program.name().substring(1), c));
    Map<ProgramCheck, List<Diagnostic<? extends JavaFileObject>>> blamed = new LinkedHashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : result.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.NOTE) {
        continue;
      }
      if (d.getSource() == null || d.getLineNumber() < 1) {
        return null;
      }
      String path = d.getSource().toUri().getPath().substring(1);
      String text = files.get(path);
      if (text == null) {
        return null;
      }
      String[] lines = text.split("\n", -1);
      ProgramCheck culprit = null;
      for (int k = (int) Math.min(d.getLineNumber(), lines.length) - 1;
          k >= 0 && culprit == null;
          k--) {
        Matcher m = PROGRAM_NAME.matcher(lines[k]);
        while (m.find() && culprit == null) {
          culprit = byName.get(m.group(1) != null ? m.group(1) : m.group(2));
        }
      }
      if (culprit == null) {
        return null;
      }
      blamed.computeIfAbsent(culprit, c -> new ArrayList<>()).add(d);
    }
    return blamed;
  }

  private static String line(Map<String, String> files, Diagnostic<? extends JavaFileObject> d) {
    String[] lines =
        files.getOrDefault(d.getSource().toUri().getPath().substring(1), "").split("\n", -1);
    long k = d.getLineNumber() - 1;
    return k >= 0 && k < lines.length ? lines[(int) k] : "";
  }

  /** Compiles one program and its derivatives alone, and runs them, or reports what javac said. */
  private void compileAlone(String owner, ProgramCheck c) {
    InMemoryJavac.Result alone = javac.compile(sources(owner, List.of(c)));
    if (alone.clean()) {
      runCompiled(alone.classes(), owner, c);
      return;
    }
    InMemoryJavac.Result original = javac.compile(ownerOnly(owner, c));
    String kind =
        !original.clean()
            ? "javac rejects or warns about the generated program (a generator bug)"
            : alone.classes() == null
                ? "the generated derivatives do not compile"
                : "javac warns about the generated derivatives";
    String emitted = c.outcome == null ? "" : "\n" + derivatives(owner, List.of(c));
    addFailure(c, kind, (original.clean() ? alone : original).describe() + emitted);
  }

  private void addFailure(ProgramCheck c, String kind, String detail) {
    Failure f = new Failure(c.program.seed(), kind, detail, c.program.text());
    c.failures.add(f);
    failures.add(f);
  }

  private Map<String, String> sources(String owner, List<ProgramCheck> batch) {
    Map<String, String> files = ownerOnly(owner, batch.toArray(ProgramCheck[]::new));
    if (batch.stream().anyMatch(c -> c.outcome != null)) {
      files.put(PACKAGE + "/" + owner + "Derivatives.java", derivatives(owner, batch));
    }
    return files;
  }

  private static Map<String, String> ownerOnly(String owner, ProgramCheck... batch) {
    StringBuilder b =
        new StringBuilder("package " + PACKAGE + ";\n\n")
            .append(
                "import dev.adjoint.Adjoint;\nimport dev.adjoint.Differentiable;\nimport dev.adjoint.NoDerivative;\n\n")
            .append("final class ")
            .append(owner)
            .append(" {\n  private ")
            .append(owner)
            .append("() {}\n");
    for (ProgramCheck c : batch) {
      b.append('\n').append(c.program.source().indent(2));
      for (String helper : c.program.helpers()) {
        b.append('\n').append(helper.indent(2));
      }
    }
    b.append("}\n");
    Map<String, String> files = new LinkedHashMap<>();
    files.put(PACKAGE + "/" + owner + ".java", b.toString());
    return files;
  }

  private static String derivatives(String owner, List<ProgramCheck> batch) {
    List<Differentiated> outcomes =
        batch.stream().filter(c -> c.outcome != null).map(c -> c.outcome).toList();
    return DerivativesEmitter.file(PACKAGE, owner, owner + "Derivatives", outcomes).toString();
  }

  /** The compiled primal and value-and-gradient methods give the interpreter's results. */
  private void runCompiled(ClassLoader classes, String owner, ProgramCheck c) {
    if (c.outcome == null) {
      return;
    }
    stats.compiled++;
    try {
      Class<?> primalClass = Class.forName(PACKAGE + "." + owner, true, classes);
      Class<?> derivatives = Class.forName(PACKAGE + "." + owner + "Derivatives", true, classes);
      int arity = c.program.params().size();
      Method primal = method(primalClass, c.program.name(), arity);
      Method valueAndGradient = method(derivatives, c.outcome.gradient().name(), arity + 1);
      Method gradientRecord = method(derivatives, c.program.name() + "Gradient", arity);
      for (Point p : c.points) {
        double value = (double) primal.invoke(null, ProgramCheck.copy(p.args()));
        if (!ProgramCheck.close(value, p.value(), 1e-12)) {
          compiledFailure(
              c,
              "the compiled method and the interpreter disagree on the primal",
              "javac: "
                  + value
                  + ", interpreter: "
                  + p.value()
                  + " at "
                  + Arrays.deepToString(p.args()));
          return;
        }
        double[] g = new double[p.gradient().length];
        Arrays.fill(g, Double.NaN);
        double v =
            (double)
                valueAndGradient.invoke(null, ProgramCheck.append(ProgramCheck.copy(p.args()), g));
        if (!ProgramCheck.close(v, p.value(), 1e-12)) {
          compiledFailure(
              c,
              "the generated Java returns a different value than the interpreted IR",
              "generated: " + v + ", IR: " + p.value() + " at " + Arrays.deepToString(p.args()));
          return;
        }
        for (int k = 0; k < g.length; k++) {
          if (!ProgramCheck.close(g[k], p.gradient()[k], 1e-10)) {
            compiledFailure(
                c,
                "the generated Java computes a different gradient than the interpreted IR",
                "gradient["
                    + k
                    + "]: generated "
                    + g[k]
                    + ", IR "
                    + p.gradient()[k]
                    + " at "
                    + Arrays.deepToString(p.args()));
            return;
          }
        }
        if (gradientRecord.invoke(null, ProgramCheck.copy(p.args())) == null) {
          compiledFailure(c, "the generated gradient method returned null", "");
          return;
        }
      }
    } catch (InvocationTargetException e) {
      compiledFailure(c, "the generated Java threw", ProgramCheck.stackTrace(e.getCause()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      compiledFailure(c, "cannot run the generated Java", ProgramCheck.stackTrace(e));
    }
  }

  private void compiledFailure(ProgramCheck c, String kind, String detail) {
    addFailure(c, kind, detail + "\n" + derivatives("Owner", List.of(c)));
  }

  /**
   * The method {@code name} with {@code arity} parameters (other overloads, e.g. with a workspace,
   * exist).
   */
  private static Method method(Class<?> owner, String name, int arity)
      throws NoSuchMethodException {
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new NoSuchMethodException(
        owner.getName() + "." + name + " with " + arity + " parameters");
  }

  private static Options options() {
    Options defaults = Options.defaults();
    String exclude = System.getProperty("adjoint.randomExclude", "").trim();
    if (exclude.isEmpty() || exclude.startsWith("${")) {
      return defaults;
    }
    Set<Construct> excluded = EnumSet.copyOf(defaults.excluded());
    for (String name : exclude.split(",")) {
      excluded.add(Construct.valueOf(name.trim()));
    }
    return new Options(defaults.groupRate(), excluded, defaults.maxStatements());
  }

  /**
   * A numeric system property; unset, empty or an unresolved Maven {@code ${...}} means the
   * default.
   */
  private static long longProperty(String name, long fallback) {
    String v = System.getProperty(name, "").trim();
    if (v.isEmpty() || v.startsWith("${")) {
      return fallback;
    }
    return Long.parseLong(v);
  }
}
