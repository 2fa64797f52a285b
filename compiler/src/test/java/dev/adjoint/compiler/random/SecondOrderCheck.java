package dev.adjoint.compiler.random;

import static dev.adjoint.compiler.random.ProgramCheck.append;
import static dev.adjoint.compiler.random.ProgramCheck.close;
import static dev.adjoint.compiler.random.ProgramCheck.copy;

import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Signature.Role;
import dev.adjoint.compiler.pass.Pipeline.SecondOrder;
import dev.adjoint.compiler.random.ProgramCheck.Stats;
import dev.adjoint.compiler.random.ProgramGenerator.Program;
import dev.adjoint.compiler.testing.Differences;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * The second-order oracle of the random programs, at one point where the gradient has been checked:
 * the Hessian-vector product along a seeded direction against central differences of the gradient
 * (steps h and 4h; a kink of the gradient within a step skips the entry, as for the gradient), and
 * the full Hessian, unrolled or row by row, against Hessian-vector products along unit vectors,
 * with the gradient they return equal to the reverse-mode gradient.
 */
final class SecondOrderCheck {
  private final Differentiated outcome;

  /** The recursive helpers the functions call, and their derivatives. */
  private final java.util.Map<String, dev.adjoint.compiler.ir.Function> library;

  private final SecondOrder second;
  private final Program program;
  private final Stats stats;
  private final BiConsumer<String, String> fail;

  private SecondOrderCheck(
      Differentiated outcome,
      SecondOrder second,
      Program program,
      Stats stats,
      BiConsumer<String, String> fail) {
    this.outcome = outcome;
    this.library = ProgramCheck.library(outcome);
    this.second = second;
    this.program = program;
    this.stats = stats;
    this.fail = fail;
  }

  /**
   * Runs the checks when the program was compiled with {@code order = 2}; {@code g} is its gradient
   * at {@code args}.
   */
  static void run(
      Differentiated outcome,
      Program program,
      Object[] args,
      double[] g,
      Stats stats,
      BiConsumer<String, String> fail) {
    if (outcome.secondOrder().isEmpty() || g.length == 0 || !allFinite(g)) {
      return;
    }
    new SecondOrderCheck(outcome, outcome.secondOrder().get(), program, stats, fail).check(args, g);
  }

  private void check(Object[] args, double[] g) {
    int n = g.length;
    stats.secondOrderPoints++;
    double[] v = new Random(Arrays.deepHashCode(args) * 31L + 7).doubles(n, -1, 1).toArray();
    double[] hg = new double[n];
    double[] hv;
    try {
      hv = hessianVector(args, v, hg);
    } catch (Throwable t) {
      fail.accept("the Hessian-vector product threw", "at " + Arrays.deepToString(args) + "\n" + t);
      return;
    }
    if (!sameGradient(g, hg, "Hessian-vector product", args)) {
      return;
    }
    // float rounding swamps differences of the gradient; stopGradient's value still moves with the
    // point, so differences see a dependence that its (zero) tangent rightly does not; and at an
    // awkward point an abs, min or max may sit exactly on its kink, where the documented choice
    // (abs'(0) = 0, ties to the first argument) is the derivative of one side only: the Hessian of
    // |x|·|x| at 0 is then 2·abs'(0)² = 0, as in PyTorch and JAX, while differences see x² (seed
    // 5991)
    boolean kinkAtPoint =
        ProgramCheck.awkward(program) && program.constructs().contains(Construct.MATH_KINK);
    boolean oracle =
        !ProgramCheck.hasFloats(program)
            && !program.constructs().contains(Construct.STOP_GRADIENT)
            && !kinkAtPoint;
    if (oracle && !againstDifferences(args, g, v, hv)) {
      return;
    }
    fullHessian(args, g);
  }

  private boolean againstDifferences(Object[] args, double[] g, double[] v, double[] hv) {
    double h = 1e-5;
    double[][] fd1 = gradientDifference(args, g, v, h);
    double[][] fd4 = gradientDifference(args, g, v, 4 * h);
    for (int k = 0; k < hv.length; k++) {
      stats.hessianEntries++;
      double scale = Math.max(1, Math.max(Math.abs(fd1[0][k]), Math.abs(hv[k])));
      double noise = Math.abs(fd1[0][k] - fd4[0][k]);
      if (Math.abs(hv[k] - fd1[0][k]) <= 1e-4 * scale + 10 * noise) {
        continue;
      }
      // one-sided differences that disagree: the gradient has a kink at the point itself (a
      // branch boundary, which awkward points often sit on), where central differences average
      boolean kinkAtPoint =
          Math.abs(fd1[1][k]) > 1e-3 * scale
              || Math.abs(fd4[1][k]) > 1e-3 * scale
              || valueJumps(args, v, h);
      if (!Double.isFinite(fd1[0][k])
          || !Double.isFinite(fd4[0][k])
          || noise > 1e-3 * scale
          || kinkAtPoint) {
        stats.skippedHessianEntries++;
        continue;
      }
      fail.accept(
          "Hessian-vector product disagrees with differences of the gradient",
          "(Hv)["
              + k
              + "] = "
              + hv[k]
              + " but differences of the gradient give "
              + fd1[0][k]
              + " (step h) and "
              + fd4[0][k]
              + " (step 4h), along v = "
              + Arrays.toString(v)
              + " at "
              + Arrays.deepToString(args));
      return false;
    }
    return true;
  }

