package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import org.junit.jupiter.api.Test;

/**
 * {@code Math.fma(a, b, c)}: ∂/∂a = b, ∂/∂b = a, ∂/∂c = 1, in reverse and forward mode and to
 * second order, against central differences.
 */
class FusedMultiplyAddTest {
  @Test
  void scalarArguments() {
    check(
        """
        static double f(double a, double b, double c) {
            return Math.fma(a, b, c) * Math.fma(b, c, a) + StrictMath.fma(a, a, Math.sin(c));
        }
        """,
        r -> new Object[] {uniform(r, -2, 2), uniform(r, -2, 2), uniform(r, -2, 2)});
  }

  @Test
  void hornerSchemeInALoop() {
    check(
        """
        static double horner(double[] coefficients, double x) {
            double p = 0;
            for (int i = 0; i < coefficients.length; i++) {
                p = Math.fma(p, x, coefficients[i]);
            }
            return p * p;
        }
        """,
        r -> new Object[] {vector(r, 5, -1, 1), uniform(r, -1.5, 1.5)});
  }
}
