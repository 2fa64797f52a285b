package dev.adjoint.compiler.testing;

/**
 * Finite differences, the compiler tests' oracle for derivatives: of a scalar function (the
 * original method, run by the IR interpreter or by reflection) to check gradients, and of a vector
 * function (a generated gradient) to check Hessians. Arguments are the method's argument list; the
 * differentiated parameters are given by position ({@code wrt}, in flat-layout order) and span flat
 * coordinates the way the generated code lays them out: a {@code double} or {@code float} one slot,
 * a {@code double[]} or {@code float[]} its elements, a {@code double[][]} or {@code float[][]} its
 * elements row by row (a {@code float} coordinate moved by a step is rounded to float). The caller
 * picks the step, so each oracle keeps the step its tolerance was tuned for.
 */
public final class Differences {
  private Differences() {}

  /** A scalar function of an argument list. */
  @FunctionalInterface
  public interface Scalar {
    double at(Object[] args);
  }

  /** A vector function of an argument list (a gradient in flat layout). */
  @FunctionalInterface
  public interface Vector {
    double[] at(Object[] args);
  }

  /** The step for a coordinate whose value is {@code x}. */
  @FunctionalInterface
  public interface Step {
    double at(double x);
  }

  /** The step {@code h·max(1, |x|)}: relative for large coordinates, absolute near zero. */
  public static Step relative(double h) {
    return x -> h * Math.max(1, Math.abs(x));
  }

  /** The same step {@code h} for every coordinate. */
  public static Step absolute(double h) {
    return x -> h;
  }

  /** Second-order central differences {@code (f(x + h) - f(x - h)) / 2h}, one per coordinate. */
  public static double[] central(Scalar f, Object[] args, int[] wrt, Step step) {
    double[] out = new double[size(args, wrt)];
    for (int k = 0; k < out.length; k++) {
      double h = step.at(coordinate(args, wrt, k));
      out[k] = (f.at(moved(args, wrt, k, h)) - f.at(moved(args, wrt, k, -h))) / (2 * h);
    }
    return out;
  }

  /**
   * Row 0: the central differences; row 1: the forward minus the backward difference, {@code (f(x +
   * h) - 2 f(x) + f(x - h)) / h}, about {@code h f''} where f is smooth and large where f jumps or
   * has a kink at x ({@code value} is f(x)).
   */
  public static double[][] centralWithAsymmetry(
      Scalar f, Object[] args, int[] wrt, double value, Step step) {
    int n = size(args, wrt);
    double[][] out = new double[2][n];
    for (int k = 0; k < n; k++) {
      double h = step.at(coordinate(args, wrt, k));
      double fp = f.at(moved(args, wrt, k, h));
      double fm = f.at(moved(args, wrt, k, -h));
      out[0][k] = (fp - fm) / (2 * h);
      out[1][k] = (fp - 2 * value + fm) / h;
    }
    return out;
  }

  /** Fourth-order central differences {@code (-f(x+2h) + 8f(x+h) - 8f(x-h) + f(x-2h)) / 12h}. */
  public static double[] fourthOrder(Scalar f, Object[] args, int[] wrt, Step step) {
    double[] out = new double[size(args, wrt)];
    for (int k = 0; k < out.length; k++) {
      double x = coordinate(args, wrt, k);
      double h = step.at(x);
      out[k] =
          (-f.at(moved(args, wrt, k, 2 * h))
                  + 8 * f.at(moved(args, wrt, k, h))
                  - 8 * f.at(moved(args, wrt, k, -h))
                  + f.at(moved(args, wrt, k, -2 * h)))
              / (12 * h);
    }
    return out;
  }

  /**
   * The derivative of {@code g} along flat coordinate k: {@code (g(x + h e_k) - g(x - h e_k)) /
   * 2h}.
   */
  public static double[] alongCoordinate(Vector g, Object[] args, int[] wrt, int k, double h) {
    double[] plus = g.at(moved(args, wrt, k, h));
    double[] minus = g.at(moved(args, wrt, k, -h));
    double[] out = new double[plus.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = (plus[j] - minus[j]) / (2 * h);
    }
    return out;
  }

  /**
   * The derivative of {@code g} along direction v, {@code (g(x + h v) - g(x - h v)) / 2h}, every
   * coordinate moved by {@code ±h v[k]} (also those where v is zero).
   */
  public static double[] along(Vector g, Object[] args, int[] wrt, double[] v, double h) {
    return alongWithAsymmetry(g, args, wrt, null, v, h)[0];
  }

  /**
   * Row 0: {@link #along}; row 1 (when {@code gx}, g at x, is given): the forward minus the
   * backward difference, {@code (g(x + h v) - 2 g(x) + g(x - h v)) / h}, small where g is smooth at
   * x.
   */
  public static double[][] alongWithAsymmetry(
      Vector g, Object[] args, int[] wrt, double[] gx, double[] v, double h) {
    double[] plus = g.at(shifted(args, wrt, v, h));
    double[] minus = g.at(shifted(args, wrt, v, -h));
    double[][] out = new double[2][plus.length];
    for (int k = 0; k < plus.length; k++) {
      out[0][k] = (plus[k] - minus[k]) / (2 * h);
      if (gx != null) {
        out[1][k] = (plus[k] - 2 * gx[k] + minus[k]) / h;
      }
    }
    return out;
  }

  /** The number of flat coordinates of the differentiated parameters. */
  public static int size(Object[] args, int[] wrt) {
    int n = 0;
    for (int p : wrt) {
      if (args[p] instanceof Object[] m) {
        for (Object row : m) {
          n += java.lang.reflect.Array.getLength(row);
        }
      } else if (args[p] != null && args[p].getClass().isArray()) {
        n += java.lang.reflect.Array.getLength(args[p]);
      } else {
        n++;
      }
    }
    return n;
  }

