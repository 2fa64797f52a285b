package dev.adjoint.compiler.random;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import dev.adjoint.compiler.Differentiation;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.Differentiation.Result;
import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.Span;
import dev.adjoint.compiler.frontend.Binding;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.frontend.MethodRequest;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.ir.Verifier;
import dev.adjoint.compiler.pass.Pipeline;
import dev.adjoint.compiler.pass.analysis.VerbatimChecks;
import dev.adjoint.compiler.random.ProgramGenerator.Program;
import dev.adjoint.compiler.testing.Classes;
import dev.adjoint.compiler.testing.Differences;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks one generated program through the compiler, without javac: either the frontend rejects it
 * with coded diagnostics (allowed only if it uses a construct not supported yet), or the
 * differentiated IR is well formed, returns the primal's value, agrees with the un-cleaned
 * reverse-mode output, and agrees with central differences of the primal, all run by the IR
 * interpreter at a few seeded points.
 */
final class ProgramCheck {
  static final int POINTS = 3;

  /** Points where |f| is larger than this are skipped: central differences lose too many digits. */
  static final double MAX_MAGNITUDE = 1e8;

  /**
   * One evaluation point and the interpreter's results there, for comparing with compiled code.
   *
   * @param args the IR function's arguments
   * @param java the method's arguments as declared (the receiver first for an instance method),
   *     records and the receiver as {@link ObjectTypes.Obj}s
   */
  record Point(Object[] args, double value, double[] gradient, Object[] java) {}

  /** Something wrong: a compiler bug, or a generator bug (an ill-typed or throwing program). */
  record Failure(long seed, String kind, String detail, String source) {
    String describe() {
      return "---- seed " + seed + ": " + kind + "\n" + detail.strip() + "\n" + source;
    }
  }

  /** Counters over a run, printed at the end and checked so the test cannot pass vacuously. */
  static final class Stats {
    int programs;
    int differentiated;
    int rejected;
    int points;
    int skippedPoints;
    int coordinates;
    int checkpointedCoordinates;
    int skippedCoordinates;
    int stopGradientCoordinates;
    int compiled;
    int objectivePoints;
    int secondOrderPoints;
    int hessianEntries;
    int skippedHessianEntries;
    long compilerNanos;
    long interpreterNanos;
    long javacNanos;
    int dataPrograms;
    int dataDifferentiated;
    int dataRejected;
    int dataPoints;
    int dataSkippedPoints;
    int dataCoordinates;
    int dataSkippedCoordinates;
    int dataTangents;
    int dataHessianVectors;
    int dataHessianEntries;
    int dataSkippedHessianEntries;
    int dataCallCounts;
    final Map<String, Integer> rejectionCodes = new TreeMap<>();
    final Map<Construct, Integer> constructs = new EnumMap<>(Construct.class);

    String summary() {
      return programs
          + " programs: "
          + differentiated
          + " differentiated, "
          + rejected
          + " rejected with "
          + rejectionCodes
          + "; "
          + points
          + " points checked ("
          + skippedPoints
          + " skipped), "
          + coordinates
          + " partial derivatives compared with central differences ("
          + skippedCoordinates
          + " skipped near a kink or jump, "
          + stopGradientCoordinates
          + " not compared in programs using stopGradient); "
          + checkpointedCoordinates
          + " partials of checkpointed loops compared with full storage; "
          + secondOrderPoints
          + " points with second-order checks ("
          + hessianEntries
          + " Hessian-vector entries compared "
          + "with differences of the gradient, "
          + skippedHessianEntries
          + " skipped near a kink); "
          + compiled
          + " generated classes compiled and run ("
          + objectivePoints
          + " points also through the generated objective); time in the"
          + String.format(
              " compiler %.1f s, interpreter %.1f s, javac %.1f s (on a background thread)",
              compilerNanos / 1e9, interpreterNanos / 1e9, javacNanos / 1e9)
          + String.format(
              "; %d programs with data kept verbatim, checked through javac and the processor only"
                  + " (not by the IR interpreter): %d differentiated, %d rejected; %d points (%d"
                  + " skipped), %d partials against central differences (%d skipped), %d tangents,"
                  + " %d Hessian-vector products (%d entries against differences of the gradient,"
                  + " %d skipped), %d call counts of a data object compared",
              dataPrograms,
              dataDifferentiated,
              dataRejected,
              dataPoints,
              dataSkippedPoints,
              dataCoordinates,
              dataSkippedCoordinates,
              dataTangents,
              dataHessianVectors,
              dataHessianEntries,
              dataSkippedHessianEntries,
              dataCallCounts);
    }
  }

