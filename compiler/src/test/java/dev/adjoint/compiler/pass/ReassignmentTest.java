package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.testing.Sources;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Array variables given a new array ({@code state = step(state)}): lowered as element copies when
 * that is what the reassignment means, AD304 when another reference could tell the difference.
 */
class ReassignmentTest {
  private static final String STEP =
      """
      static double[] step(double[] s, double k, double dt) {
          return new double[] {s[0] + dt * s[1], s[1] - dt * k * s[0]};
      }
      """;

  @Test
  void timeSteppingByReassigningTheState() {
    checkWith(
        """
        static double f(double k, double x0, @NoDerivative int steps) {
            double[] state = {x0, 0};
            double energy = 0;
            for (int t = 0; t < steps; t++) {
                state = step(state, k, 0.05);
                energy += state[0] * state[0];
            }
            return energy;
        }
        """,
        r -> new Object[] {uniform(r, 1, 3), uniform(r, 0.5, 1.5), 30},
        STEP);
  }

  @Test
  void reassignedToAnArrayCreatedInTheStatement() {
    check(
        """
        static double f(double a, double b, @NoDerivative double[] w) {
            double[] s = {a, b};
            for (int i = 0; i < w.length; i++) {
                s = new double[] {s[0] * Math.cos(w[i]) - s[1] * Math.sin(w[i]), s[0] * Math.sin(w[i]) + s[1] * a};
            }
            return s[0] * s[1];
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1), uniform(r, 0.5, 1), vector(r, 4, -1, 1)});
  }

  @Test
  void referencesThatWouldSeeTheDifferenceAreRejected() {
    assertRejected(
        """
        static double f(double a) {
            double[] s = {a, 1};
            double[] previous = s;
            s = new double[] {s[0] * a, s[1]};
            return s[0] + previous[0];
        }
        """);
    assertRejected(
        """
        static double f(double a, double[] u) {
            u = new double[] {a, a};
            return u[0];
        }
        """);
  }

  private static void assertRejected(String source) {
    Lowered lowered = Sources.lowerRaw(source);
    List<DiagnosticCode> codes =
        lowered.diagnostics().all().stream().map(Diagnostic::code).toList();
    assertEquals(List.of(DiagnosticCode.AD304), codes, source);
  }
}