  /**
   * A copy of the arguments whose arrays ({@code double[]}, {@code double[][]}, {@code int[]}) are
   * fresh.
   */
  public static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] d) {
        out[i] = d.clone();
      } else if (out[i] instanceof double[][] m) {
        double[][] c = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
          c[r] = m[r].clone();
        }
        out[i] = c;
      } else if (out[i] instanceof float[][] m) {
        float[][] c = new float[m.length][];
        for (int r = 0; r < m.length; r++) {
          c[r] = m[r].clone();
        }
        out[i] = c;
      } else if (out[i] instanceof float[] d) {
        out[i] = d.clone();
      } else if (out[i] instanceof int[] d) {
        out[i] = d.clone();
      }
    }
    return out;
  }

  /** A copy of the arguments with flat coordinate k, and only it, moved by {@code delta}. */
  public static Object[] moved(Object[] args, int[] wrt, int k, double delta) {
    Object[] out = copy(args);
    if (hasFloatArrays(out, wrt)) {
      double[] v = new double[size(out, wrt)];
      v[k] = 1;
      return floatShifted(out, wrt, v, delta, true);
    }
    int at = 0;
    for (int p : wrt) {
      if (out[p] instanceof double[][] m) {
        for (double[] row : m) {
          if (k < at + row.length) {
            row[k - at] += delta;
            return out;
          }
          at += row.length;
        }
      } else if (out[p] instanceof double[] a) {
        if (k < at + a.length) {
          a[k - at] += delta;
          return out;
        }
        at += a.length;
      } else {
        if (k == at) {
          out[p] = out[p] instanceof Float f ? (float) (f + delta) : (double) out[p] + delta;
          return out;
        }
        at++;
      }
    }
    throw new IndexOutOfBoundsException("flat coordinate " + k + " of " + at);
  }

  /** A copy of the arguments moved by {@code step * v} along every flat coordinate. */
  public static Object[] shifted(Object[] args, int[] wrt, double[] v, double step) {
    Object[] out = copy(args);
    if (hasFloatArrays(out, wrt)) {
      return floatShifted(out, wrt, v, step, false);
    }
    int k = 0;
    for (int p : wrt) {
      if (out[p] instanceof double[][] m) {
        for (double[] row : m) {
          for (int j = 0; j < row.length; j++) {
            row[j] += step * v[k++];
          }
        }
      } else if (out[p] instanceof double[] arr) {
        for (int j = 0; j < arr.length; j++) {
          arr[j] += step * v[k++];
        }
      } else if (out[p] instanceof Float f) {
        out[p] = (float) (f + step * v[k++]);
      } else {
        out[p] = (double) out[p] + step * v[k++];
      }
    }
    return out;
  }

  private static boolean hasFloatArrays(Object[] args, int[] wrt) {
    for (int p : wrt) {
      if (args[p] instanceof float[] || args[p] instanceof float[][]) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code out} (already a copy) moved by {@code step * v}, any mix of scalars, arrays and matrices
   * of double and float; {@code onlyNonzero} leaves coordinates where v is zero untouched (a float
   * coordinate moved by zero is still itself).
   */
  private static Object[] floatShifted(
      Object[] out, int[] wrt, double[] v, double step, boolean onlyNonzero) {
    int k = 0;
    for (int p : wrt) {
      Object[] rows = out[p] instanceof Object[] m ? m : new Object[] {out[p]};
      if (!out[p].getClass().isArray()) {
        if (!onlyNonzero || v[k] != 0) {
          out[p] =
              out[p] instanceof Float f
                  ? (Object) (float) (f + step * v[k])
                  : (Object) ((double) out[p] + step * v[k]);
        }
        k++;
        continue;
      }
      for (Object row : rows) {
        if (row instanceof float[] a) {
          for (int j = 0; j < a.length; j++, k++) {
            if (!onlyNonzero || v[k] != 0) {
              a[j] = (float) (a[j] + step * v[k]);
            }
          }
        } else {
          double[] a = (double[]) row;
          for (int j = 0; j < a.length; j++, k++) {
            if (!onlyNonzero || v[k] != 0) {
              a[j] += step * v[k];
            }
          }
        }
      }
    }
    return out;
  }

  /** The value of flat coordinate k. */
  private static double coordinate(Object[] args, int[] wrt, int k) {
    if (hasFloatArrays(args, wrt)) {
      int at = 0;
      for (int p : wrt) {
        Object[] rows =
            args[p] instanceof Object[] m
                ? m
                : args[p].getClass().isArray() ? new Object[] {args[p]} : null;
        if (rows == null) {
          if (k == at) {
            return ((Number) args[p]).doubleValue();
          }
          at++;
          continue;
        }
        for (Object row : rows) {
          int n = java.lang.reflect.Array.getLength(row);
          if (k < at + n) {
            return ((Number) java.lang.reflect.Array.get(row, k - at)).doubleValue();
          }
          at += n;
        }
      }
      throw new IndexOutOfBoundsException("flat coordinate " + k + " of " + at);
    }
    int at = 0;
    for (int p : wrt) {
      if (args[p] instanceof double[][] m) {
        for (double[] row : m) {
          if (k < at + row.length) {
            return row[k - at];
          }
          at += row.length;
        }
      } else if (args[p] instanceof double[] a) {
        if (k < at + a.length) {
          return a[k - at];
        }
        at += a.length;
      } else {
        if (k == at) {
          return ((Number) args[p]).doubleValue();
        }
        at++;
      }
    }
    throw new IndexOutOfBoundsException("flat coordinate " + k + " of " + at);
  }
}