  final Program program;
  final String owner;

  /** What the compiler produced, when it differentiated the program. */
  Differentiated outcome;

  /** {@code ReverseMode.transform}'s output before the clean-up passes. */
  private Function naive;

  /**
   * The gradient with loops reversed from 1 to 3 snapshots ({@code checkpoints}), null for programs
   * with verbatim code (which checkpointed loops refuse); compared with the full-storage gradient.
   */
  private Function checkpointed;

  /** The recursive helpers the functions call and their derivatives, by name. */
  private Map<String, Function> library = Map.of();

  final List<Point> points = new ArrayList<>();
  final List<Failure> failures = new ArrayList<>();

  private ProgramCheck(Program program, String owner) {
    this.program = program;
    this.owner = owner;
  }

  /**
   * The request the javac layer would make for the program as a method of class {@code owner}:
   * every other program with {@code order = 2}, so that the Hessian methods are emitted and
   * compiled too.
   */
  static MethodRequest request(Program p, String owner) {
    return new MethodRequest(
        p.ownerClass() == null ? owner : p.ownerClass(),
        p.name(),
        p.source(),
        p.ownerClass() == null,
        p.explicitWrt(),
        p.order(),
        p.noDerivative(),
        17);
  }

  /** The test's class {@code owner} with only {@code p}'s members, as a compilation unit. */
  static String unit(Program p, String owner) {
    StringBuilder b = new StringBuilder("final class " + owner + " {\n");
    p.members().forEach(m -> b.append(m.indent(2)).append('\n'));
    return b.append("}\n").toString();
  }

  /**
   * Resolves calls as the javac layer does for the program's class {@code owner}: to the program's
   * helpers, each with its declaration text and the facts of an unannotated static method.
   */
  static CalleeResolver resolver(Program p, String owner) {
    if (p.hasObjects()) { // records and classes as the javac layer sees them
      return Classes.of(unit(p, owner)).resolver(p.ownerClass() == null ? owner : p.ownerClass());
    }
    return new CalleeResolver() {
      @Override
      public List<Callee> resolve(String qualifier, String name, int arity) {
        List<Callee> out = new ArrayList<>();
        if (qualifier != null && !qualifier.equals(owner)) {
          return out;
        }
        for (String h : p.helpers()) {
          MethodDeclaration m = StaticJavaParser.parseMethodDeclaration(h);
          if (m.getNameAsString().equals(name) && m.getParameters().size() == arity) {
            String types =
                m.getParameters().stream()
                    .map(q -> q.getType().asString())
                    .collect(Collectors.joining(",", "(", ")"));
            MethodRequest r =
                new MethodRequest(owner, name, h.strip(), true, List.of(), 1, Set.of(), 17);
            out.add(
                new Callee(
                    RandomProgramsTest.PACKAGE + "." + owner + "#" + name + types,
                    owner + ".java",
                    r,
                    this));
          }
        }
        return out;
      }
    };
  }

  /** The functions the interpreter needs to run {@code d}'s: its helpers and their derivatives. */
  static Map<String, Function> library(Differentiated d) {
    Map<String, Function> out = new HashMap<>();
    d.helpers().forEach(h -> out.put(h.name(), h));
    return out;
  }

  static ProgramCheck run(Program p, String owner, Stats stats) {
    ProgramCheck c = new ProgramCheck(p, owner);
    stats.programs++;
    p.constructs().forEach(k -> stats.constructs.merge(k, 1, Integer::sum));
    if (p.hasData()) { // the interpreter cannot run data code: DataCheck, through javac
      stats.dataPrograms++;
      return c;
    }
    c.check(stats);
    return c;
  }

  private void fail(String kind, String detail) {
    failures.add(new Failure(program.seed(), kind, detail, program.text()));
  }

