package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The schedules against the closed forms of PyTorch's schedulers. */
class LearningRateScheduleTest {

  private static final double BASE = 0.1;
  private static final int[] STEPS = {0, 1, 2, 4, 5, 7, 10, 29, 30, 31, 50, 99};

  @Test
  void constantKeepsTheBaseRate() {
    for (int t : STEPS) {
      assertEquals(BASE, LearningRateSchedule.constant().rate(t, BASE));
    }
  }

  @Test
  void stepDecaysByGammaEveryStepSizeSteps() {
    for (int t : STEPS) {
      assertEquals(
          BASE * Math.pow(0.1, Math.floor(t / 30.0)),
          LearningRateSchedule.step(30).rate(t, BASE),
          1e-15,
          "t = " + t);
      assertEquals(
          BASE * Math.pow(0.5, Math.floor(t / 7.0)),
          LearningRateSchedule.step(7, 0.5).rate(t, BASE),
          1e-15,
          "t = " + t);
    }
  }

  @Test
  void exponentialDecaysByGammaEveryStep() {
    for (int t : STEPS) {
      assertEquals(
          BASE * Math.pow(0.95, t), LearningRateSchedule.exponential(0.95).rate(t, BASE), 1e-15);
    }
  }

  @Test
  void cosineAnnealingFollowsTheClosedForm() {
    int tMax = 50;
    double etaMin = 0.001;
    for (int t : STEPS) {
      double expected = etaMin + (BASE - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
      assertEquals(
          expected, LearningRateSchedule.cosineAnnealing(tMax, etaMin).rate(t, BASE), 1e-15);
    }
    assertEquals(BASE, LearningRateSchedule.cosineAnnealing(tMax).rate(0, BASE), 1e-15);
    assertEquals(BASE / 2, LearningRateSchedule.cosineAnnealing(tMax).rate(25, BASE), 1e-15);
    assertEquals(etaMin, LearningRateSchedule.cosineAnnealing(tMax, etaMin).rate(50, BASE), 1e-15);
  }

  @Test
  void linearWarmupHasPyTorchsDefaults() {
    // LinearLR(start_factor=1/3, end_factor=1, total_iters=5).
    double[] factors = {1.0 / 3, 1.0 / 3 + 2.0 / 15, 1.0 / 3 + 4.0 / 15, 1.0 / 3 + 6.0 / 15};
    for (int t = 0; t < factors.length; t++) {
      assertEquals(BASE * factors[t], LearningRateSchedule.linearWarmup().rate(t, BASE), 1e-15);
    }
    for (int t : new int[] {5, 6, 100}) {
      assertEquals(BASE, LearningRateSchedule.linearWarmup().rate(t, BASE), 1e-15);
    }
    for (int t : STEPS) {
      double expected = BASE * (0.5 + (0.1 - 0.5) * Math.min(t, 10) / 10.0);
      assertEquals(expected, LearningRateSchedule.linear(0.5, 0.1, 10).rate(t, BASE), 1e-15);
    }
  }

  @Test
  void thenSwitchesAtTheMilestoneAndRestartsTheNextSchedule() {
    LearningRateSchedule s =
        LearningRateSchedule.linearWarmup().then(5, LearningRateSchedule.cosineAnnealing(20));
    for (int t : STEPS) {
      double expected =
          t < 5
              ? BASE * (1.0 / 3 + (2.0 / 3) * t / 5)
              : BASE * (1 + Math.cos(Math.PI * (t - 5) / 20)) / 2;
      assertEquals(expected, s.rate(t, BASE), 1e-15, "t = " + t);
    }
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosineAnnealing(0));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosineAnnealing(5, -1));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.linear(0, 1, 5));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.linear(0.5, 1, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> LearningRateSchedule.constant().then(-1, LearningRateSchedule.constant()));
  }
}
