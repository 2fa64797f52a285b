package dev.adjoint.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Signature.Role;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.ir.Verifier;
import dev.adjoint.compiler.pass.analysis.VerbatimChecks;
import dev.adjoint.compiler.pass.normalise.ExitNormalisation;
import dev.adjoint.compiler.testing.Differences;
import dev.adjoint.compiler.testing.Sources;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The interpreter as an oracle: runs the differentiated IR and compares its value with the primal's
 * and its gradient with central differences of the primal, at seeded points.
 */
final class GradientOracle {
  /** Makes the arguments of one evaluation point. */
  interface Args {
    Object[] make(Random random);
  }

  private GradientOracle() {}

  static Function check(String source, Args args) {
    return check(source, args, 1e-6);
  }

  static Function check(String source, Args args, double tolerance) {
    return check(Sources.lower(source), args, tolerance);
  }

  static Function checkWith(String source, Args args, String... helpers) {
    return check(Sources.lowerWith(source, helpers), args, 1e-6);
  }

  static Function check(Lowered lowered, Args args, double tolerance) {
    Function primal = lowered.function();
    Function gradient = Pipeline.gradient(primal, lowered.wrt());
    Verifier.check(gradient);
    Function normalized = ExitNormalisation.run(primal);
    Verifier.check(normalized);
    Function naive = Pipeline.naiveGradient(primal, lowered.wrt());
    Verifier.check(naive);
    Function tangent = Pipeline.tangent(primal, lowered.wrt());
    Verifier.check(tangent);
    Function hessianVector = Pipeline.hessianVector(primal, lowered.wrt());
    Verifier.check(hessianVector);
    Function hessian = Pipeline.hessian(primal, lowered.wrt(), hessianVector);
    Verifier.check(hessian);
    // every function the oracle sees is also reversed from two snapshots per loop
    Function checkpointed =
        VerbatimChecks.sites(normalized).isEmpty()
            ? Pipeline.gradient(primal, lowered.wrt(), 2)
            : null;
    if (checkpointed != null) {
      Verifier.check(checkpointed);
    }
    Map<String, Function> library = new HashMap<>();
    for (Function h :
        Pipeline.helpers(
            lowered.helpers(),
            checkpointed == null
                ? List.of(normalized, gradient, naive, tangent, hessianVector, hessian)
                : List.of(
                    normalized, gradient, naive, tangent, hessianVector, hessian, checkpointed))) {
      Verifier.check(h);
      library.put(h.name(), h);
    }
    LIBRARY.set(library);
    try {
      checkPoints(
          lowered, args, tolerance, primal, gradient, naive, tangent, hessianVector, hessian);
      if (checkpointed != null) {
        checkCheckpointed(lowered, args, gradient, checkpointed);
      }
    } finally {
      LIBRARY.remove();
    }
    return gradient;
  }

  /** The recursive helpers of the method being checked and their tangents, for the interpreter. */
  private static final ThreadLocal<Map<String, Function>> LIBRARY =
      ThreadLocal.withInitial(Map::of);

  /** Runs {@code f} in the program of the method being checked. */
  private static Object run(Function f, Object... args) {
    return Interpreter.run(LIBRARY.get(), f, args);
  }

  private static void checkPoints(
      Lowered lowered,
      Args args,
      double tolerance,
      Function primal,
      Function gradient,
      Function naive,
      Function tangent,
      Function hessianVector,
      Function hessian) {
    Random random = new Random(42);
    for (int point = 0; point < 4; point++) {
      Object[] a = args.make(random);
      dotProductTest(tangent, gradientAt(gradient, a, lowered.wrt(), primal), a, random);
      hessianVectorTest(hessianVector, gradient, a, lowered.wrt(), primal, random);
      hessianTest(hessian, hessianVector, a, lowered.wrt(), primal);
      double value = (double) run(primal, copy(a));
      double[] analytic = gradientAt(gradient, a, lowered.wrt(), primal);
      double[] unoptimised = gradientAt(naive, a, lowered.wrt(), primal);
      double[] numeric =
          Differences.central(
              x -> (double) run(primal, x),
              a,
              positions(lowered.wrt(), primal.params()),
              Differences.relative(1e-6));
      Object[] withGradient = append(copy(a), new double[analytic.length]);
      assertEquals(
          value,
          (double) run(gradient, withGradient),
          1e-12 * Math.max(1, Math.abs(value)),
          "value differs from the primal's");
      for (int k = 0; k < numeric.length; k++) {
        double scale = Math.max(1, Math.max(Math.abs(numeric[k]), Math.abs(analytic[k])));
        if (Math.abs(analytic[k] - numeric[k]) > tolerance * scale) {
          fail(
              "gradient["
                  + k
                  + "] = "
                  + analytic[k]
                  + " but central differences give "
                  + numeric[k]
                  + " at "
                  + Arrays.deepToString(a)
                  + "\n"
                  + Printer.function(gradient));
        }
        if (Math.abs(analytic[k] - unoptimised[k]) > 1e-9 * scale) {
          fail(
              "clean-up changed gradient["
                  + k
                  + "]: "
                  + unoptimised[k]
                  + " -> "
                  + analytic[k]
                  + "\n"
                  + Printer.function(gradient));
        }
      }
    }
  }

