package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LbfgsTest {

  /** f(x) = sum_i w_i (x_i - c_i)^2 with weights spread over two orders of magnitude. */
  private static DifferentiableFunction illConditionedQuadratic(int n) {
    return DifferentiableFunction.of(
        n,
        (x, g) -> {
          double f = 0;
          for (int i = 0; i < n; i++) {
            double w = Math.pow(10, 2.0 * i / (n - 1));
            double r = x[i] - (i % 3 - 1);
            f += w * r * r;
            g[i] = 2 * w * r;
          }
          return f;
        });
  }

  private static double[] standardStart(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1.2 : 1;
    }
    return x;
  }

  private static double distanceToOnes(double[] x) {
    double sum = 0;
    for (double xi : x) {
      sum += (xi - 1) * (xi - 1);
    }
    return Math.sqrt(sum);
  }

  @Test
  void minimizesAnIllConditionedQuadratic() {
    int n = 50;
    Result r =
        new Lbfgs()
            .withGradientTolerance(1e-10)
            .minimize(illConditionedQuadratic(n), new double[n]);
    assertTrue(r.converged(), r.toString());
    for (int i = 0; i < n; i++) {
      assertEquals(i % 3 - 1, r.point()[i], 1e-9, "component " + i);
    }
    assertTrue(r.gradientNorm() <= 1e-10);
    // Plain gradient descent with the best fixed step would need over a thousand iterations here.
    assertTrue(r.iterations() < 200, r.toString());
  }

  @Test
  void minimizesTheTwoDimensionalRosenbrockFunction() {
    Result r = new Lbfgs().minimize(Rosenbrock.function(2), new double[] {-1.2, 1});
    assertTrue(r.converged(), r.toString());
    assertArrayEquals(new double[] {1, 1}, r.point(), 1e-7);
    assertTrue(r.value() < 1e-14, r.toString());
    assertTrue(r.iterations() < 100, r.toString());
  }

  @Test
  void minimizesTheChainedRosenbrockFunctionInHundredDimensions() {
    Result r = new Lbfgs().minimize(Rosenbrock.function(100), standardStart(100));
    assertTrue(r.converged(), r.toString());
    assertTrue(distanceToOnes(r.point()) < 1e-6, r.toString());
    assertTrue(r.value() < 1e-12, r.toString());
  }

  @Test
  void valueAndGradientNormDescribeTheReturnedPoint() {
    Result r = new Lbfgs().withMaxIterations(7).minimize(Rosenbrock.function(4), standardStart(4));
    assertEquals(Status.MAX_ITERATIONS, r.status());
    assertEquals(7, r.iterations());
    double[] g = new double[4];
    assertEquals(Rosenbrock.function(4).valueAndGradient(r.point(), g), r.value(), 0);
    assertEquals(Math.sqrt(Arrays.stream(g).map(v -> v * v).sum()), r.gradientNorm(), 1e-12);
    assertTrue(r.evaluations() >= r.iterations() + 1);
  }

  @Test
  void listenerSeesStrictlyDecreasingValues() {
    List<Double> values = new ArrayList<>();
    List<Integer> iterations = new ArrayList<>();
    Result r =
        new Lbfgs()
            .onStep(
                s -> {
                  iterations.add(s.iteration());
                  values.add(s.value());
                })
            .minimize(Rosenbrock.function(10), standardStart(10));
    assertTrue(r.converged());
    assertEquals(r.iterations(), values.size());
    for (int k = 0; k < values.size(); k++) {
      assertEquals(k, iterations.get(k));
      if (k > 0) {
        assertTrue(values.get(k) < values.get(k - 1), values.toString());
      }
    }
    assertTrue(r.value() < values.get(values.size() - 1));
  }

  @Test
  void memoryOfOneStillConverges() {
    Result r =
        new Lbfgs()
            .withMemory(1)
            .withMaxIterations(5000)
            .minimize(Rosenbrock.function(2), new double[] {-1.2, 1});
    assertTrue(r.converged(), r.toString());
    assertArrayEquals(new double[] {1, 1}, r.point(), 1e-6);
  }

  @Test
  void aWrongGradientMakesTheLineSearchFail() {
    // The negated gradient points uphill: no step decreases f, so the start is returned.
    DifferentiableFunction wrong =
        DifferentiableFunction.of(
            2,
            (x, g) -> {
              double f = Rosenbrock.function(2).valueAndGradient(x, g);
              g[0] = -g[0];
              g[1] = -g[1];
              return f;
            });
    double[] x0 = {-1.2, 1};
    Result r = new Lbfgs().minimize(wrong, x0);
    assertEquals(Status.LINE_SEARCH_FAILED, r.status());
    assertFalse(r.converged());
    assertArrayEquals(x0, r.point());
    assertEquals(0, r.iterations());
  }

  @Test
  void stopsAtOnceAtAStationaryPoint() {
    Result r = new Lbfgs().minimize(Rosenbrock.function(3), new double[] {1, 1, 1});
    assertTrue(r.converged());
    assertEquals(0, r.iterations());
    assertEquals(1, r.evaluations());
    assertEquals(0, r.value());
  }

  @Test
  void initialPointIsNotModifiedAndResultIsFresh() {
    double[] x0 = standardStart(6);
    double[] copy = x0.clone();
    Result r = new Lbfgs().minimize(Rosenbrock.function(6), x0);
    assertArrayEquals(copy, x0);
    assertNotSame(x0, r.point());
  }

  /** Σ (a x³ + b x² + c x + d - sin x)² over 2000 points evenly spaced on [-π, π]. */
  static DifferentiableFunction sineFit() {
    int m = 2000;
    double[] xs = new double[m];
    double[] ys = new double[m];
    for (int i = 0; i < m; i++) {
      xs[i] = -Math.PI + 2 * Math.PI * i / (m - 1);
      ys[i] = Math.sin(xs[i]);
    }
    return DifferentiableFunction.of(
        4,
        (p, g) -> {
          double f = 0;
          Arrays.fill(g, 0);
          for (int i = 0; i < m; i++) {
            double x = xs[i];
            double r = ((p[0] * x + p[1]) * x + p[2]) * x + p[3] - ys[i];
            f += r * r;
            g[0] += 2 * r * x * x * x;
            g[1] += 2 * r * x * x;
            g[2] += 2 * r * x;
            g[3] += 2 * r;
          }
          return f;
        });
  }

  @Test
  void theSineFitConvergesAlthoughRoundingKeepsTheGradientAboveTheAbsoluteTolerance() {
    // At the optimum (loss ≈ 8.8) rounding leaves a gradient norm near 1e-7, above the default
    // absolute tolerance 1e-8: the line search can no longer decrease the loss, which is
    // convergence, not failure.
    Result r = new Lbfgs().minimize(sineFit(), new double[4]);
    assertTrue(r.converged(), r::toString);
    assertEquals(8.817165, r.value(), 1e-6, r::toString);
    assertEquals(-0.0933, r.point()[0], 1e-4, r::toString);
    assertEquals(0, r.point()[1], 1e-9, r::toString);
    assertEquals(0, r.point()[3], 1e-9, r::toString);
  }

  @Test
  void theSineFitConvergesByRelativeTolerances() {
    Result byGradient =
        new Lbfgs()
            .withStopping(
                StoppingCriteria.none().withMaxIterations(1000).withRelativeGradientTolerance(1e-9))
            .minimize(sineFit(), new double[4]);
    assertEquals(Status.CONVERGED_GRADIENT, byGradient.status(), byGradient::toString);
    assertEquals(8.817165, byGradient.value(), 1e-6);
    Result byValue =
        new Lbfgs()
            .withStopping(
                StoppingCriteria.none().withMaxIterations(1000).withFunctionTolerance(1e-12))
            .minimize(sineFit(), new double[4]);
    assertEquals(Status.CONVERGED_FUNCTION_CHANGE, byValue.status(), byValue::toString);
    assertEquals(8.817165, byValue.value(), 1e-6);
  }

  @Test
  void withersKeepTheOtherSettings() {
    Lbfgs l = new Lbfgs().withMemory(5).withMaxIterations(42).withGradientTolerance(1e-3);
    assertEquals(5, l.memory());
    assertEquals(42, l.stopping().maxIterations());
    assertEquals(1e-3, l.stopping().gradientTolerance());
    assertEquals(Lbfgs.DEFAULT_MEMORY, new Lbfgs().memory());
    assertEquals(Lbfgs.DEFAULT_STOPPING, new Lbfgs().stopping());
    assertEquals(Lbfgs.DEFAULT_MAX_ITERATIONS, new Lbfgs().stopping().maxIterations());
    assertEquals(Lbfgs.DEFAULT_GRADIENT_TOLERANCE, new Lbfgs().stopping().gradientTolerance());
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> new Lbfgs().withMemory(0));
    assertThrows(IllegalArgumentException.class, () -> new Lbfgs().withMaxIterations(-1));
    assertThrows(IllegalArgumentException.class, () -> new Lbfgs().withGradientTolerance(-1));
    assertThrows(
        IllegalArgumentException.class, () -> new Lbfgs().withGradientTolerance(Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Lbfgs().minimize(Rosenbrock.function(3), new double[2]));
  }
}