  private void check(Stats stats) {
    long t0 = System.nanoTime();
    try {
      differentiate(stats);
    } finally {
      stats.compilerNanos += System.nanoTime() - t0;
    }
    if (outcome != null) {
      long t1 = System.nanoTime();
      Random random = new Random(ProgramGenerator.mix(~program.seed()));
      for (int k = 0; k < POINTS && failures.isEmpty(); k++) {
        Object[] java = program.javaArguments(random, awkward(program));
        Object[] args;
        try {
          args = irArguments(outcome, program, java);
        } catch (RuntimeException e) {
          fail("cannot bind the IR parameters to the objects", stackTrace(e));
          return;
        }
        checkPoint(outcome.primal(), outcome.gradient(), naive, args, java, stats);
      }
      stats.interpreterNanos += System.nanoTime() - t1;
    }
  }

  /**
   * A third of the programs are checked at awkward points (exact zeros and ties), see {@code
   * Program.arguments}; not those with floor, ceil, rint or signum, whose derivative 0 is wrong
   * exactly at their jumps (where {@code ceil(z * z) * z} has slope 1 at z = 0), as in every AD
   * tool.
   */
  static boolean awkward(Program p) {
    return p.seed() % 3 == 0 && !p.constructs().contains(Construct.MATH_STEP);
  }

