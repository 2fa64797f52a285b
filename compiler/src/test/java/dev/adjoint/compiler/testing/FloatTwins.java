package dev.adjoint.compiler.testing;

import java.util.Random;

/**
 * The arguments of a float method and of its double twin (the same source with {@code float} read
 * as {@code double}), which the float tests compare: awkward float points and their widening.
 */
public final class FloatTwins {
  private FloatTwins() {}

  private static final float[] AWKWARD = {0, 0.5f, -0.5f, 1, -1, 2};

  /**
   * Every float element and float scalar replaced by one from {0, ±½, ±1, 2}; scalars skip 0 when
   * {@code scalarZero} is false (a method dividing by one).
   */
  public static void awkward(Object[] a, Random r, boolean scalarZero) {
    int first = scalarZero ? 0 : 1;
    for (int p = 0; p < a.length; p++) {
      if (a[p] instanceof Float) {
        a[p] = AWKWARD[first + r.nextInt(AWKWARD.length - first)];
      } else if (a[p] instanceof float[] x) {
        for (int i = 0; i < x.length; i++) {
          x[i] = AWKWARD[r.nextInt(AWKWARD.length)];
        }
      } else if (a[p] instanceof float[][] m) {
        for (float[] row : m) {
          for (int i = 0; i < row.length; i++) {
            row[i] = AWKWARD[r.nextInt(AWKWARD.length)];
          }
        }
      }
    }
  }

  /** The double twin's arguments: every float widened. */
  public static Object[] widen(Object[] a) {
    Object[] out = a.clone();
    for (int p = 0; p < out.length; p++) {
      if (out[p] instanceof Float f) {
        out[p] = (double) f;
      } else if (out[p] instanceof float[] x) {
        out[p] = widen(x);
      } else if (out[p] instanceof float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          d[i] = widen(m[i]);
        }
        out[p] = d;
      }
    }
    return out;
  }

  public static double[] widen(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }
}
