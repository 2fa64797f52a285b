package com.example.numerics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Functions written from the outside, the way people write numeric Java (an independent stress test
 * run during development; its first run found the local-matrix-row alias bug). Checks every
 * generated gradient (and Hessian, for order = 2) against central differences of the original
 * method. Generated methods are looked up reflectively so that this file compiles even if some
 * derivative class is missing.
 */
public final class GradientCheckMain {

  static final double REL_TOL = 1e-5;
  static final int POINTS = 3;

  record Case(Class<?> owner, String method, int[] diff, Function<Random, Object[]> gen) {}

  static final List<String> failures = new ArrayList<>();
  static int checks = 0;

  // ----------------------------------------------------------------- random data helpers
  static double u(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static double[] vec(Random r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = u(r, lo, hi);
    return v;
  }

  static double[][] mat(Random r, int m, int n, double lo, double hi) {
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) a[i] = vec(r, n, lo, hi);
    return a;
  }

  static int[] labels(Random r, int n, int k) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) l[i] = r.nextInt(k);
    return l;
  }

  static double[] signs(Random r, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) s[i] = r.nextBoolean() ? 1.0 : -1.0;
    return s;
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    Class<?> T = TestProblems.class, L = Losses.class, D = Dynamics.class;
    int[] first = {0};
    c.add(new Case(T, "rosenbrock", first, r -> new Object[] {vec(r, 5, -2, 2)}));
    c.add(new Case(T, "rastrigin", first, r -> new Object[] {vec(r, 4, -5.12, 5.12)}));
    c.add(new Case(T, "griewank", first, r -> new Object[] {vec(r, 5, -10, 10)}));
    c.add(new Case(T, "levy", first, r -> new Object[] {vec(r, 4, -10, 10)}));
    c.add(new Case(T, "zakharov", first, r -> new Object[] {vec(r, 4, -5, 10)}));
    c.add(new Case(T, "powell", first, r -> new Object[] {vec(r, 8, -4, 5)}));
    c.add(new Case(T, "booth", new int[] {0, 1}, r -> new Object[] {u(r, -10, 10), u(r, -10, 10)}));
    c.add(
        new Case(T, "matyas", new int[] {0, 1}, r -> new Object[] {u(r, -10, 10), u(r, -10, 10)}));
    c.add(
        new Case(
            T, "threeHumpCamel", new int[] {0, 1}, r -> new Object[] {u(r, -2, 2), u(r, -2, 2)}));
    c.add(
        new Case(T, "himmelblau", new int[] {0, 1}, r -> new Object[] {u(r, -5, 5), u(r, -5, 5)}));
    c.add(new Case(T, "trid", first, r -> new Object[] {vec(r, 5, -25, 25)}));
    c.add(new Case(T, "dixonPrice", first, r -> new Object[] {vec(r, 4, -10, 10)}));
    c.add(new Case(T, "sumOfDifferentPowers", first, r -> new Object[] {vec(r, 5, -1, 1)}));

    c.add(new Case(L, "mse", first, r -> new Object[] {vec(r, 6, -3, 3), vec(r, 6, -3, 3)}));
    c.add(new Case(L, "mae", first, r -> new Object[] {vec(r, 6, -3, 3), vec(r, 6, -3, 3)}));
    c.add(new Case(L, "huber", first, r -> new Object[] {vec(r, 6, -3, 3), vec(r, 6, -3, 3)}));
    c.add(new Case(L, "logCosh", first, r -> new Object[] {vec(r, 6, -3, 3), vec(r, 6, -3, 3)}));
    c.add(
        new Case(
            L,
            "binaryCrossEntropy",
            new int[] {0, 1},
            r ->
                new Object[] {
                  vec(r, 3, -1, 1), u(r, -1, 1), mat(r, 8, 3, -2, 2), labels(r, 8, 2)
                }));
    c.add(
        new Case(
            L,
            "softmaxCrossEntropy",
            first,
            r -> new Object[] {mat(r, 3, 4, -1, 1), mat(r, 6, 4, -2, 2), labels(r, 6, 3)}));
    c.add(
        new Case(
            L,
            "hingeLoss",
            new int[] {0, 1},
            r ->
                new Object[] {
                  vec(r, 3, -1, 1), u(r, -1, 1), mat(r, 10, 3, -2, 2), signs(r, 10), 0.5
                }));
    c.add(
        new Case(
            L,
            "ridge",
            first,
            r -> {
              double[][] X = mat(r, 10, 4, -2, 2);
              for (double[] row : X) row[0] = 1.0;
              return new Object[] {vec(r, 4, -1, 1), X, vec(r, 10, -3, 3), 0.3};
            }));
    c.add(
        new Case(
            L,
            "mlp",
            new int[] {0, 1, 2, 3},
            r ->
                new Object[] {
                  mat(r, 4, 3, -1, 1),
                  vec(r, 4, -0.5, 0.5),
                  vec(r, 4, -1, 1),
                  u(r, -1, 1),
                  mat(r, 6, 3, -2, 2),
                  vec(r, 6, -1, 1)
                }));
    c.add(new Case(L, "logSumExp", first, r -> new Object[] {vec(r, 6, -3, 3)}));

    c.add(
        new Case(
            D,
            "pendulumEuler",
            new int[] {0, 1, 2},
            r -> new Object[] {u(r, -1, 1), u(r, -1, 1), u(r, 0.5, 2), 0.01, 200}));
    c.add(
        new Case(
            D,
            "pendulumRk4Loss",
            new int[] {0, 1, 2},
            r -> new Object[] {u(r, -1, 1), u(r, -1, 1), u(r, 0.5, 2), vec(r, 50, -1, 1), 0.05}));
    c.add(
        new Case(
            D,
            "lorenzEuler",
            new int[] {0, 1, 2, 3},
            r ->
                new Object[] {
                  u(r, 9, 11), u(r, 26, 30), u(r, 2, 3), vec(r, 3, 0.5, 1.5), 0.005, 100L
                }));
    c.add(
        new Case(
            D,
            "lorenzRk4Trajectory",
            new int[] {0, 1, 2},
            r -> new Object[] {u(r, 9, 11), u(r, 26, 30), u(r, 2, 3), mat(r, 40, 3, -5, 5), 0.01}));
    c.add(
        new Case(
            D,
            "sirEulerLoss",
            new int[] {0, 1},
            r -> new Object[] {u(r, 0.2, 0.5), u(r, 0.05, 0.15), vec(r, 60, 0, 300), 0.5}));
    c.add(
        new Case(
            D,
            "sirRk4",
            new int[] {0, 1},
            r -> new Object[] {u(r, 0.2, 0.5), u(r, 0.05, 0.15), 100, 0.5}));
    c.add(
        new Case(
            D,
            "leapfrogLoss",
            new int[] {0, 1, 2},
            r -> new Object[] {u(r, 0.5, 2), u(r, -1, 1), u(r, -1, 1), vec(r, 100, -1, 1), 0.05}));
    c.add(
        new Case(
            D,
            "heatEquation",
            new int[] {0, 1},
            r ->
                new Object[] {
                  vec(r, 12, -1, 1), u(r, 0.5, 1.5), vec(r, 12, -0.2, 0.2), 0.1, 0.002, 40
                }));
    c.add(
        new Case(
            D,
            "dampedEnergyInit",
            new int[] {0, 1},
            r -> new Object[] {u(r, 0.1, 1), u(r, 0.5, 2), 0.01, 500}));
    Class<?> R = Repro.class;
    for (String m : new String[] {"aliasRow", "noAliasRow", "rowToHelper", "vecToHelper"})
      c.add(new Case(R, m, first, r -> new Object[] {u(r, 0.5, 2), 5}));
    for (String m : new String[] {"aliasRowNoLoop", "aliasVector", "enhancedForLocalRows"})
      c.add(new Case(R, m, first, r -> new Object[] {u(r, 0.5, 2)}));
    c.add(new Case(R, "aliasParamRow", first, r -> new Object[] {mat(r, 2, 2, -1, 1)}));
    c.add(
        new Case(
            R,
            "lorenzRk4TrajectoryCopy",
            new int[] {0, 1, 2},
            r -> new Object[] {u(r, 9, 11), u(r, 26, 30), u(r, 2, 3), mat(r, 40, 3, -5, 5), 0.01}));
    Class<?> E = Extras.class;
    // arrayReturnFromLocalFunction is not checked: its generated code throws by design (README:
    // different lengths)
    c.add(new Case(E, "mathSquare", first, r -> new Object[] {u(r, 0.2, 2)}));
    c.add(new Case(E, "integerDivisionMix", first, r -> new Object[] {vec(r, 7, -2, 2)}));
    c.add(new Case(E, "doubleCounter", first, r -> new Object[] {u(r, -2, 2)}));
    c.add(new Case(E, "sqrtOfSquares", first, r -> new Object[] {vec(r, 4, -2, 2)}));
    c.add(new Case(E, "mathClampViaMinMax", first, r -> new Object[] {vec(r, 5, 0.01, 0.99)}));
    return c;
  }

  // ----------------------------------------------------------------- flat layout
  static Object deepCopy(Object o) {
    if (o instanceof double[] a) return a.clone();
    if (o instanceof int[] a) return a.clone();
    if (o instanceof double[][] a) {
      double[][] b = new double[a.length][];
      for (int i = 0; i < a.length; i++) b[i] = a[i].clone();
      return b;
    }
    return o;
  }

  static Object[] deepCopy(Object[] args) {
    Object[] c = new Object[args.length];
    for (int i = 0; i < args.length; i++) c[i] = deepCopy(args[i]);
    return c;
  }

  static boolean deepEquals(Object[] a, Object[] b) {
    return Arrays.deepEquals(a, b);
  }

  static int dim(Object[] args, int[] diff) {
    int n = 0;
    for (int p : diff) {
      Object o = args[p];
      if (o instanceof Double) n += 1;
      else if (o instanceof double[] a) n += a.length;
      else if (o instanceof double[][] m) for (double[] row : m) n += row.length;
      else throw new IllegalStateException("not differentiable: " + o);
    }
    return n;
  }

  static double get(Object[] args, int[] diff, int k) {
    for (int p : diff) {
      Object o = args[p];
      if (o instanceof Double d) {
        if (k == 0) return d;
        k -= 1;
      } else if (o instanceof double[] a) {
        if (k < a.length) return a[k];
        k -= a.length;
      } else
        for (double[] row : (double[][]) o) {
          if (k < row.length) return row[k];
          k -= row.length;
        }
    }
    throw new IndexOutOfBoundsException();
  }

  static void set(Object[] args, int[] diff, int k, double v) {
    for (int p : diff) {
      Object o = args[p];
      if (o instanceof Double) {
        if (k == 0) {
          args[p] = v;
          return;
        }
        k -= 1;
      } else if (o instanceof double[] a) {
        if (k < a.length) {
          a[k] = v;
          return;
        }
        k -= a.length;
      } else
        for (double[] row : (double[][]) o) {
          if (k < row.length) {
            row[k] = v;
            return;
          }
          k -= row.length;
        }
    }
    throw new IndexOutOfBoundsException();
  }

  // ----------------------------------------------------------------- reflection
  static Method find(Class<?> cls, String name, int nParams) {
    for (Method m : cls.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == nParams) {
        m.setAccessible(true);
        return m;
      }
    }
    return null;
  }

  static double call(Method m, Object... args) {
    try {
      return (Double) m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new RuntimeException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new RuntimeException(e);
    }
  }

  static Object[] append(Object[] a, Object... more) {
    Object[] r = Arrays.copyOf(a, a.length + more.length);
    System.arraycopy(more, 0, r, a.length, more.length);
    return r;
  }

  static void fail(String what) {
    failures.add(what);
    System.out.println("  FAIL " + what);
  }

  static String pt(Object[] args, int[] diff) {
    int n = dim(args, diff);
    double[] x = new double[n];
    for (int k = 0; k < n; k++) x[k] = get(args, diff, k);
    return Arrays.toString(x);
  }

  // ----------------------------------------------------------------- checks
  static void check(Case c) throws Exception {
    Method orig = null;
    for (Method m : c.owner().getDeclaredMethods()) if (m.getName().equals(c.method())) orig = m;
    orig.setAccessible(true);
    int k = orig.getParameterCount();
    Class<?> gen = Class.forName(c.owner().getName() + "Derivatives");
    Method vag = null;
    for (Method m : gen.getDeclaredMethods()) {
      if (m.getName().equals(c.method() + "ValueAndGradient") && m.getParameterCount() == k + 1)
        vag = m;
    }
    Method hess = find(gen, c.method() + "Hessian", k + 2);
    Method tangent = find(gen, c.method() + "Tangent", k + 1);
    System.out.printf(
        "%s.%s%s%s%n",
        c.owner().getSimpleName(),
        c.method(),
        hess != null ? " [order 2]" : "",
        vag == null ? "  -- NO ValueAndGradient GENERATED" : "");
    if (vag == null) {
      fail(c.method() + ": no generated ValueAndGradient");
      return;
    }

    for (int seed = 0; seed < POINTS; seed++) {
      Random rnd = new Random(1000L * seed + c.method().hashCode());
      Object[] args = c.gen().apply(rnd);
      int n = dim(args, c.diff());
      String where = c.method() + " seed " + seed + " at " + pt(args, c.diff());

      double f0 = call(orig, deepCopy(args));
      Object[] genArgs = deepCopy(args);
      double[] g = new double[n];
      double fg = call(vag, append(genArgs, (Object) g));
      checks++;
      if (!deepEquals(genArgs, args))
        fail(where + ": generated ValueAndGradient modified its arguments");
      if (Double.doubleToLongBits(fg) != Double.doubleToLongBits(f0)) {
        double rel = Math.abs(fg - f0) / Math.max(1e-300, Math.abs(f0));
        String msg =
            String.format(
                Locale.ROOT, "%s: value %.17g, original %.17g (rel %.2e)", where, fg, f0, rel);
        if (rel > 1e-12) fail(msg);
        else System.out.println("  note (value differs in last bits) " + msg);
      }

      // central differences of the original
      double[] fd = new double[n];
      for (int j = 0; j < n; j++) {
        double xj = get(args, c.diff(), j);
        double h = 1e-6 * Math.max(1.0, Math.abs(xj));
        Object[] ap = deepCopy(args);
        set(ap, c.diff(), j, xj + h);
        Object[] am = deepCopy(args);
        set(am, c.diff(), j, xj - h);
        fd[j] = (call(orig, ap) - call(orig, am)) / (2 * h);
      }
      double worst = 0;
      int worstJ = -1;
      for (int j = 0; j < n; j++) {
        double err = Math.abs(g[j] - fd[j]) / Math.max(1.0, Math.abs(fd[j]));
        if (!(err <= worst)) {
          worst = err;
          worstJ = j;
        }
      }
      if (!(worst <= REL_TOL)) {
        fail(
            String.format(
                Locale.ROOT,
                "%s: gradient[%d] = %.10g, central difference %.10g (rel err %.2e)%n      generated %s%n      fd        %s",
                where,
                worstJ,
                g[worstJ],
                fd[worstJ],
                worst,
                Arrays.toString(g),
                Arrays.toString(fd)));
      } else {
        System.out.printf(
            Locale.ROOT, "  seed %d ok: value %.6g, worst rel err %.1e%n", seed, f0, worst);
      }

      // tangent (forward mode) vs gradient . direction
      if (tangent != null) {
        double[] dir = new double[n];
        for (int j = 0; j < n; j++) dir[j] = rnd.nextGaussian();
        Object[] tArgs = deepCopy(args);
        double t = call(tangent, append(tArgs, (Object) dir));
        double dot = 0, scale = 0;
        for (int j = 0; j < n; j++) {
          dot += g[j] * dir[j];
          scale += Math.abs(g[j] * dir[j]);
        }
        double fdDot = 0;
        for (int j = 0; j < n; j++) fdDot += fd[j] * dir[j];
        if (Math.abs(t - dot) > 1e-10 * Math.max(1, scale))
          fail(
              String.format(
                  Locale.ROOT,
                  "%s: tangent %.15g vs gradient.dir %.15g (central differences.dir %.15g)",
                  where,
                  t,
                  dot,
                  fdDot));
        if (!deepEquals(tArgs, args)) fail(where + ": generated Tangent modified its arguments");
      } else {
        fail(c.method() + ": no Tangent generated");
      }

      // Hessian vs differences of the generated gradient
      if (hess != null) {
        double[] gh = new double[n];
        double[][] H = new double[n][n];
        Object[] hArgs = deepCopy(args);
        double fh = call(hess, append(hArgs, gh, H));
        if (!deepEquals(hArgs, args)) fail(where + ": generated Hessian modified its arguments");
        if (Double.doubleToLongBits(fh) != Double.doubleToLongBits(f0))
          fail(
              String.format(
                  Locale.ROOT, "%s: Hessian's value %.17g, original %.17g", where, fh, f0));
        for (int j = 0; j < n; j++)
          if (Math.abs(gh[j] - g[j]) > 1e-12 * Math.max(1, Math.abs(g[j])))
            fail(
                String.format(
                    Locale.ROOT,
                    "%s: Hessian's gradient[%d] %.17g vs ValueAndGradient %.17g",
                    where,
                    j,
                    gh[j],
                    g[j]));
        double hw = 0;
        int wi = -1, wj = -1;
        double[][] Hfd = new double[n][n];
        for (int j = 0; j < n; j++) {
          double xj = get(args, c.diff(), j);
          double h = 1e-6 * Math.max(1.0, Math.abs(xj));
          Object[] ap = deepCopy(args);
          set(ap, c.diff(), j, xj + h);
          Object[] am = deepCopy(args);
          set(am, c.diff(), j, xj - h);
          double[] gp = new double[n], gm = new double[n];
          call(vag, append(ap, (Object) gp));
          call(vag, append(am, (Object) gm));
          for (int i = 0; i < n; i++) {
            Hfd[i][j] = (gp[i] - gm[i]) / (2 * h);
          }
        }
        for (int i = 0; i < n; i++)
          for (int j = 0; j < n; j++) {
            double err = Math.abs(H[i][j] - Hfd[i][j]) / Math.max(1.0, Math.abs(Hfd[i][j]));
            if (!(err <= hw)) {
              hw = err;
              wi = i;
              wj = j;
            }
          }
        if (!(hw <= REL_TOL))
          fail(
              String.format(
                  Locale.ROOT,
                  "%s: Hessian[%d][%d] = %.10g, difference of gradient %.10g (rel err %.2e)%n      H   %s%n      Hfd %s",
                  where,
                  wi,
                  wj,
                  H[wi][wj],
                  Hfd[wi][wj],
                  hw,
                  Arrays.deepToString(H),
                  Arrays.deepToString(Hfd)));
        else System.out.printf(Locale.ROOT, "  seed %d Hessian ok: worst rel err %.1e%n", seed, hw);
      }
    }
  }

  /** Runs every case; returns the failures (empty when all agree). */
  static List<String> run() {
    failures.clear();
    checks = 0;
    List<Case> cases = cases();
    for (Case c : cases) {
      try {
        check(c);
      } catch (Throwable t) {
        fail(c.method() + ": exception " + t);
      }
    }
    System.out.println(
        cases.size() + " methods, " + checks + " points checked, " + failures.size() + " failures");
    return List.copyOf(failures);
  }

  public static void main(String[] args) {
    List<String> f = run();
    f.forEach(x -> System.out.println(" - " + x));
    if (!f.isEmpty()) System.exit(1);
  }
}
