package dev.adjoint.runtime;

/**
 * {@code torch.optim.SGD}'s update: coupled weight decay, momentum with dampening, and Nesterov
 * momentum, in PyTorch's formulas (see {@link GradientDescent}).
 */
final class SgdUpdate implements UpdateRule {

  private final double momentum;
  private final double dampening;
  private final double weightDecay;
  private final boolean nesterov;
  private final double[] buffer;

  SgdUpdate(int n, double momentum, double dampening, double weightDecay, boolean nesterov) {
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
    this.buffer = momentum != 0 ? new double[n] : null;
  }

  @Override
  public void update(double[] x, double[] g, double learningRate, int t) {
    for (int i = 0; i < x.length; i++) {
      double d = g[i];
      if (weightDecay != 0) {
        d += weightDecay * x[i];
      }
      if (buffer != null) {
        // PyTorch starts the buffer at the first gradient, undamped.
        buffer[i] = t == 1 ? d : momentum * buffer[i] + (1 - dampening) * d;
        d = nesterov ? d + momentum * buffer[i] : buffer[i];
      }
      x[i] -= learningRate * d;
    }
  }
}
