package dev.adjoint.compiler.random;

import dev.adjoint.compiler.random.ProgramCheck.Failure;
import dev.adjoint.compiler.random.ProgramCheck.Stats;
import dev.adjoint.compiler.random.ProgramGenerator.CounterValues;
import dev.adjoint.compiler.random.ProgramGenerator.Param;
import dev.adjoint.compiler.random.ProgramGenerator.ParamKind;
import dev.adjoint.compiler.random.ProgramGenerator.Program;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of a program that keeps data code verbatim ({@link ProgramGenerator#DATA}): the IR
 * interpreter cannot run such code and the testing resolver cannot type it, so the program goes
 * through javac with the real processor, as a user's would. At a few seeded points, the generated
 * {@code ValueAndGradient} must return the compiled method's value and a gradient that agrees with
 * central differences of the compiled method, {@code Tangent} the gradient dotted with a direction,
 * {@code HessianVector} (with {@code order = 2}) the same value and gradient and a product that
 * agrees with differences of the gradient; and each of them must call the counting data object
 * exactly as often as the method does.
 */
final class DataCheck {
  private DataCheck() {}

  private static final Pattern CODE = Pattern.compile("\\[(AD\\d{3})\\]");

  /**
   * The class {@code owner} with the programs' members, each method annotated for the processor.
   */
  static Map<String, String> sources(String owner, List<Program> programs) {
    StringBuilder b =
        new StringBuilder("package " + RandomProgramsTest.PACKAGE + ";\n\n")
            .append("import dev.adjoint.Adjoint;\nimport dev.adjoint.Differentiable;\n")
            .append("import dev.adjoint.NoDerivative;\n\n")
            .append("final class ")
            .append(owner)
            .append(" {\n  private ")
            .append(owner)
            .append("() {}\n");
    for (Program p : programs) {
      for (String member : p.members()) {
        String m = member;
        if (m.equals(p.source())) {
          m =
              m.contains("@Differentiable(")
                  ? m.replace("@Differentiable(", "@Differentiable(order = " + p.order() + ", ")
                  : "@Differentiable(order = " + p.order() + ")\n" + m;
        }
        b.append('\n').append(m.indent(2));
      }
    }
    b.append("}\n");
    Map<String, String> files = new LinkedHashMap<>();
    files.put(RandomProgramsTest.PACKAGE + "/" + owner + ".java", b.toString());
    return files;
  }

  /**
   * Compiles the data programs of a batch as class {@code owner} with the processor and checks
   * them; if javac or the processor reports anything, each program is compiled alone.
   */
  static void run(
      InMemoryJavac javac, String owner, List<Program> programs, Stats stats, List<Failure> out) {
    if (programs.isEmpty()) {
      return;
    }
    InMemoryJavac.Result all = javac.compileWithProcessor(sources(owner, programs));
    if (all.clean()) {
      for (Program p : programs) {
        stats.dataDifferentiated++;
        check(all.classes(), owner, p, stats, out);
      }
      return;
    }
    for (Program p : programs) {
      String alone = owner + "x" + Long.toUnsignedString(p.seed());
      InMemoryJavac.Result r = javac.compileWithProcessor(sources(alone, List.of(p)));
      if (r.clean()) {
        stats.dataDifferentiated++;
        check(r.classes(), alone, p, stats, out);
        continue;
      }
      String text = r.describe();
      Matcher m = CODE.matcher(text);
      List<String> codes = new ArrayList<>();
      while (m.find()) {
        codes.add(m.group(1));
      }
      boolean internal = codes.stream().anyMatch(c -> c.startsWith("AD9"));
      if (!codes.isEmpty() && !internal && !p.onlySupported()) {
        stats.dataRejected++;
        codes.forEach(c -> stats.rejectionCodes.merge(c, 1, Integer::sum));
        continue;
      }
      String kind =
          codes.isEmpty()
              ? "javac rejects or warns about the data program or its derivatives"
              : internal
                  ? "the processor fails internally on a data program"
                  : "the processor rejects a data program of supported constructs";
      codes.forEach(c -> stats.rejectionCodes.merge(c, 1, Integer::sum));
      stats.dataRejected++;
      out.add(new Failure(p.seed(), kind, text, p.text()));
    }
  }

  private static void check(
      ClassLoader classes, String owner, Program p, Stats stats, List<Failure> out) {
    try {
      new Run(classes, owner, p, stats).points();
    } catch (InvocationTargetException e) {
      out.add(
          new Failure(
              p.seed(), "the compiled data program threw", ProgramCheck.stackTrace(e), p.text()));
    } catch (CheckFailure e) {
      out.add(new Failure(p.seed(), e.kind, e.getMessage(), p.text()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      out.add(
          new Failure(
              p.seed(),
              "cannot run the compiled data program",
              ProgramCheck.stackTrace(e),
              p.text()));
    }
  }

  private static final class CheckFailure extends RuntimeException {
    private static final long serialVersionUID = 1;
    final String kind;

    CheckFailure(String kind, String detail) {
      super(detail);
      this.kind = kind;
    }
  }

  /** One program's compiled method and derivatives, called with fresh arguments each time. */
  private static final class Run {
    final Program p;
    final Stats stats;
    final Method primal;
    final Method valueAndGradient;
    final Method tangent;
    final Method hessianVector;
    final Class<?> counter;

    /** The counting object of the last call, or null. */
    Object lastCounter;

    Run(ClassLoader classes, String owner, Program p, Stats stats)
        throws ReflectiveOperationException {
      this.p = p;
      this.stats = stats;
      Class<?> c = Class.forName(RandomProgramsTest.PACKAGE + "." + owner, true, classes);
      Class<?> d =
          Class.forName(RandomProgramsTest.PACKAGE + "." + owner + "Derivatives", true, classes);
      int n = p.params().size();
      primal = method(c, p.name(), n);
      valueAndGradient = method(d, p.name() + "ValueAndGradient", n + 1);
      tangent = method(d, p.name() + "Tangent", n + 1);
      hessianVector = p.order() == 2 ? method(d, p.name() + "HessianVector", n + 3) : null;
      counter =
          p.counterClass() == null
              ? null
              : Class.forName(c.getName() + "$" + p.counterClass(), true, classes);
    }

    void points() throws ReflectiveOperationException {
      Random random = new Random(ProgramGenerator.mix(~p.seed()));
      for (int k = 0; k < ProgramCheck.POINTS; k++) {
        Object[] base = p.arguments(random, false);
        double[] x = flat(base);
        double value = call(primal, base, x);
        int calls = calls();
        if (!Double.isFinite(value) || Math.abs(value) > ProgramCheck.MAX_MAGNITUDE) {
          stats.dataSkippedPoints++;
          continue;
        }
        stats.dataPoints++;
        double[] g = new double[x.length];
        double v = call(valueAndGradient, base, x, g);
        same("ValueAndGradient returns another value than the method", v, value, 1e-12);
        sameCalls("ValueAndGradient", calls);
        if (!p.constructs().contains(Construct.STOP_GRADIENT)) {
          againstDifferences(base, x, g, value);
        }
        double[] dir = new double[x.length];
        for (int i = 0; i < dir.length; i++) {
          dir[i] = -1 + 2 * random.nextDouble();
        }
        double t = (double) call(tangent, base, x, dir);
        double dot = 0;
        double scale = 1;
        for (int i = 0; i < dir.length; i++) {
          dot += g[i] * dir[i];
          scale += Math.abs(g[i] * dir[i]);
        }
        if (Math.abs(t - dot) > (ProgramCheck.hasFloats(p) ? 1e-6 : 1e-9) * scale) {
          throw new CheckFailure(
              "the tangent is not the gradient dotted with the direction",
              "tangent " + t + ", gradient . direction " + dot + " at " + describe(base));
        }
        sameCalls("Tangent", calls);
        stats.dataTangents++;
        if (hessianVector != null) {
          double[] g2 = new double[x.length];
          double[] hv = new double[x.length];
          double v2 = call(hessianVector, base, x, dir, g2, hv);
          same("HessianVector returns another value than the method", v2, value, 1e-12);
          sameCalls("HessianVector", calls);
          for (int i = 0; i < g.length; i++) {
            same("HessianVector's gradient differs from ValueAndGradient's", g2[i], g[i], 1e-10);
          }
          if (!p.constructs().contains(Construct.STOP_GRADIENT)) {
            hessianAgainstDifferences(base, x, dir, hv);
          }
          stats.dataHessianVectors++;
        }
      }
    }

    private void againstDifferences(Object[] base, double[] x, double[] g, double value)
        throws ReflectiveOperationException {
      double factor = ProgramCheck.hasFloats(p) ? 1e3 : 1;
      for (int i = 0; i < x.length; i++) {
        double[] d = new double[2];
        double[] asym = new double[2];
        for (int s = 0; s < 2; s++) {
          double h = (s == 0 ? 1 : 4) * factor * 1e-6 * Math.max(1, Math.abs(x[i]));
          double plus = call(primal, base, shifted(x, i, h));
          double minus = call(primal, base, shifted(x, i, -h));
          d[s] = (plus - minus) / (2 * h);
          asym[s] = (plus - value) / h - (value - minus) / h;
        }
        stats.dataCoordinates++;
        double scale = Math.max(1, Math.max(Math.abs(d[0]), Math.abs(g[i])));
        double noise = Math.abs(d[0] - d[1]);
        if (Math.abs(g[i] - d[0]) <= 1e-5 * scale + 10 * noise) {
          continue;
        }
        double slack = 1e-3 * scale + (factor > 1 ? 1e-3 : 1e-6) * Math.abs(value);
        if (!Double.isFinite(d[0])
            || !Double.isFinite(d[1])
            || noise > 1e-4 * scale
            || Math.abs(asym[0]) > slack
            || Math.abs(asym[1]) > slack) {
          stats.dataSkippedCoordinates++;
          continue;
        }
        throw new CheckFailure(
            "the generated gradient disagrees with central differences of the compiled method",
            "gradient["
                + i
                + "] = "
                + g[i]
                + ", central differences "
                + d[0]
                + " (h) and "
                + d[1]
                + " (4h) at "
                + describe(base));
      }
    }

    private void hessianAgainstDifferences(Object[] base, double[] x, double[] dir, double[] hv)
        throws ReflectiveOperationException {
      double[][] d = new double[2][];
      for (int s = 0; s < 2; s++) {
        double h = (s == 0 ? 1e-5 : 4e-5) * (ProgramCheck.hasFloats(p) ? 1e2 : 1);
        double[] gp = new double[x.length];
        double[] gm = new double[x.length];
        call(valueAndGradient, base, along(x, dir, h), gp);
        call(valueAndGradient, base, along(x, dir, -h), gm);
        d[s] = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          d[s][i] = (gp[i] - gm[i]) / (2 * h);
        }
      }
      for (int i = 0; i < x.length; i++) {
        stats.dataHessianEntries++;
        double scale = Math.max(1, Math.max(Math.abs(d[0][i]), Math.abs(hv[i])));
        double noise = Math.abs(d[0][i] - d[1][i]);
        if (Math.abs(hv[i] - d[0][i]) <= 1e-4 * scale + 10 * noise) {
          continue;
        }
        if (!Double.isFinite(d[0][i]) || noise > 1e-3 * scale) {
          stats.dataSkippedHessianEntries++;
          continue;
        }
        throw new CheckFailure(
            "the Hessian-vector product disagrees with differences of the gradient",
            "hv["
                + i
                + "] = "
                + hv[i]
                + ", differences "
                + d[0][i]
                + " and "
                + d[1][i]
                + " at "
                + describe(base)
                + " along "
                + Arrays.toString(dir));
      }
    }

    private void same(String kind, double a, double b, double rel) {
      if (!ProgramCheck.close(a, b, rel)) {
        throw new CheckFailure(kind, a + " against " + b);
      }
    }

    private void sameCalls(String method, int expected) throws ReflectiveOperationException {
      int n = calls();
      if (counter != null) {
        stats.dataCallCounts++;
      }
      if (n != expected) {
        throw new CheckFailure(
            method + " calls the data object another number of times than the method",
            method + ": " + n + " calls, the method: " + expected);
      }
    }

    private int calls() throws ReflectiveOperationException {
      if (lastCounter == null) {
        return 0;
      }
      java.lang.reflect.Field f = counter.getField("calls");
      f.setAccessible(true);
      return f.getInt(lastCounter);
    }

    /** The differentiated inputs' values, in the flat layout. */
    private double[] flat(Object[] args) {
      List<Double> out = new ArrayList<>();
      for (int k = 0; k < args.length; k++) {
        Param q = p.params().get(k);
        if (!q.differentiated()) {
          continue;
        }
        if (args[k] instanceof Double d) {
          out.add(d);
        } else if (args[k] instanceof double[] a) {
          Arrays.stream(a).forEach(out::add);
        } else if (args[k] instanceof float[] f) {
          for (float e : f) {
            out.add((double) e);
          }
        } else {
          throw new IllegalArgumentException("not a differentiated input: " + q);
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Fresh arguments with the flat values {@code x} and new data objects; then {@code extra}. */
    private Object[] args(Object[] base, double[] x, Object... extra)
        throws ReflectiveOperationException {
      Object[] out = new Object[base.length + extra.length];
      int at = 0;
      lastCounter = null;
      for (int k = 0; k < base.length; k++) {
        Param q = p.params().get(k);
        Object v = base[k];
        if (q.differentiated() && v instanceof Double) {
          v = x[at++];
        } else if (v instanceof double[] a) {
          a = a.clone();
          if (q.differentiated()) {
            for (int i = 0; i < a.length; i++) {
              a[i] = x[at++];
            }
          }
          v = a;
        } else if (v instanceof float[] f) {
          f = f.clone();
          if (q.differentiated()) {
            for (int i = 0; i < f.length; i++) {
              f[i] = (float) x[at++];
            }
          }
          v = f;
        } else if (q.kind() == ParamKind.DATA_LIST) {
          v = new ArrayList<>((List<?>) v);
        } else if (v instanceof CounterValues cv) {
          java.lang.reflect.Constructor<?> make = counter.getDeclaredConstructors()[0];
          make.setAccessible(true);
          v = make.newInstance((Object) cv.ys().clone());
          lastCounter = v;
        }
        out[k] = v;
      }
      System.arraycopy(extra, 0, out, base.length, extra.length);
      return out;
    }

    private double call(Method m, Object[] base, double[] x, Object... extra)
        throws ReflectiveOperationException {
      return (double) m.invoke(null, args(base, x, extra));
    }

    private String describe(Object[] base) {
      return Arrays.deepToString(base).replaceAll("CounterValues\\[ys=\\[D@\\w+\\]", "counter");
    }
  }

  private static double[] shifted(double[] x, int i, double h) {
    double[] y = x.clone();
    y[i] += h;
    return y;
  }

  private static double[] along(double[] x, double[] d, double h) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += h * d[i];
    }
    return y;
  }

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
}
