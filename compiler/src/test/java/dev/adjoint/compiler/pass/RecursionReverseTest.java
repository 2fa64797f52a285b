package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.testing.Sources;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Recursive helpers on the IR through the interpreter: calls into a cycle stay calls ({@link
 * Expr.Apply}), and every mode (gradient, naive gradient, tangent, Hessian-vector product, Hessian)
 * agrees with central differences and with each other, at awkward points first (n = 0, x = 0) and
 * then at random ones.
 */
class RecursionReverseTest {
  private static final String POW =
      """
      static double pow(double x, int n) {
          return n == 0 ? 1 : n % 2 == 0 ? sq(pow(x, n / 2)) : x * pow(x, n - 1);
      }
      """;

  private static final String SQ =
      """
      static double sq(double v) {
          return v * v;
      }
      """;

  /** The fixed points first, then random ones. */
  private static GradientOracle.Args points(
      List<Object[]> fixed, java.util.function.Function<Random, Object[]> random) {
    AtomicInteger next = new AtomicInteger();
    return r -> {
      int k = next.getAndIncrement();
      return k < fixed.size() ? fixed.get(k).clone() : random.apply(r);
    };
  }

  @Test
  void powerBySquaringStaysACallAndIsInlinedNowhere() {
    Lowered l =
        Sources.lowerWith(
            """
            static double f(double x, int n) {
                return pow(x, n);
            }
            """,
            POW,
            SQ);
    assertEquals(List.of("pow"), l.helpers().stream().map(Function::name).toList());
    String printed = Printer.function(l.function());
    assertTrue(printed.contains("pow(x, n)"), printed);
  }

  @Test
  void powerBySquaring() {
    checkWith(
        """
        static double f(double x, double y, int n) {
            return pow(x * y, n) - y;
        }
        """,
        points(
            List.of(new Object[] {0.0, 1.0, 3}, new Object[] {1.5, -0.5, 0}),
            r -> new Object[] {uniform(r, -1.2, 1.2), uniform(r, 0.5, 1.2), r.nextInt(10)}),
        POW,
        SQ);
  }

  @Test
  void recursiveHornerWithDataCoefficients() {
    checkWith(
        """
        static double f(double x, @NoDerivative double[] c) {
            return horner(c, x, 0);
        }
        """,
        points(
            List.of(new Object[] {0.0, new double[] {1, 2, 3}}, new Object[] {0.7, new double[0]}),
            r -> new Object[] {uniform(r, -2, 2), vector(r, 1 + r.nextInt(5), -1, 1)}),
        """
        static double horner(double[] c, double x, int i) {
            return i == c.length ? 0 : c[i] + x * horner(c, x, i + 1);
        }
        """);
  }

  @Test
  void mutualRecursionWithEarlyReturns() {
    checkWith(
        """
        static double f(double x, double y, int n) {
            return ping(x, y, n);
        }
        """,
        points(
            List.of(new Object[] {0.0, 0.0, 0}, new Object[] {0.0, 1.0, 3}),
            r -> new Object[] {uniform(r, -1, 1), uniform(r, -1, 1), r.nextInt(6)}),
        """
        static double ping(double x, double y, int n) {
            if (n == 0) {
                return x * y;
            }
            return pong(y, x, n - 1) + Math.sin(x);
        }
        """,
        """
        static double pong(double a, double b, int n) {
            if (n == 0) {
                return a - b * b;
            }
            double r = ping(a * b, a + b, n - 1);
            return r * a;
        }
        """);
  }
}