  private void differentiate(Stats stats) {
    Result o;
    try {
      o = Differentiation.run(request(program, owner), resolver(program, owner));
    } catch (Throwable t) {
      fail("the compiler threw", stackTrace(t));
      return;
    }
    for (Diagnostic d : o.diagnostics().all()) {
      if (d.code().name().startsWith("AD9")) {
        fail("internal error diagnostic", d.message());
      } else if (!d.message().startsWith("[" + d.code().name() + "] ")) {
        fail("diagnostic without its code", d.message());
      }
      Span s = d.span();
      if (!s.isMethod()
          && (s.start() < 0 || s.start() > s.end() || s.end() > program.source().length())) {
        fail("diagnostic span outside the method", d.message() + " at " + s);
      }
    }
    List<Diagnostic> errors = o.diagnostics().all().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      if (program.onlySupported()) {
        fail(
            "a program in the supported language was rejected",
            errors.stream()
                .map(d -> d.message() + " at " + excerpt(d.span()))
                .collect(Collectors.joining("\n")));
      } else {
        stats.rejected++;
        errors.forEach(d -> stats.rejectionCodes.merge(d.code().name(), 1, Integer::sum));
      }
      return;
    }
    if (!failures.isEmpty()) {
      return;
    }
    if (!(o instanceof Differentiated d)) {
      fail("no gradient and no error", o.diagnostics().all().toString());
      return;
    }
    List<String> expectedWrt = program.inputLabels();
    Map<Var, String> labels = Input.labels(d.inputs());
    List<String> wrt = d.wrt().stream().map(v -> labels.getOrDefault(v, v.name())).toList();
    if (!wrt.equals(expectedWrt)) {
      fail("wrong differentiated parameters", "expected " + expectedWrt + ", got " + wrt);
      return;
    }
    try {
      Verifier.check(d.primal());
      Verifier.check(d.gradient());
    } catch (Throwable t) {
      fail("ill-formed IR", stackTrace(t));
      return;
    }
    try {
      naive = Pipeline.naiveGradient(d.primal(), d.wrt());
    } catch (Throwable t) {
      fail("ReverseMode.transform threw", stackTrace(t));
      return;
    }
    try {
      Verifier.check(naive);
    } catch (Throwable t) {
      fail("ReverseMode.transform (before clean-up) produced ill-formed IR", stackTrace(t));
      return;
    }
    library = library(d);
    try {
      checkpointed =
          VerbatimChecks.sites(d.primal()).isEmpty()
              ? Pipeline.gradient(d.primal(), d.wrt(), 1 + (int) Math.floorMod(program.seed(), 3L))
              : null;
      if (checkpointed != null) {
        Verifier.check(checkpointed);
      }
    } catch (Throwable t) {
      fail("the checkpointed gradient threw or is ill-formed", stackTrace(t));
      return;
    }
    try {
      // the derivatives of helpers the un-cleaned gradient calls (the cleaned one calls fewer)
      List<Function> callers = checkpointed == null ? List.of(naive) : List.of(naive, checkpointed);
      for (Function h : Pipeline.helpers(d.helpers(), callers)) {
        library.putIfAbsent(h.name(), h);
      }
    } catch (Throwable t) {
      fail("deriving the helpers of the un-cleaned gradient threw", stackTrace(t));
      return;
    }
    outcome = d;
    stats.differentiated++;
  }

  private void checkPoint(
      Function primal,
      Function gradient,
      Function naive,
      Object[] args,
      Object[] java,
      Stats stats) {
    double value;
    try {
      value = (double) Interpreter.run(library, primal, copy(args));
    } catch (Throwable t) {
      fail(
          "the primal threw (a generator bug, or an interpreter bug)",
          "at " + Arrays.deepToString(args) + "\n" + stackTrace(t));
      return;
    }
    if (!Double.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
      stats.skippedPoints++;
      return;
    }
    stats.points++;
    List<String> coordinates = coordinateNames(args);
    double[] g = new double[coordinates.size()];
    double[] gn = new double[coordinates.size()];
    double vg;
    double vn;
    try {
      vg = runGradient(gradient, args, g);
    } catch (Throwable t) {
      fail("the gradient threw", "at " + Arrays.deepToString(args) + "\n" + stackTrace(t));
      return;
    }
    dotProductTest(args, g);
    try {
      vn = runGradient(naive, args, gn);
    } catch (Throwable t) {
      fail(
          "the un-cleaned gradient threw",
          "at " + Arrays.deepToString(args) + "\n" + stackTrace(t));
      return;
    }
    if (!close(vg, value, 1e-12)) {
      fail(
          "the gradient function returns a different value",
          "primal " + value + ", gradient function " + vg + " at " + Arrays.deepToString(args));
      return;
    }
    if (!close(vn, value, 1e-12)) {
      fail(
          "the un-cleaned gradient function returns a different value",
          "primal " + value + ", un-cleaned " + vn + " at " + Arrays.deepToString(args));
      return;
    }
    if (checkpointed != null) {
      double[] gc = new double[coordinates.size()];
      try {
        runGradient(checkpointed, args, gc);
      } catch (Throwable t) {
        fail(
            "the checkpointed gradient threw",
            "at " + Arrays.deepToString(args) + "\n" + stackTrace(t));
        return;
      }
      for (int k = 0; k < g.length; k++) {
        stats.checkpointedCoordinates++;
        if (!close(g[k], gc[k], 1e-9)) {
          fail(
              "checkpoints changed the gradient",
              "d/d"
                  + coordinates.get(k)
                  + ": full storage "
                  + g[k]
                  + ", checkpointed "
                  + gc[k]
                  + " at "
                  + Arrays.deepToString(args)
                  + "\n"
                  + dev.adjoint.compiler.ir.Printer.function(checkpointed));
          return;
        }
      }
    }
    for (int k = 0; k < g.length; k++) {
      if (!close(g[k], gn[k], 1e-9)) {
        fail(
            "the clean-up passes changed the gradient",
            "d/d"
                + coordinates.get(k)
                + ": un-cleaned "
                + gn[k]
                + ", cleaned "
                + g[k]
                + " at "
                + Arrays.deepToString(args));
        return;
      }
    }
    if (program.constructs().contains(Construct.STOP_GRADIENT)) {
      // central differences of the primal see through stopGradient: no oracle beyond the checks
      // above
      stats.stopGradientCoordinates += g.length;
      points.add(new Point(copy(args), value, g, copy(java)));
      SecondOrderCheck.run(outcome, program, args, g, stats, this::fail);
      return;
    }
    double[][] fd1 = centralDifferences(primal, args, value, 1);
    double[][] fd4 = centralDifferences(primal, args, value, 4);
    for (int k = 0; k < g.length; k++) {
      stats.coordinates++;
      double scale = Math.max(1, Math.max(Math.abs(fd1[0][k]), Math.abs(g[k])));
      double noise = Math.abs(fd1[0][k] - fd4[0][k]);
      if (Math.abs(g[k] - fd1[0][k]) <= 1e-5 * scale + 10 * noise) {
        continue;
      }
      // the asymmetry is about h f'' plus rounding of f over h (float values round much more)
      double slack = 1e-3 * scale + (hasFloats(program) ? 1e-3 : 1e-6) * Math.abs(value);
      boolean jumpAtPoint = Math.abs(fd1[1][k]) > slack || Math.abs(fd4[1][k]) > slack;
      if (!Double.isFinite(fd1[0][k])
          || !Double.isFinite(fd4[0][k])
          || noise > 1e-4 * scale
          || jumpAtPoint) {
        // a kink or a jump within a step of the point, or at the point itself (a branch on two
        // expressions that are equal up to rounding, like log(1 + x*x) > log1p(x*x))
        stats.skippedCoordinates++;
        continue;
      }
      fail(
          "gradient disagrees with central differences",
          "d/d"
              + coordinates.get(k)
              + " = "
              + g[k]
              + " (un-cleaned "
              + gn[k]
              + ") but central differences give "
              + fd1[0][k]
              + " (step h) and "
              + fd4[0][k]
              + " (step 4h), value "
              + value
              + ", at "
              + describe(args));
      return;
    }
    points.add(new Point(copy(args), value, g, copy(java)));
    SecondOrderCheck.run(outcome, program, args, g, stats, this::fail);
  }

  /**
   * The IR function's arguments from the method's ({@code java}, as {@link Program#javaArguments}):
   * a plain parameter as it is, a parameter bound from a field or record component read along its
   * binding's path.
   */
  static Object[] irArguments(Differentiated d, Program p, Object[] java) {
    Object[] copied = copy(java);
    List<String> visible = p.visibleNames();
    Map<String, Binding> bound = new HashMap<>();
    d.bound().forEach((v, b) -> bound.put(v.name(), b));
    List<Var> params = d.primal().params();
    Object[] out = new Object[params.size()];
    for (int k = 0; k < out.length; k++) {
      Binding b = bound.get(params.get(k).name());
      if (b == null) {
        int at = visible.indexOf(params.get(k).name());
        if (at < 0) {
          throw new IllegalStateException(
              "IR parameter " + params.get(k) + " is neither declared nor bound: " + d.bound());
        }
        out[k] = copied[at];
      } else {
        out[k] = ((ObjectTypes.Obj) copied[visible.indexOf(b.root().name())]).at(b.names());
      }
    }
    return out;
  }

  /**
   * The method's arguments with the IR function's {@code args} put where they are read from: the
   * inverse of {@link #irArguments}, on a copy of {@code java} (which keeps what the IR never
   * reads).
   */
  static Object[] javaArguments(Differentiated d, Program p, Object[] java, Object[] args) {
    Object[] out = copy(java);
    List<String> visible = p.visibleNames();
    Map<String, Binding> bound = new HashMap<>();
    d.bound().forEach((v, b) -> bound.put(v.name(), b));
    List<Var> params = d.primal().params();
    for (int k = 0; k < args.length; k++) {
      Binding b = bound.get(params.get(k).name());
      Object value = ObjectTypes.copyOf(args[k]);
      if (b == null) {
        out[visible.indexOf(params.get(k).name())] = value;
      } else {
        ((ObjectTypes.Obj) out[visible.indexOf(b.root().name())]).set(b.names(), value);
      }
    }
    return out;
  }

  /** The positions of {@code d}'s differentiated parameters among its IR parameters, in layout. */
  static int[] wrtPositions(Differentiated d) {
    List<String> names = d.primal().params().stream().map(Var::name).toList();
    return d.wrt().stream().mapToInt(v -> names.indexOf(v.name())).toArray();
  }

  private String describe(Object[] args) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < args.length; k++) {
      Object a = args[k];
      parts.add(
          outcome.primal().params().get(k).name()
              + " = "
              + (a instanceof double[] d
                  ? Arrays.toString(d)
                  : a instanceof float[] f ? Arrays.toString(f) : a));
    }
    return String.join(", ", parts);
  }

  /**
   * Forward mode against reverse mode: the tangent along a seeded random direction equals the
   * gradient dotted with it, up to the rounding of the two different summation orders.
   */
  private void dotProductTest(Object[] args, double[] g) {
    if (outcome == null || g.length == 0) {
      return;
    }
    java.util.Random random = new java.util.Random(Arrays.deepHashCode(args));
    double[] v = new double[g.length];
    double dot = 0;
    double scale = 0;
    for (int k = 0; k < v.length; k++) {
      v[k] = random.nextGaussian();
      dot += g[k] * v[k];
      scale += Math.abs(g[k] * v[k]);
    }
    if (!Double.isFinite(scale)) {
      return;
    }
    double t;
    try {
      t = (double) Interpreter.run(library, outcome.tangent(), append(copy(args), v));
    } catch (Throwable e) {
      fail("the tangent threw", "at " + Arrays.deepToString(args) + "\n" + stackTrace(e));
      return;
    }
    boolean floats = program.source().contains("float");
    double tolerance = (floats ? 1e-5 : 1e-10) * Math.max(1, scale);
    if (!(Math.abs(t - dot) <= tolerance)) {
      fail(
          "forward and reverse mode disagree (dot-product test)",
          "tangent " + t + ", gradient . v = " + dot + " at " + Arrays.deepToString(args));
    }
  }

  private double runGradient(Function f, Object[] args, double[] out) {
    double[] g = new double[out.length];
    Arrays.fill(
        g, Double.NaN); // the generated code must overwrite the gradient, not accumulate into it
    double v = (double) Interpreter.run(library, f, append(copy(args), g));
    System.arraycopy(g, 0, out, 0, g.length);
    return v;
  }

  /**
   * The partial derivatives in flat layout, by central differences with step {@code factor ·
   * 1e-6·max(1,|x|)} (1e-3 for programs with {@code float} values, whose rounding would swamp a
   * smaller step): row 0. Row 1 is the difference of the forward and backward differences, {@code
   * (f(x+h) - 2 f(x) + f(x-h)) / h}: about {@code h f''} where f is smooth, large where f jumps at
   * x.
   */
  private double[][] centralDifferences(
      Function primal, Object[] args, double value, double factor) {
    if (hasFloats(program)) {
      factor *= 1e3;
    }
    return Differences.centralWithAsymmetry(
        x -> (double) Interpreter.run(library, primal, x),
        args,
        differentiated(),
        value,
        Differences.relative(factor * 1e-6));
  }

  /** Whether {@code p} computes with float values, whose rounding needs wider tolerances. */
  static boolean hasFloats(Program p) {
    return p.constructs().contains(Construct.FLOAT)
        || p.constructs().contains(Construct.FLOAT_ARRAY);
  }

  /** The positions of the differentiated parameters among the IR function's, in flat layout. */
  private int[] differentiated() {
    return wrtPositions(outcome);
  }

  private List<String> coordinateNames(Object[] args) {
    List<String> names = new ArrayList<>();
    Map<Var, String> labels = Input.labels(outcome.inputs());
    int[] positions = differentiated();
    for (int w = 0; w < positions.length; w++) {
      int p = positions[w];
      String name = labels.getOrDefault(outcome.wrt().get(w), outcome.wrt().get(w).name());
      if (args[p] != null && args[p].getClass().isArray()) {
        for (int k = 0; k < java.lang.reflect.Array.getLength(args[p]); k++) {
          names.add(name + "[" + k + "]");
        }
      } else {
        names.add(name);
      }
    }
    return names;
  }

  private String excerpt(Span s) {
    if (s.isMethod()) {
      return "the method";
    }
    String src = program.source();
    return "'" + src.substring(Math.max(0, s.start()), Math.min(src.length(), s.end())) + "'";
  }

  /** |a - b| ≤ rel · max(1, |a|, |b|); NaN only equals NaN. */
  static boolean close(double a, double b, double rel) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    return Math.abs(a - b) <= rel * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  static Object[] copy(Object[] a) {
    Object[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = ObjectTypes.copyOf(out[i]);
    }
    return out;
  }

  static Object[] append(Object[] a, Object last) {
    Object[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String[] lines = w.toString().split("\n");
    return Arrays.stream(lines).limit(25).collect(Collectors.joining("\n"));
  }
}