  /** Every row of the full Hessian equals the Hessian-vector product along that unit vector. */
  private void fullHessian(Object[] args, double[] g) {
    Function h = second.hessian();
    int n = g.length;
    boolean unrolled = h.signature().has(Role.HESSIAN);
    // float arithmetic rounds differently along different directions (the unrolled lower triangle
    // is the upper one mirrored, computed along the other direction)
    boolean floats = ProgramCheck.hasFloats(program);
    double[][] rows = new double[n][n];
    double[] hg = new double[n];
    try {
      if (unrolled) {
        Interpreter.run(library, h, append(append(copy(args), hg), rows));
      }
      for (int k = 0; k < n; k++) {
        double[] unit = new double[n];
        unit[k] = 1;
        double[] vg = new double[n];
        double[] hv = hessianVector(args, unit, vg);
        if (!unrolled) {
          Interpreter.run(library, h, append(append(append(copy(args), k), hg), rows[k]));
        }
        for (int j = 0; j < n; j++) {
          if (!close(rows[k][j], hv[j], floats ? 1e-5 : 1e-9)) {
            fail.accept(
                "the full Hessian disagrees with the Hessian-vector product",
                "H["
                    + k
                    + "]["
                    + j
                    + "] = "
                    + rows[k][j]
                    + " but H e"
                    + k
                    + " gives "
                    + hv[j]
                    + " at "
                    + Arrays.deepToString(args));
            return;
          }
        }
      }
    } catch (Throwable t) {
      fail.accept("the Hessian threw", "at " + Arrays.deepToString(args) + "\n" + t);
      return;
    }
    sameGradient(g, hg, "full Hessian", args);
  }

  private boolean sameGradient(double[] g, double[] other, String what, Object[] args) {
    for (int k = 0; k < g.length; k++) {
      if (!close(g[k], other[k], 1e-10)) {
        fail.accept(
            "the " + what + " returns another gradient",
            "gradient["
                + k
                + "] = "
                + g[k]
                + " but the "
                + what
                + " gives "
                + other[k]
                + " at "
                + Arrays.deepToString(args));
        return false;
      }
    }
    return true;
  }

  private double[] hessianVector(Object[] args, double[] v, double[] gradient) {
    double[] hv = new double[v.length];
    Interpreter.run(
        library,
        second.hessianVector(),
        append(append(append(copy(args), gradient), v.clone()), hv));
    return hv;
  }

  /**
   * Row 0: {@code (g(x + h v) - g(x - h v)) / 2h}; row 1: the forward minus the backward
   * difference, {@code (g(x + h v) - 2 g(x) + g(x - h v)) / h}, small where the gradient is smooth
   * at x.
   */
  /**
   * Whether the value itself jumps at the point along v: the point sits exactly on a branch
   * boundary (a tie such as {@code 2.0 + b >= 3.0} at b = 1), where it takes one branch and every
   * neighbour the other, and the gradient's differences describe the other branch (seed 8409).
   */
  private boolean valueJumps(Object[] args, double[] v, double h) {
    int[] wrt = ProgramCheck.wrtPositions(outcome);
    double f0 = (double) Interpreter.run(library, outcome.primal(), Differences.copy(args));
    double fp =
        (double) Interpreter.run(library, outcome.primal(), Differences.shifted(args, wrt, v, h));
    double fm =
        (double) Interpreter.run(library, outcome.primal(), Differences.shifted(args, wrt, v, -h));
    return !(Math.abs(fp - 2 * f0 + fm) / h <= 1e-3 * Math.max(1, Math.abs(f0)));
  }

  private double[][] gradientDifference(Object[] args, double[] g, double[] v, double h) {
    int[] wrt = ProgramCheck.wrtPositions(outcome);
    return Differences.alongWithAsymmetry(
        x -> {
          double[] out = new double[v.length];
          Interpreter.run(library, outcome.gradient(), append(x, out));
          return out;
        },
        args,
        wrt,
        g,
        v,
        h);
  }

  private static boolean allFinite(double[] g) {
    return Arrays.stream(g).allMatch(Double::isFinite);
  }
}
