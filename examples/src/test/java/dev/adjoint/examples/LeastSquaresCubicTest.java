package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LeastSquaresCubicTest {

  @Test
  void recoversAnExactCubic() {
    Cubic truth = new Cubic(0.5, -1.25, 2, 3);
    double[] x = SineData.linspace(50).x();
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = truth.at(x[i]);
    }
    Cubic fit = LeastSquaresCubic.fit(new SineData(x, y));
    assertArrayEquals(truth.coefficients(), fit.coefficients(), 1e-12);
  }

  @Test
  void solvesWithPivoting() {
    // The first pivot is 0: needs a row swap.
    double[][] m = {{0, 1, 2}, {1, 1, 3}};
    assertArrayEquals(new double[] {1, 2}, LeastSquaresCubic.solve(m), 1e-15);
  }

  @Test
  void rejectsSingularSystems() {
    double[] x = {1, 1, 1, 1, 1};
    assertThrows(
        IllegalArgumentException.class, () -> LeastSquaresCubic.fit(new SineData(x, x.clone())));
  }

  @Test
  void cubicPrintsLikeTheTutorial() {
    Cubic c = new Cubic(-0.09333038904, -1e-17, 0.85674084307, 6e-17);
    assertEquals("y = -0.0933304 x^3 + 0.0000000 x^2 + 0.8567408 x + 0.0000000", c.toString(7));
    assertEquals("y = 1.0 x^3 + 2.0 x^2 + 3.0 x + 4.0", new Cubic(1, 2, 3, 4).toString());
    assertEquals(4 + 3 + 2 + 1, new Cubic(1, 2, 3, 4).at(1));
  }

  @Test
  void dataAreTorchLinspace() {
    SineData data = SineData.tutorial();
    assertEquals(2000, data.size());
    assertEquals(-Math.PI, data.x()[0]);
    assertEquals(Math.PI, data.x()[1999], 1e-15);
    assertEquals(-Math.PI + 2 * Math.PI / 1999, data.x()[1], 1e-15);
    assertEquals(Math.sin(data.x()[1234]), data.y()[1234]);
    assertEquals(100, data.subsample(20).size());
    assertEquals(data.x()[20], data.subsample(20).x()[1]);
  }
}
