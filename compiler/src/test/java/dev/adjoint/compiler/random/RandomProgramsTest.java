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
import dev.adjoint.compiler.testing.Differences;
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
 * <p>Programs with objects (records, instance methods, helper objects: {@link ObjectTypes}) are the
 * same checks through the compiler's bindings: the point is drawn as the method's arguments
 * (records and the receiver as values of their fields), and the IR function's hidden parameters,
 * the fields and components it reads, are filled in its order from them ({@code
 * ProgramCheck.irArguments}). Compiled, the method is called on real records and a real receiver
 * built from the same values, the gradient record's components (a record parameter's a record of
 * its partials) must hold the gradient, and the gradient must agree with central differences of the
 * compiled method on objects.
 *
 * <p>Never an exception, never an internal {@code AD9xx} error, never uncompilable output. The run
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
    Map<String, List<Program>> dataBatches = new LinkedHashMap<>();
    Map<String, Future<InMemoryJavac.Result>> compiled = new LinkedHashMap<>();
    Map<String, Map<String, String>> compiledSources = new LinkedHashMap<>();
    try {
      for (int from = 0; from < seeds.size(); from += BATCH) {
        String owner = "Batch" + (from / BATCH);
        List<ProgramCheck> batch = new ArrayList<>();
        List<Program> dataBatch = new ArrayList<>();
        for (long seed : seeds.subList(from, Math.min(seeds.size(), from + BATCH))) {
          Program p = generator.generate(seed, "p" + Long.toUnsignedString(seed));
          if (seeds.size() == 1) {
            System.out.println(
                "seed " + seed + ", constructs " + p.constructs() + ":\n" + p.text());
          }
          ProgramCheck c = ProgramCheck.run(p, owner, stats);
          failures.addAll(c.failures);
          if (p.hasData()) {
            dataBatch.add(p);
          } else {
            batch.add(c);
          }
        }
        batches.put(owner, batch);
        dataBatches.put(owner, dataBatch);
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
      for (Map.Entry<String, List<Program>> e : dataBatches.entrySet()) {
        long t = System.nanoTime();
        DataCheck.run(javac, "Data" + e.getKey(), e.getValue(), stats, failures);
        javacNanos.addAndGet(System.nanoTime() - t);
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
        stats.differentiated + stats.dataDifferentiated >= 0.7 * stats.programs,
        "too few programs differentiated: " + stats.summary());
    assertTrue(
        stats.skippedPoints <= 0.1 * (stats.points + stats.skippedPoints),
        "too many points skipped: " + stats.summary());
    assertTrue(
        stats.skippedCoordinates <= 0.05 * stats.coordinates,
        "too many partials skipped: " + stats.summary());
    assertTrue(
        stats.checkpointedCoordinates >= 0.5 * stats.coordinates,
        "too few checkpointed gradients compared: " + stats.summary());
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
    assertTrue(
        stats.objectivePoints >= 0.5 * stats.points,
        "too few points checked through the generated objective: " + stats.summary());
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
    ProgramGenerator all = new ProgramGenerator(Options.defaults());
    for (Set<Construct> group : ProgramGenerator.LATER_GROUPS) {
      ProgramGenerator without =
          new ProgramGenerator(
              new Options(
                  Options.defaults().groupRate(),
                  EnumSet.copyOf(group),
                  Options.defaults().maxStatements()));
      boolean objects = group == ProgramGenerator.OBJECTS;
      boolean data = group == ProgramGenerator.DATA;
      int drawn = 0;
      for (long seed = 1; seed <= 200; seed++) {
        Program with = all.generate(seed, "f");
        Program plain = without.generate(seed, "f");
        assertTrue(
            data ? !plain.hasData() : objects ? !plain.hasObjects() : plain.helpers().isEmpty());
        if (with.constructs().stream().anyMatch(group::contains)) {
          drawn++;
          assertTrue(
              data ? with.hasData() : objects ? with.hasObjects() : !with.helpers().isEmpty(),
              with.text());
        } else {
          assertEquals(plain.text(), with.text());
        }
      }
      assertTrue(drawn > 0, group.toString());
    }
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
      Pattern.compile("\\bdouble p(\\d+)\\(|\\b[pP](\\d+)[A-Z]\\w*\\b");

  /**
   * The diagnostics of {@code result} by program: the first {@code double pN(}, or name starting
   * {@code pN} or {@code PN} and a capital ({@code pNValueAndGradient}, {@code PNGradient}, {@code
   * PNWorkspace}, the program's types {@code PNVec}, its helpers {@code pNNorm}) at or above the
   * diagnostic's line names it. Null if some diagnostic cannot be placed.
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
      for (String member : c.program.members()) {
        b.append('\n').append(member.indent(2));
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

  /**
   * The compiled primal and value-and-gradient methods give the interpreter's results; for a
   * program with objects, called with real records and a real receiver built from the point's
   * values, the gradient record holds the same partial derivatives (a record parameter's as a
   * record), and the gradient agrees with central differences of the compiled method.
   */
  private void runCompiled(ClassLoader classes, String owner, ProgramCheck c) {
    if (c.outcome == null) {
      return;
    }
    stats.compiled++;
    try {
      Class<?> batchClass = Class.forName(PACKAGE + "." + owner, true, classes);
      Class<?> primalClass =
          c.program.ownerClass() == null
              ? batchClass
              : Class.forName(batchClass.getName() + "$" + c.program.ownerClass(), true, classes);
      Class<?> derivatives = Class.forName(PACKAGE + "." + owner + "Derivatives", true, classes);
      int arity = c.program.params().size();
      int visible = c.program.visibleNames().size();
      Method primal = method(primalClass, c.program.name(), arity);
      Method valueAndGradient = method(derivatives, c.outcome.gradient().name(), visible + 1);
      Method gradientRecord = method(derivatives, c.program.name() + "Gradient", visible);
      Instances objects = new Instances(batchClass);
      for (Point p : c.points) {
        double value = invokePrimal(primal, objects.real(p.java()), c.program);
        if (!ProgramCheck.close(value, p.value(), 1e-12)) {
          compiledFailure(
              c,
              "the compiled method and the interpreter disagree on the primal",
              "javac: "
                  + value
                  + ", interpreter: "
                  + p.value()
                  + " at "
                  + Arrays.deepToString(p.java()));
          return;
        }
        double[] g = new double[p.gradient().length];
        Arrays.fill(g, Double.NaN);
        double v =
            (double) valueAndGradient.invoke(null, ProgramCheck.append(objects.real(p.java()), g));
        if (!ProgramCheck.close(v, p.value(), 1e-12)) {
          compiledFailure(
              c,
              "the generated Java returns a different value than the interpreted IR",
              "generated: " + v + ", IR: " + p.value() + " at " + Arrays.deepToString(p.java()));
          return;
        }
        if (!sameGradient(c, "the generated Java computes a different gradient", g, p, 1e-10)
            || !throughObjective(c, derivatives, visible, objects, p)) {
          return;
        }
        Object record = gradientRecord.invoke(null, objects.real(p.java()));
        if (record == null) {
          compiledFailure(c, "the generated gradient method returned null", "");
          return;
        }
        if (c.program.hasObjects()) {
          List<Double> flat = new ArrayList<>();
          flatten(record, flat, true);
          double[] fromRecord = flat.stream().mapToDouble(Double::doubleValue).toArray();
          if (fromRecord.length != g.length) {
            compiledFailure(
                c,
                "the gradient record has another layout than the gradient",
                record + " against " + Arrays.toString(g));
            return;
          }
          if (!sameGradient(c, "the gradient record disagrees", fromRecord, p, 1e-12)
              || !againstCompiledDifferences(c, primal, objects, p, g)) {
            return;
          }
        }
      }
    } catch (InvocationTargetException e) {
      compiledFailure(c, "the generated Java threw", ProgramCheck.stackTrace(e.getCause()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      compiledFailure(c, "cannot run the generated Java", ProgramCheck.stackTrace(e));
    }
  }

  /**
   * The generated adapter, where there is one: {@code mObjective} made from the point's arguments
   * and evaluated at its own {@code start()} gives the interpreter's value and gradient, and its
   * parameter record packs back to that start.
   */
  private boolean throughObjective(
      ProgramCheck c, Class<?> derivatives, int visible, Instances objects, Point p)
      throws ReflectiveOperationException {
    Method factory;
    try {
      factory = method(derivatives, c.program.name() + "Objective", visible);
    } catch (NoSuchMethodException e) {
      return true; // no adapter for this method (a final field in wrt, a float result)
    }
    dev.adjoint.runtime.DifferentiableFunction f =
        (dev.adjoint.runtime.DifferentiableFunction) factory.invoke(null, objects.real(p.java()));
    Method start = f.getClass().getMethod("start");
    double[] point = (double[]) start.invoke(f);
    if (point.length != p.gradient().length || f.dimension() != point.length) {
      compiledFailure(
          c,
          "the generated objective has another layout than the gradient",
          "start " + Arrays.toString(point) + ", dimension " + f.dimension());
      return false;
    }
    Object parameters = f.getClass().getMethod("parameters", double[].class).invoke(f, point);
    double[] packed = (double[]) parameters.getClass().getMethod("pack").invoke(parameters);
    if (!Arrays.equals(packed, point)) {
      compiledFailure(
          c,
          "the generated parameter record does not pack back to the point it unpacked",
          Arrays.toString(packed) + " against " + Arrays.toString(point));
      return false;
    }
    double[] g = new double[point.length];
    Arrays.fill(g, Double.NaN);
    double v = f.valueAndGradient(point, g);
    if (!ProgramCheck.close(v, p.value(), 1e-12)) {
      compiledFailure(
          c,
          "the generated objective returns a different value than the interpreted IR",
          "objective: " + v + ", IR: " + p.value() + " at " + Arrays.deepToString(p.java()));
      return false;
    }
    stats.objectivePoints++;
    return sameGradient(c, "the generated objective computes a different gradient", g, p, 1e-10);
  }

  private boolean sameGradient(ProgramCheck c, String kind, double[] g, Point p, double rel) {
    for (int k = 0; k < g.length; k++) {
      if (!ProgramCheck.close(g[k], p.gradient()[k], rel)) {
        compiledFailure(
            c,
            kind + " than the interpreted IR",
            "gradient["
                + k
                + "]: generated "
                + g[k]
                + ", IR "
                + p.gradient()[k]
                + " at "
                + Arrays.deepToString(p.java()));
        return false;
      }
    }
    return true;
  }

  /** The compiled method: static, or called on the receiver, the first of {@code args}. */
  private static double invokePrimal(Method primal, Object[] args, Program program)
      throws ReflectiveOperationException {
    if (program.ownerClass() == null) {
      return (double) primal.invoke(null, args);
    }
    return (double) primal.invoke(args[0], Arrays.copyOfRange(args, 1, args.length));
  }

  /**
   * The generated gradient against central differences of the compiled method, run on objects built
   * from the moved IR arguments (so the coordinates are the flat layout's); a partial near a kink
   * or jump is skipped as in the interpreter's check.
   */
  private boolean againstCompiledDifferences(
      ProgramCheck c, Method primal, Instances objects, Point p, double[] g) {
    if (c.program.constructs().contains(Construct.STOP_GRADIENT)) {
      return true;
    }
    int[] wrt = ProgramCheck.wrtPositions(c.outcome);
    double factor = ProgramCheck.hasFloats(c.program) ? 1e3 : 1;
    double[][][] fd = new double[2][][];
    for (int s = 0; s < 2; s++) {
      fd[s] =
          Differences.centralWithAsymmetry(
              x -> {
                try {
                  return invokePrimal(
                      primal,
                      objects.real(ProgramCheck.javaArguments(c.outcome, c.program, p.java(), x)),
                      c.program);
                } catch (ReflectiveOperationException e) {
                  throw new IllegalStateException(e);
                }
              },
              p.args(),
              wrt,
              p.value(),
              Differences.relative((s == 0 ? 1 : 4) * factor * 1e-6));
    }
    for (int k = 0; k < g.length; k++) {
      double scale = Math.max(1, Math.max(Math.abs(fd[0][0][k]), Math.abs(g[k])));
      double noise = Math.abs(fd[0][0][k] - fd[1][0][k]);
      if (Math.abs(g[k] - fd[0][0][k]) <= 1e-5 * scale + 10 * noise) {
        continue;
      }
      double slack =
          1e-3 * scale + (ProgramCheck.hasFloats(c.program) ? 1e-3 : 1e-6) * Math.abs(p.value());
      boolean jump = Math.abs(fd[0][1][k]) > slack || Math.abs(fd[1][1][k]) > slack;
      if (!Double.isFinite(fd[0][0][k])
          || !Double.isFinite(fd[1][0][k])
          || noise > 1e-4 * scale
          || jump) {
        continue;
      }
      compiledFailure(
          c,
          "the generated gradient disagrees with central differences of the compiled method",
          "gradient["
              + k
              + "] = "
              + g[k]
              + " but central differences of the compiled method on objects give "
              + fd[0][0][k]
              + " (step h) and "
              + fd[1][0][k]
              + " (step 4h) at "
              + Arrays.deepToString(p.java()));
      return false;
    }
    return true;
  }

  /**
   * The doubles of a gradient record in order, recursively (a record parameter's component is a
   * record of its partials); {@code top}: skip the record's {@code value}.
   */
  private static void flatten(Object o, List<Double> out, boolean top)
      throws ReflectiveOperationException {
    if (o instanceof Double d) {
      out.add(d);
    } else if (o instanceof double[] a) {
      Arrays.stream(a).forEach(out::add);
    } else if (o instanceof double[][] m) {
      Arrays.stream(m).forEach(row -> Arrays.stream(row).forEach(out::add));
    } else if (o != null && o.getClass().isRecord()) {
      boolean first = true;
      for (java.lang.reflect.RecordComponent rc : o.getClass().getRecordComponents()) {
        if (!(top && first)) {
          Method accessor = rc.getAccessor();
          accessor.setAccessible(true);
          flatten(accessor.invoke(o), out, false);
        }
        first = false;
      }
    } else {
      throw new IllegalArgumentException("not a gradient: " + o);
    }
  }

  /** Builds the real records and receivers of a batch's compiled classes from their values. */
  private static final class Instances {
    private final Class<?> batch;

    Instances(Class<?> batch) {
      this.batch = batch;
    }

    /** The arguments with every {@link ObjectTypes.Obj} replaced by a new real object. */
    Object[] real(Object[] args) throws ReflectiveOperationException {
      Object[] out = ProgramCheck.copy(args);
      for (int k = 0; k < out.length; k++) {
        if (out[k] instanceof ObjectTypes.Obj o) {
          out[k] = real(o);
        }
      }
      return out;
    }

    /** A record by its canonical constructor, a class by its constructor of all its fields. */
    private Object real(ObjectTypes.Obj o) throws ReflectiveOperationException {
      Class<?> type =
          Class.forName(batch.getName() + "$" + o.shape().name(), true, batch.getClassLoader());
      Object[] values = new Object[o.shape().slots().size()];
      for (int k = 0; k < values.length; k++) {
        Object v = o.values().get(o.shape().slots().get(k).name());
        values[k] = v instanceof ObjectTypes.Obj inner ? real(inner) : ObjectTypes.copyOf(v);
      }
      java.lang.reflect.Constructor<?> constructor = type.getDeclaredConstructors()[0];
      constructor.setAccessible(true);
      return constructor.newInstance(values);
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
