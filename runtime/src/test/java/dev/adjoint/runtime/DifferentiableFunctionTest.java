package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DifferentiableFunctionTest {

  @Test
  void valueAndGradientOverwritesTheGradient() {
    DifferentiableFunction f = Rosenbrock.function(3);
    double[] p = {0.3, -0.7, 2.0};
    double[] expected = new double[3];
    Rosenbrock.gradient(p, expected);

    double[] g = new double[3];
    Arrays.fill(g, 1e9); // stale contents must not leak into the result
    double v1 = f.valueAndGradient(p, g);
    assertArrayEquals(expected, g);
    double v2 = f.valueAndGradient(p, g); // calling twice must not accumulate
    assertArrayEquals(expected, g);
    assertEquals(Rosenbrock.value(p), v1);
    assertEquals(v1, v2);
  }

  @Test
  void defaultValueAgreesWithValueAndGradient() {
    DifferentiableFunction f = Rosenbrock.function(4);
    double[] p = {1.5, -0.5, 0.25, 2};
    assertEquals(f.valueAndGradient(p, new double[4]), f.value(p));
    assertEquals(Rosenbrock.value(p), f.value(p));
    assertEquals(4, f.dimension());
  }

  @Test
  void ofChecksLengths() {
    DifferentiableFunction f = Rosenbrock.function(3);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> f.valueAndGradient(new double[3], new double[2]));
    assertEquals("gradient has length 2, expected 3", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> f.value(new double[4]));
    assertThrows(IllegalArgumentException.class, () -> DifferentiableFunction.of(0, (x, g) -> 0));
  }
}