  /** The gradient from two snapshots per loop equals full storage's, up to rounding order. */
  private static void checkCheckpointed(
      Lowered lowered, Args args, Function gradient, Function checkpointed) {
    Random random = new Random(42);
    Function primal = lowered.function();
    for (int point = 0; point < 2; point++) {
      Object[] a = args.make(random);
      double[] full = gradientAt(gradient, a, lowered.wrt(), primal);
      double[] stored = gradientAt(checkpointed, a, lowered.wrt(), primal);
      for (int k = 0; k < full.length; k++) {
        double scale = Math.max(1e-300, Math.max(Math.abs(full[k]), Math.abs(stored[k])));
        if (Math.abs(full[k] - stored[k]) > 1e-12 * scale
            && !(Double.isNaN(full[k]) && Double.isNaN(stored[k]))) {
          fail(
              "checkpoints changed gradient["
                  + k
                  + "]: "
                  + full[k]
                  + " -> "
                  + stored[k]
                  + "\n"
                  + Printer.function(checkpointed));
        }
      }
    }
  }

  /** Forward mode along a random direction equals the reverse-mode gradient dotted with it. */
  private static void dotProductTest(
      Function tangent, double[] gradient, Object[] a, Random random) {
    double[] v = new double[gradient.length];
    double dot = 0;
    double scale = 0;
    for (int k = 0; k < v.length; k++) {
      v[k] = random.nextGaussian();
      dot += gradient[k] * v[k];
      scale += Math.abs(gradient[k] * v[k]);
    }
    Object[] args = append(copy(a), v.clone());
    double t = (double) run(tangent, args);
    if (!Arrays.deepEquals(args, append(copy(a), v))) {
      fail(
          "the tangent changed its arguments (parameter arrays or the direction)\n"
              + Printer.function(tangent));
    }
    if (Math.abs(t - dot) > 1e-12 * Math.max(1, scale) && !(Double.isNaN(t) && Double.isNaN(dot))) {
      fail(
          "dot-product test: tangent "
              + t
              + " but gradient . v = "
              + dot
              + "\n"
              + Printer.function(tangent));
    }
  }

  /** Forward over reverse along v equals central differences of the gradient along v. */
  private static void hessianVectorTest(
      Function hvp, Function gradient, Object[] a, List<Var> wrt, Function primal, Random random) {
    int n = flatSize(a, wrt, primal.params());
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = random.nextGaussian();
    }
    double[] hv = new double[n];
    double[] g = new double[n];
    Object[] args = append(append(copy(a), g), v.clone());
    run(hvp, append(args, hv));
    if (!Arrays.deepEquals(Arrays.copyOf(args, args.length - 2), copy(a))
        || !Arrays.equals((double[]) args[args.length - 1], v)) {
      fail(
          "the Hessian-vector product changed its arguments (parameter arrays or v)\n"
              + Printer.function(hvp));
    }
    double[] differences =
        Differences.along(
            x -> {
              double[] g1 = new double[n];
              run(gradient, append(x, g1));
              return g1;
            },
            a,
            positions(wrt, primal.params()),
            v,
            1e-5);
    for (int k = 0; k < n; k++) {
      double fd = differences[k];
      double scale = Math.max(1, Math.max(Math.abs(fd), Math.abs(hv[k])));
      if (!(Math.abs(fd - hv[k]) <= 2e-4 * scale)
          && Double.isFinite(fd)) { // a NaN or infinite product only where differences fail too
        fail(
            "Hessian-vector product ["
                + k
                + "] = "
                + hv[k]
                + " but differences of the gradient give "
                + fd
                + "\n"
                + Printer.function(hvp));
      }
    }
  }

  /**
   * The full Hessian (one unrolled pass, or one row per call) agrees row by row with the
   * Hessian-vector product along each unit vector, and its gradient with the product's.
   */
  private static void hessianTest(
      Function hessian, Function hvp, Object[] a, List<Var> wrt, Function primal) {
    int n = flatSize(a, wrt, primal.params());
    boolean unrolled = hessian.signature().has(Role.HESSIAN);
    double[][] rows = new double[n][n];
    double[] g = new double[n];
    if (unrolled) {
      run(hessian, append(append(copy(a), g), rows));
    }
    for (int k = 0; k < n; k++) {
      double[] unit = new double[n];
      unit[k] = 1;
      double[] hv = new double[n];
      double[] hg = new double[n];
      run(hvp, append(append(append(copy(a), hg), unit), hv));
      if (!unrolled) {
        run(hessian, append(append(append(copy(a), k), g), rows[k]));
      }
      for (int j = 0; j < n; j++) {
        double scale = Math.max(1, Math.abs(hv[j]));
        if (Math.abs(rows[k][j] - hv[j]) > 1e-12 * scale
                && !(Double.isNaN(hv[j]) && Double.isNaN(rows[k][j]))
            || Math.abs(g[j] - hg[j]) > 1e-12 * Math.max(1, Math.abs(hg[j]))) {
          fail(
              "Hessian["
                  + k
                  + "]["
                  + j
                  + "] = "
                  + rows[k][j]
                  + " (gradient "
                  + g[j]
                  + ") but the Hessian-vector "
                  + "product gives "
                  + hv[j]
                  + " (gradient "
                  + hg[j]
                  + ")\n"
                  + Printer.function(hessian));
        }
      }
    }
  }

  static double[] gradientAt(Function gradient, Object[] a, List<Var> wrt, Function primal) {
    int n = flatSize(a, wrt, primal.params());
    double[] g = new double[n];
    Arrays.fill(g, Double.NaN); // the generated code must overwrite, not accumulate
    run(gradient, append(copy(a), g));
    return g;
  }

  static int flatSize(Object[] a, List<Var> wrt, List<Var> params) {
    return Differences.size(a, positions(wrt, params));
  }

  /** The positions of the differentiated parameters among the parameters, in flat-layout order. */
  static int[] positions(List<Var> wrt, List<Var> params) {
    return wrt.stream().mapToInt(params::indexOf).toArray();
  }

  static Object[] copy(Object[] a) {
    return Differences.copy(a);
  }

  static Object[] append(Object[] a, Object last) {
    Object[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }

  static double[] vector(Random r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * r.nextDouble();
    }
    return v;
  }

  static double uniform(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }
}
