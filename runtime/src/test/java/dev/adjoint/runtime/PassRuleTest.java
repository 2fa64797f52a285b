package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one pass rule of the gradient, dot-product and Hessian checks. */
class PassRuleTest {

  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void defaultsAreThoseOfPyTorchsGradcheck() {
    assertEquals(new PassRule(1e-5, 1e-3), PassRule.DEFAULT);
    assertEquals(GradientCheck.DEFAULT_ATOL, PassRule.DEFAULT.atol());
    assertEquals(GradientCheck.DEFAULT_RTOL, PassRule.DEFAULT.rtol());
  }

  @Test
  void exactZerosPassEvenWithoutTolerance() {
    PassRule none = new PassRule(0, 0);
    assertTrue(none.passes(0, 0));
    assertTrue(none.passes(-0.0, 0.0));
    assertTrue(none.passes(0, 0, 0));
    assertEquals(0, none.toleranceRatio(0, 0));
    assertEquals(0, PassRule.relativeError(0, 0));
  }

  @Test
  void withoutToleranceOnlyEqualValuesPass() {
    PassRule none = new PassRule(0, 0);
    assertTrue(none.passes(1.5, 1.5));
    assertFalse(none.passes(Math.nextUp(1.5), 1.5));
    assertEquals(INF, none.toleranceRatio(Math.nextUp(1.5), 1.5));
    assertFalse(none.passes(1e-300, 0));
  }

  @Test
  void theAbsoluteToleranceIsInclusive() {
    // 0.5 and 0.25 are exact in binary, so the boundary is exact.
    PassRule rule = new PassRule(0.5, 0);
    assertTrue(rule.passes(0.5, 0));
    assertTrue(rule.passes(-0.5, 0));
    assertFalse(rule.passes(Math.nextUp(0.5), 0));
    assertEquals(1, rule.toleranceRatio(0.5, 0));
    assertEquals(0.5, rule.toleranceRatio(0.25, 0));
  }

  @Test
  void theRelativeToleranceScalesWithTheReferenceNotTheActualValue() {
    PassRule rule = new PassRule(0, 0.25);
    // Reference 4: 1 allowed on either side.
    assertTrue(rule.passes(5, 4));
    assertTrue(rule.passes(3, 4));
    assertFalse(rule.passes(Math.nextUp(5.0), 4));
    assertFalse(rule.passes(Math.nextDown(3.0), 4));
    // The same two values the other way round: 1.25 allowed against the reference 5.
    assertTrue(rule.passes(4, 5));
    // Reference 1 allows 0.25, reference 2 allows 0.5: not symmetric in its arguments.
    assertFalse(rule.passes(2, 1));
    assertFalse(rule.passes(1, 2));
    assertTrue(rule.passes(1.5, 2));
    // The magnitude of a negative reference.
    assertTrue(rule.passes(-5, -4));
    assertFalse(rule.passes(-5.5, -4));
  }

  @Test
  void theToleranceIsAtolPlusRtolTimesTheReference() {
    PassRule rule = new PassRule(0.5, 0.25);
    assertEquals(1.0, rule.allowed(2));
    assertEquals(1.0, rule.allowed(-2));
    assertTrue(rule.passes(3, 2));
    assertFalse(rule.passes(Math.nextUp(3.0), 2));
    assertEquals(1, rule.toleranceRatio(3, 2));
    assertEquals(0.5, rule.toleranceRatio(2.5, 2));
  }

  @Test
  void aGivenScaleReplacesTheReferencesMagnitude() {
    PassRule rule = new PassRule(0, 0.5);
    // Reference 0 alone allows nothing; against the scale 2 it allows 1.
    assertFalse(rule.passes(1, 0));
    assertTrue(rule.passes(1, 0, 2));
    assertFalse(rule.passes(Math.nextUp(1.0), 0, 2));
    assertFalse(rule.passes(1, 1, INF));
    assertFalse(rule.passes(1, 1, NAN));
  }

  @Test
  void nanNeverPassesNotEvenAgainstNan() {
    PassRule loose = new PassRule(1e300, 1e300);
    assertFalse(loose.passes(NAN, NAN));
    assertFalse(loose.passes(NAN, 1));
    assertFalse(loose.passes(1, NAN));
    assertFalse(loose.passes(NAN, NAN, 1));
    assertEquals(INF, loose.toleranceRatio(NAN, NAN));
    assertEquals(INF, loose.toleranceRatio(NAN, 1));
    assertEquals(INF, loose.toleranceRatio(1, NAN));
    assertTrue(Double.isNaN(PassRule.relativeError(NAN, NAN)));
    assertTrue(Double.isNaN(PassRule.relativeError(NAN, 1)));
  }

  @Test
  void infinityNeverPassesNotEvenAgainstTheSameInfinity() {
    PassRule loose = new PassRule(1e300, 1e300);
    assertFalse(loose.passes(INF, INF));
    assertFalse(loose.passes(-INF, -INF));
    assertFalse(loose.passes(INF, -INF));
    assertFalse(loose.passes(INF, 1));
    assertFalse(loose.passes(1, INF));
    assertFalse(loose.passes(-INF, 0, 1));
    assertEquals(INF, loose.toleranceRatio(INF, INF));
    assertEquals(INF, loose.toleranceRatio(1, -INF));
    assertTrue(Double.isNaN(PassRule.relativeError(INF, INF)));
  }

  @Test
  void finiteValuesWhoseDifferenceOverflowsFail() {
    PassRule rule = PassRule.DEFAULT;
    assertFalse(rule.passes(Double.MAX_VALUE, -Double.MAX_VALUE));
    assertEquals(INF, rule.toleranceRatio(Double.MAX_VALUE, -Double.MAX_VALUE));
  }

  @Test
  void relativeErrorIsMeasuredAgainstTheLargerMagnitude() {
    assertEquals(0.25, PassRule.relativeError(3, 4));
    assertEquals(0.25, PassRule.relativeError(4, 3));
    assertEquals(2, PassRule.relativeError(1, -1));
    assertEquals(1, PassRule.relativeError(0, 5));
  }

  @Test
  void rejectsNegativeOrNonFiniteTolerances() {
    assertThrows(IllegalArgumentException.class, () -> new PassRule(-1e-9, 0));
    assertThrows(IllegalArgumentException.class, () -> new PassRule(0, -1e-9));
    assertThrows(IllegalArgumentException.class, () -> new PassRule(NAN, 0));
    assertThrows(IllegalArgumentException.class, () -> new PassRule(0, NAN));
    assertThrows(IllegalArgumentException.class, () -> new PassRule(INF, 0));
    assertThrows(IllegalArgumentException.class, () -> new PassRule(0, INF));
  }
}
