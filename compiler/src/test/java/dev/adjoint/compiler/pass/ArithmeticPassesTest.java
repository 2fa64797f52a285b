package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.testing.Sources;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic clean-ups that change how values are computed: scale hoisting (exact, every
 * function) and invariant factors (re-association, tangent functions only). Every case also goes
 * through the oracle: central differences, the dot-product test and the Hessian checks.
 */
class ArithmeticPassesTest {
  private static final String SINE_FIT =
      """
      static double loss(double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
              double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
              sum += (yPred - y[i]) * (yPred - y[i]);
          }
          return sum;
      }
      """;

  @Test
  void longArithmeticBeyondTwoToThe53IsNotFoldedThroughADouble() {
    Lowered lowered =
        Sources.lower(
            """
            static double f(double x) {
                long n = 9007199254740993L + 2L;
                long m = 3L + 4L;
                return x * n + x * m;
            }
            """);
    String gradient = Printer.function(Pipeline.gradient(lowered.function(), lowered.wrt()));
    // 2^53 + 3 is not a double: folding through one gave 9007199254740994L, Java gives ...995L
    assertFalse(gradient.contains("9007199254740994"), gradient);
    assertTrue(
        gradient.contains("9007199254740993L + 2L") || gradient.contains("9007199254740995L"),
        gradient);
    assertTrue(gradient.contains("7L"), gradient); // small long constants still fold
  }

  @Test
  void theFactorTwoOfASquaredErrorLeavesTheLoop() {
    Function g =
        check(
            SINE_FIT,
            r ->
                new Object[] {
                  uniform(r, -1, 1),
                  uniform(r, -1, 1),
                  uniform(r, -1, 1),
                  uniform(r, -1, 1),
                  vector(r, 8, -3, 3),
                  vector(r, 8, -1, 1)
                });
    String text = Printer.function(g);
    String loop = text.substring(text.indexOf("for ("), text.indexOf("aBar = 2.0 * aBar"));
    assertFalse(loop.contains("2.0"), text);
    assertTrue(text.contains("dBar = 2.0 * dBar"), text);
  }

  @Test
  void anAccumulatorThatDoesNotStartAtZeroKeepsItsFactorInside() {
    Function g =
        check(
            """
        static double f(double w, @NoDerivative double[] x) {
            double s = 3;
            for (int i = 0; i < x.length; i++) {
                s += 2.0 * w * x[i];
            }
            return s * s;
        }
        """,
            r -> new Object[] {uniform(r, -1, 1), vector(r, 5, -2, 2)});
    String text = Printer.function(g);
    assertTrue(text.contains("s += 2.0 * w * x[i]"), text);
  }

  @Test
  void aScaledValueUsedOutsideAnAccumulationKeepsItsFactor() {
    Function g =
        check(
            """
        static double f(double w, @NoDerivative double[] x) {
            double s = 0;
            double m = 0;
            for (int i = 0; i < x.length; i++) {
                double e = 2.0 * w * x[i];
                s += e;
                m = Math.max(m, e);
            }
            return s + m;
        }
        """,
            r -> new Object[] {uniform(r, 0.5, 1), vector(r, 5, 0.1, 2)});
    String text = Printer.function(g);
    assertTrue(text.contains("2.0 * w"), text);
  }

  @Test
  void theTangentSharesPowersBetweenTheValueAndItsTangent() {
    Lowered lowered = Sources.lower(SINE_FIT);
    String text = Printer.function(Pipeline.tangent(lowered.function(), lowered.wrt()));
    assertTrue(text.contains("x[i] * x[i];"), text);
    assertFalse(text.contains("a * x[i] * x[i] * x[i]"), text);
  }

  @Test
  void valueReturningFunctionsAreNotReassociated() {
    Lowered lowered = Sources.lower(SINE_FIT);
    String gradient = Printer.function(Pipeline.gradient(lowered.function(), lowered.wrt()));
    assertTrue(gradient.contains("a * x[i] * x[i] * x[i] + b * x[i] * x[i]"), gradient);
    Lowered residuals =
        Sources.lower(
            """
        static double[] r(double a, double b, @NoDerivative double[] x) {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = a * x[i] * x[i] + b;
            }
            return out;
        }
        """);
    String jvp = Printer.function(Pipeline.tangent(residuals.function(), residuals.wrt()));
    assertTrue(jvp.contains("a * x[i] * x[i] + b"), jvp);
  }

  @Test
  void intFactorsAreNotMovedIntoAnIntProduct() {
    Lowered lowered =
        Sources.lower(
            """
        static double f(double w, @NoDerivative int n) {
            double s = 0;
            for (int l = 0; l < n; l++) {
                s += w * l * 3 * Math.sin(w * l);
            }
            return s;
        }
        """);
    Function tangent = Pipeline.tangent(lowered.function(), lowered.wrt());
    dev.adjoint.compiler.ir.Verifier.check(tangent);
    check(
        """
        static double f(double w, @NoDerivative int n) {
            double s = 0;
            for (int l = 0; l < n; l++) {
                s += w * l * 3 * Math.sin(w * l);
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), 4});
  }
}
