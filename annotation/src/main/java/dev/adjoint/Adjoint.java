package dev.adjoint;

/**
 * Functions the Adjoint processor recognises inside {@link Differentiable} methods. At run time
 * they are plain Java; the processor gives them their special derivatives.
 */
public final class Adjoint {
  private Adjoint() {}

  /**
   * Returns {@code x} unchanged, but with derivative zero: the processor treats the expression as a
   * constant (like JAX's {@code stop_gradient} or PyTorch's {@code detach}).
   *
   * @param x any value
   * @return {@code x}
   */
  public static double stopGradient(double x) {
    return x;
  }
}
