package com.example.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Classic test problems, ML losses and time-stepping code written by someone outside the project
 * (this package), compiled by the processor like any user code: every generated gradient (and the
 * Hessians of the {@code order = 2} methods) against central differences of the original method,
 * and every returned value against the original's.
 */
class OutsideFunctionsTest {
  @Test
  void everyGeneratedDerivativeAgreesWithDifferences() {
    List<String> failures = GradientCheckMain.run();
    assertEquals(List.of(), failures);
  }
}
