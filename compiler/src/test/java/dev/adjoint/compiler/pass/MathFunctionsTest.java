package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.testing.Sources;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The rest of {@code java.lang.Math}'s double functions ({@code copySign}, {@code scalb}, {@code
 * IEEEremainder}, {@code nextUp}, {@code nextDown}, {@code nextAfter}, {@code ulp}, {@code
 * getExponent}, {@code round}) and its integer arithmetic ({@code floorDiv}, {@code floorMod},
 * {@code *Exact}), in reverse and forward mode and to second order, against central differences: at
 * random points and at awkward ones (exact zeros, signed zeros, exact integers and quotients).
 * Kinks themselves (copySign's sign change in s, IEEEremainder's jumps at half-integer quotients,
 * round's jumps) are where central differences have no derivative to compare with: there the
 * convention is documented in the README, and s is data.
 */
class MathFunctionsTest {
  /** The given points in turn, then random ones from {@code random}. */
  private static GradientOracle.Args points(GradientOracle.Args random, Object[]... fixed) {
    AtomicInteger next = new AtomicInteger();
    return r -> {
      int k = next.getAndIncrement();
      return k < fixed.length ? fixed[k].clone() : random.make(r);
    };
  }

  @Test
  void copySignIsTheMagnitudeWithTheSignOfTheSecondArgument() {
    check(
        """
        static double f(double m, double s) {
            return Math.copySign(m * m - 1, s) * Math.sin(m)
                + StrictMath.copySign(m * m * m, s * s + 1) + m * Math.copySign(m, s);
        }
        """,
        points(
            r -> new Object[] {uniform(r, -2, 2), uniform(r, 0.5, 2)},
            new Object[] {0.0, 1.5},
            new Object[] {0.0, -1.5},
            new Object[] {-0.75, -0.5}));
  }

  @Test
  void copySignAtSignedZerosAndAZeroMagnitude() {
    // ∂/∂m = signum(m) · sgn(s) with sgn(-0.0) = -1: at m = 0 it is 0, like abs (the cube keeps
    // the Hessian continuous there, so central differences of the gradient can check it)
    check(
        """
        static double f(double m, @NoDerivative double s) {
            return Math.copySign(m, s) * m * m + Math.copySign(Math.cos(m), s);
        }
        """,
        points(
            r -> new Object[] {uniform(r, -2, 2), -0.0},
            new Object[] {0.0, 0.0},
            new Object[] {0.0, -0.0},
            new Object[] {-1.25, -0.0}));
  }

  @Test
  void copySignGradientAtAZeroMagnitudeIsZeroWhateverTheSign() {
    Lowered lowered =
        Sources.lower(
            """
            static double f(double m, @NoDerivative double s) {
                return Math.copySign(m, s) + 3 * StrictMath.copySign(m, s);
            }
            """);
    Function primal = lowered.function();
    Function gradient = Pipeline.gradient(primal, lowered.wrt());
    // exactly zero (of either sign: 0 * sgn(s)) at m = 0, for every s
    for (double s : new double[] {0.0, -0.0, 2.0, -2.0, Double.MIN_VALUE}) {
      double sign = Math.copySign(1.0, s);
      assertArrayEquals(
          new double[] {0.0},
          GradientOracle.gradientAt(gradient, new Object[] {0.0, s}, lowered.wrt(), primal),
          0.0);
      assertArrayEquals(
          new double[] {4 * sign},
          GradientOracle.gradientAt(gradient, new Object[] {0.5, s}, lowered.wrt(), primal),
          0.0);
      assertArrayEquals(
          new double[] {-4 * sign},
          GradientOracle.gradientAt(gradient, new Object[] {-0.5, s}, lowered.wrt(), primal),
          0.0);
    }
  }

  @Test
  void scalbScalesTheDerivativeByAPowerOfTwo() {
    check(
        """
        static double f(double d, int n) {
            return Math.scalb(d * d, n) + StrictMath.scalb(Math.sin(d), -3) * d;
        }
        """,
        points(
            r -> new Object[] {uniform(r, -2, 2), (int) uniform(r, -4, 6)},
            new Object[] {0.0, 0},
            new Object[] {-1.5, 5},
            new Object[] {1.0, -2}));
  }

  @Test
  void ieeeRemainderBetweenItsJumps() {
    // a - b rint(a / b): ∂/∂a = 1, ∂/∂b = -rint(a / b); exact quotients (0, 4, -4) are no kinks
    check(
        """
        static double f(double a, double b) {
            return Math.IEEEremainder(a, b) * a + StrictMath.IEEEremainder(a * a, b);
        }
        """,
        points(
            r -> new Object[] {uniform(r, -5, 5), uniform(r, 0.7, 1.3)},
            new Object[] {0.0, 1.25},
            new Object[] {2.0, 0.5},
            new Object[] {-2.0, -0.5}));
  }

  @Test
  void nextUpNextDownAndNextAfterHaveTheIdentitysDerivative() {
    check(
        """
        static double f(double x, double y) {
            return Math.nextUp(x * x) + Math.nextDown(Math.sin(x)) * Math.nextAfter(y, x)
                + StrictMath.nextAfter(x * y, 0.0);
        }
        """,
        points(
            r -> new Object[] {uniform(r, -2, 2), uniform(r, -2, 2)},
            new Object[] {0.0, 0.0},
            new Object[] {1.0, -1.0}));
  }

  @Test
  void ulpGetExponentAndRoundArePiecewiseConstant() {
    // between powers of two and away from half-integers: values, not derivatives, of x
    check(
        """
        static double f(double x) {
            return x * Math.ulp(x) * 1e15 + Math.getExponent(x) * x * x + Math.round(x) * x
                + StrictMath.round(x * 0.25) + StrictMath.getExponent(x * x) * Math.sin(x);
        }
        """,
        points(r -> new Object[] {uniform(r, 1.1, 1.4)}, new Object[] {3.0}, new Object[] {-3.0}));
  }

  @Test
  void integerArithmeticOfMathIsData() {
    check(
        """
        static double f(double x, int n, long k) {
            int q = Math.floorDiv(n, 3) + Math.floorMod(n, 3) + Math.floorMod(k, 5);
            long p = Math.multiplyExact(k, n) + Math.floorDiv(k, 2L) + Math.toIntExact(k)
                + Math.multiplyFull(n, n) + Math.multiplyHigh(k, k);
            int e = Math.addExact(n, 1) - Math.subtractExact(n, 2) + Math.negateExact(n)
                + Math.incrementExact(n) + Math.decrementExact(n) + Math.absExact(n);
            return x * q + p * x * x + e * Math.sin(x);
        }
        """,
        points(
            r ->
                new Object[] {uniform(r, -2, 2), (int) uniform(r, -7, 7), (long) uniform(r, -9, 9)},
            new Object[] {0.0, 0, 0L},
            new Object[] {-1.5, -4, -3L}));
  }

  @Test
  void powWithSmallIntegerExponentsIncludingZeroBases() {
    // derivative code multiplies (3 u², 4 u³, -1/u², -2/u³); exact zeros and integers included
    Function gradient =
        check(
            """
            static double f(double u, double w) {
                return Math.pow(u, 2) + Math.pow(u, 3) * w + StrictMath.pow(u, 4)
                    + Math.pow(w, -1) + StrictMath.pow(w, -2) * u;
            }
            """,
            points(
                r -> new Object[] {uniform(r, -2, 2), uniform(r, 0.5, 2)},
                new Object[] {0.0, 1.0},
                new Object[] {-1.0, -2.0},
                new Object[] {2.0, -0.5}));
    String printed = Printer.function(gradient);
    assertFalse(printed.contains("pow(w, -2.0)"), printed);
    assertFalse(printed.contains("pow(w, -3.0)"), printed);
    assertFalse(printed.contains("pow(u, 3.0)"), printed);
  }
}
