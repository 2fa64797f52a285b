package dev.adjoint.runtime;

/**
 * {@code torch.optim.Adam}'s and {@code torch.optim.AdamW}'s update, with coupled or decoupled
 * weight decay and optional AMSGrad (see {@link Adam} and {@link AdamW}).
 */
final class AdamUpdate implements UpdateRule {

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final boolean decoupled;
  private final double[] m;
  private final double[] v;
  private final double[] vMax;
  private double beta1Power = 1;
  private double beta2Power = 1;

  AdamUpdate(
      int n,
      double beta1,
      double beta2,
      double epsilon,
      double weightDecay,
      boolean decoupled,
      boolean amsgrad) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
    this.m = new double[n];
    this.v = new double[n];
    this.vMax = amsgrad ? new double[n] : null;
  }

  @Override
  public void update(double[] x, double[] g, double learningRate, int t) {
    // The powers advance by one factor per step, as t does.
    beta1Power *= beta1;
    beta2Power *= beta2;
    double stepSize = learningRate / (1 - beta1Power);
    double secondCorrection = Math.sqrt(1 - beta2Power);
    double decay = decoupled ? 1 - learningRate * weightDecay : 1;
    for (int i = 0; i < x.length; i++) {
      double gi = g[i];
      if (decoupled) {
        x[i] *= decay;
      } else if (weightDecay != 0) {
        gi += weightDecay * x[i];
      }
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      double second = v[i];
      if (vMax != null) {
        vMax[i] = Math.max(vMax[i], v[i]);
        second = vMax[i];
      }
      x[i] -= stepSize * m[i] / (Math.sqrt(second) / secondCorrection + epsilon);
    }
  }
}
