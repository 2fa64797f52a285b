package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The hand-written baselines of {@link LanguageBenchmark} compute the same gradients as the
 * generated code.
 */
class LanguageGradientsAgreeTest {
  @Test
  void mlpBackpropagationAgrees() {
    LanguageBenchmark s = new LanguageBenchmark();
    s.setUp();
    double[] g1 = new double[s.mlpGradient.length];
    double[] g2 = new double[s.mlpGradient.length];
    double v1 = MlpLossDerivatives.lossValueAndGradient(s.w1, s.b1, s.w2, s.b2, s.mx, s.my, g1);
    double v2 = MlpLoss.handWritten(s.w1, s.b1, s.w2, s.b2, s.mx, s.my, g2, s.hidden);
    assertEquals(v1, v2, 1e-12);
    assertArrayEquals(g1, g2, 1e-12);
    double[] g3 = new double[g1.length];
    MlpLossDerivatives.lossValueAndGradient(
        s.w1, s.b1, s.w2, s.b2, s.mx, s.my, g3, new MlpLossDerivatives.LossWorkspace());
    assertArrayEquals(g1, g3, 0.0);
  }

  @Test
  void oscillatorAdjointAgrees() {
    LanguageBenchmark s = new LanguageBenchmark();
    s.setUp();
    double[] g1 = new double[2];
    double[] g2 = new double[2];
    double v1 = OscillatorLossDerivatives.lossValueAndGradient(s.k, s.c, s.observed, s.dt, g1);
    double v2 = OscillatorLoss.handWritten(s.k, s.c, s.observed, s.dt, g2, s.xs, s.vs);
    assertEquals(v1, v2, 1e-12 * Math.abs(v1));
    assertArrayEquals(g1, g2, 1e-9 * Math.max(1, Math.abs(g1[0])));
  }

  @Test
  void heatBuffersAdjointAgrees() {
    HeatBuffersBenchmark s = new HeatBuffersBenchmark();
    s.setUp();
    int steps = 300;
    double[] g1 = new double[s.gradient.length];
    double[] g2 = new double[s.gradient.length];
    double v1 = HeatBuffersLossDerivatives.energyValueAndGradient(s.u0, s.kappa, steps, g1);
    double v2 =
        HeatBuffersLoss.handWritten(
            s.u0, s.kappa, steps, g2, new double[steps * s.u0.length], new double[s.u0.length]);
    assertEquals(HeatBuffersLoss.energy(s.u0, s.kappa, steps), v1, 0.0);
    assertEquals(v1, v2, 1e-12 * Math.abs(v1));
    assertArrayEquals(g1, g2, 1e-9 * Math.max(1, Math.abs(g1[0])));
  }
}
