package dev.adjoint.compiler.testing;

import java.util.Arrays;
import java.util.Random;

/** Evaluation points for the end-to-end tests: uniform values, vectors, appended arguments. */
public final class Points {
  private Points() {}

  /** A uniform value in [lo, hi). */
  public static double u(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /** {@code n} uniform values in [lo, hi). */
  public static double[] vector(Random r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = u(r, lo, hi);
    }
    return v;
  }

  /** {@code a} with {@code last} appended: the arguments of a generated method with an output. */
  public static Object[] append(Object[] a, Object last) {
    Object[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }
}
