package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The one central-difference implementation of the gradient and Hessian checks. */
class CentralDifferencesTest {

  @Test
  void stepIsRelativeAboveOneAndAbsoluteBelow() {
    assertEquals(1e-6, CentralDifferences.step(0));
    assertEquals(1e-6, CentralDifferences.step(-0.5));
    assertEquals(1e-6 * 3, CentralDifferences.step(-3));
    assertEquals(100, CentralDifferences.step(1e8), 1e-6);
  }

  @Test
  void gradientOfAQuadraticIsExactUpToRounding() {
    // f = x0² + 3 x0 x1: central differences of a quadratic have no truncation error.
    ToDoubleFunction<double[]> f = x -> x[0] * x[0] + 3 * x[0] * x[1];
    double[] point = {0.5, -2};
    double[] g = CentralDifferences.gradient(f, point);
    assertEquals(2 * 0.5 + 3 * -2, g[0], 1e-8);
    assertEquals(3 * 0.5, g[1], 1e-8);
    assertArrayEquals(new double[] {0.5, -2}, point);
  }

  @Test
  void theGradientIsTheOneRowJacobian() {
    ToDoubleFunction<double[]> f = x -> Math.sin(x[0]) * Math.exp(x[1]);
    double[] point = {0.3, 1.7};
    double[][] jacobian =
        CentralDifferences.jacobian((x, values) -> values[0] = f.applyAsDouble(x), 1, point);
    assertArrayEquals(jacobian[0], CentralDifferences.gradient(f, point));
  }

  @Test
  void jacobianEntryIJIsTheDerivativeOfOutputIAlongJ() {
    // F(x) = (x0 x1, x1²): J = [[x1, x0], [0, 2 x1]].
    double[] point = {2, 3};
    double[][] j =
        CentralDifferences.jacobian(
            (x, values) -> {
              values[0] = x[0] * x[1];
              values[1] = x[1] * x[1];
            },
            2,
            point);
    assertEquals(3, j[0][0], 1e-8);
    assertEquals(2, j[0][1], 1e-8);
    assertEquals(0, j[1][0], 1e-8);
    assertEquals(6, j[1][1], 1e-8);
  }

  @Test
  void anOutputLeftUnwrittenIsNaNNotAnEarlierValue() {
    double[][] j =
        CentralDifferences.jacobian((x, values) -> values[0] = x[0] + x[1], 2, new double[] {1, 2});
    assertEquals(1, j[0][0], 1e-8);
    assertEquals(1, j[0][1], 1e-8);
    assertTrue(Double.isNaN(j[1][0]));
    assertTrue(Double.isNaN(j[1][1]));
  }

  @Test
  void theFunctionSeesTheCoordinateMovedByOneStepEachWay() {
    double x0 = 1e8;
    double h = CentralDifferences.step(x0);
    double[] seen = new double[2];
    int[] calls = {0};
    CentralDifferences.gradient(x -> seen[calls[0]++] = x[0], new double[] {x0});
    assertEquals(x0 + h, seen[0]);
    assertEquals(x0 - h, seen[1]);
  }
}
