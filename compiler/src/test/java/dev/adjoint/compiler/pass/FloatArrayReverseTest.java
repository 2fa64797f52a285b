package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.testing.FloatTwins.awkward;
import static dev.adjoint.compiler.testing.FloatTwins.widen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Verifier;
import dev.adjoint.compiler.testing.Sources;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * float[] and float[][] parameters and locals, and float results, in every mode. The oracle is the
 * same method written with double: {@link GradientOracle} checks it against central differences,
 * and the float method's gradient, tangent, Hessian-vector product and Hessian must agree with the
 * double method's to float precision, at random points and at awkward ones (zeros, ties). The float
 * method's value must be the primal's bit for bit in every mode that returns it.
 */
class FloatArrayReverseTest {

  @Test
  void floatArrayParameterWithLocalsCompoundWritesAndEnhancedFor() {
    check(
        """
        static double f(float[] x, float w, @NoDerivative int n) {
            float[] y = new float[x.length];
            float[] copy = x.clone();
            float[] alias = copy;
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * w + 0.5f;
                y[i] += alias[i] * alias[i];
                y[i] *= (float) Math.sin(x[i]);
                y[i] -= 0.125 * x[i]; // narrows to float, as Java's compound assignment does
            }
            float s = 0;
            for (float v : y) {
                s += v * v;
            }
            double mixed = 0;
            for (double v : x) {
                mixed += v * 0.25;
            }
            return s + mixed * w + Math.max(x[0], w) + Math.abs(x[n]);
        }
        """,
        r -> new Object[] {floats(r, 4), flt(r), 1});
  }

  @Test
  void floatMatrixParameterWithRowAliasesAndLocalMatrix() {
    check(
        """
        static double f(float[][] m, float[] b) {
            float[][] p = new float[m.length][b.length];
            for (int i = 0; i < m.length; i++) {
                float[] row = m[i];
                for (int j = 0; j < b.length; j++) {
                    p[i][j] = row[j] * b[j];
                    p[i][j] -= 0.5f * row[j];
                }
            }
            float s = 0;
            for (float[] row : p) {
                for (float v : row) {
                    s += v * v;
                }
            }
            float[][] q = {{1, 2}, {3, 4}};
            return s + q[1][0] * m[0][1] + m.length;
        }
        """,
        r -> new Object[] {new float[][] {floats(r, 2), floats(r, 2), floats(r, 2)}, floats(r, 2)});
  }

  @Test
  void floatDataWithDoubleParametersAndMixedPromotion() {
    check(
        """
        static double f(double a, double c, @NoDerivative float[] x, @NoDerivative float[] y) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double r = a * x[i] + c - y[i];
                float rf = (float) r;
                sum += rf * rf + r * x[i];
            }
            return sum;
        }
        """,
        r -> new Object[] {r.nextGaussian(), r.nextGaussian(), floats(r, 5), floats(r, 5)});
  }

  @Test
  void floatResultWithWritesIntoAParameterArray() {
    check(
        """
        static float f(float[] x, float t) {
            for (int k = 1; k < x.length; k++) {
                x[k] = x[k - 1] * t + x[k];
            }
            float s = 0;
            for (int k = 0; k < x.length; k++) {
                s += x[k] * x[k] / (1 + t * t);
            }
            return s;
        }
        """,
        r -> new Object[] {floats(r, 4), flt(r)});
  }

  @Test
  void floatBuffersExchangedByReference() {
    check(
        """
        static float f(float[] x, float t) {
            float[] cur = x.clone();
            float[] nxt = new float[x.length];
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < cur.length; i++) {
                    nxt[i] = cur[i] * t + cur[(i + 1) % cur.length] * 0.5f;
                }
                float[] swap = cur;
                cur = nxt;
                nxt = swap;
            }
            return cur[0] * cur[0] + nxt[cur.length - 1];
        }
        """,
        r -> new Object[] {floats(r, 4), flt(r)});
  }

  @Test
  void helpersTakingAndReturningFloatArraysAreInlined() {
    check(
        """
        static float f(float[] x, float[] y) {
            float[] d = difference(x, y);
            scale(d, 0.5f);
            return dot(d, d) + dot(x, y);
        }
        """,
        r -> new Object[] {floats(r, 3), floats(r, 3)},
        """
        static float dot(float[] a, float[] b) {
            float s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }
        """,
        """
        static float[] difference(float[] a, float[] b) {
            float[] d = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] - b[i];
            }
            return d;
        }
        """,
        """
        static void scale(float[] a, float k) {
            for (int i = 0; i < a.length; i++) {
                a[i] *= k;
            }
        }
        """);
  }

  @Test
  void floatAdjointsHaveTheFloatTypeAndParametersAccumulateInTheGradient() {
    Lowered l =
        Sources.lower(
            """
            static float f(float[] x) {
                float[] y = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] * x[i];
                }
                float s = 0;
                for (int i = 0; i < y.length; i++) {
                    s += y[i] * x[i];
                }
                return s;
            }
            """);
    Function g = Pipeline.naiveGradient(l.function(), l.wrt());
    String text = Printer.function(g);
    assertTrue(text.contains("float[] yBar = new float[y.length]"), text);
    assertTrue(text.contains("float sBar"), text);
    assertTrue(text.startsWith("float fValueAndGradient(float[] x, double[] gradient)"), text);
  }

  // ------------------------------------------------------------------------------------ oracle

  private static final int POINTS = 6;

  /**
   * Checks {@code floatSource} in every mode against its double twin, which {@link GradientOracle}
   * checks against central differences; odd points are awkward (elements from {0, ±½, ±1, 2}).
   */
  private static void check(String floatSource, GradientOracle.Args floatArgs, String... helpers) {
    String doubleSource = twin(floatSource);
    String[] doubleHelpers = Arrays.stream(helpers).map(h -> twin(h)).toArray(String[]::new);
    GradientOracle.check(
        Sources.lowerWith(doubleSource, doubleHelpers), r -> widen(floatArgs.make(r)), 1e-6);
    Modes fm = Modes.of(Sources.lowerWith(floatSource, helpers));
    Modes dm = Modes.of(Sources.lowerWith(doubleSource, doubleHelpers));
    Random random = new Random(7);
    for (int point = 0; point < POINTS; point++) {
      Object[] a = floatArgs.make(random);
      if (point % 2 == 1) {
        awkward(a, random, false);
      }
      compare(fm, dm, a, random);
    }
  }

  /** The same source written with double. */
  private static String twin(String floatSource) {
    return floatSource.replace("float", "double").replaceAll("(\\d+(\\.\\d+)?)f\\b", "$1");
  }

  private static void compare(Modes fm, Modes dm, Object[] a, Random random) {
    Object value = Interpreter.run(fm.primal, GradientOracle.copy(a));
    int n = GradientOracle.flatSize(a, fm.wrt.wrt(), fm.primal.params());
    double[] g = new double[n];
    Arrays.fill(g, Double.NaN);
    Object gv = Interpreter.run(fm.gradient, GradientOracle.append(GradientOracle.copy(a), g));
    assertEquals(value, gv, "value differs from the primal's\n" + Printer.function(fm.gradient));
    double[] naive = GradientOracle.gradientAt(fm.naive, a, fm.wrt.wrt(), fm.primal);
    double[] dg = GradientOracle.gradientAt(dm.gradient, widen(a), dm.wrt.wrt(), dm.primal);
    double scale = scale(dg);
    close("gradient", g, dg, 1e-4 * scale, fm.gradient);
    close("clean-up changed the gradient", g, naive, 1e-5 * scale, fm.gradient);
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = random.nextGaussian();
    }
    double t =
        (double) Interpreter.run(fm.tangent, GradientOracle.append(GradientOracle.copy(a), v));
    double dot = 0;
    for (int k = 0; k < n; k++) {
      dot += dg[k] * v[k];
    }
    close("tangent", new double[] {t}, new double[] {dot}, 1e-4 * scale * n, fm.tangent);
    double[] hv = new double[n];
    Object hvValue =
        Interpreter.run(
            fm.hessianVector,
            GradientOracle.append(
                GradientOracle.append(
                    GradientOracle.append(GradientOracle.copy(a), new double[n]), v.clone()),
                hv));
    assertEquals(value, hvValue, "Hessian-vector value differs from the primal's");
    double[] dhv = new double[n];
    Interpreter.run(
        dm.hessianVector,
        GradientOracle.append(
            GradientOracle.append(GradientOracle.append(widen(a), new double[n]), v.clone()), dhv));
    close("Hessian-vector product", hv, dhv, 1e-4 * scale(dhv) * n, fm.hessianVector);
    double[][] rows = hessian(fm, a, n, value);
    double[][] drows = hessian(dm, widen(a), n, null);
    for (int k = 0; k < n; k++) {
      close("Hessian row " + k, rows[k], drows[k], 1e-4 * scale(drows[k]) * n, fm.hessian);
    }
  }

  /** The Hessian, unrolled or row by row; {@code value}, if given, must be what it returns. */
  private static double[][] hessian(Modes m, Object[] a, int n, Object value) {
    double[][] rows = new double[n][n];
    double[] g = new double[n];
    if (m.hessian.signature().has(dev.adjoint.compiler.ir.Signature.Role.HESSIAN)) {
      Object hValue =
          Interpreter.run(
              m.hessian,
              GradientOracle.append(GradientOracle.append(GradientOracle.copy(a), g), rows));
      if (value != null) {
        assertEquals(value, hValue, "Hessian value differs from the primal's");
      }
      return rows;
    }
    for (int k = 0; k < n; k++) {
      Object hValue =
          Interpreter.run(
              m.hessian,
              GradientOracle.append(
                  GradientOracle.append(GradientOracle.append(GradientOracle.copy(a), k), g),
                  rows[k]));
      if (value != null) {
        assertEquals(value, hValue, "Hessian row value differs from the primal's");
      }
    }
    return rows;
  }

  private static void close(String what, double[] got, double[] want, double tol, Function f) {
    for (int k = 0; k < want.length; k++) {
      if (!(Math.abs(got[k] - want[k]) <= tol)) {
        fail(
            what
                + "["
                + k
                + "] = "
                + got[k]
                + " but the double method gives "
                + want[k]
                + "\n"
                + Printer.function(f));
      }
    }
  }

  private static double scale(double[] v) {
    double s = 1;
    for (double x : v) {
      s = Math.max(s, Math.abs(x));
    }
    return s;
  }

  /** The functions of every mode of one method. */
  private record Modes(
      Function primal,
      Lowered wrt,
      Function gradient,
      Function naive,
      Function tangent,
      Function hessianVector,
      Function hessian) {
    static Modes of(Lowered l) {
      assertTrue(!l.diagnostics().hasErrors(), l.diagnostics().all().toString());
      Function primal = l.function();
      Function hv = Pipeline.hessianVector(primal, l.wrt());
      Modes m =
          new Modes(
              primal,
              l,
              Pipeline.gradient(primal, l.wrt()),
              Pipeline.naiveGradient(primal, l.wrt()),
              Pipeline.tangent(primal, l.wrt()),
              hv,
              Pipeline.hessian(primal, l.wrt(), hv));
      for (Function f :
          new Function[] {m.gradient, m.naive, m.tangent, m.hessianVector, m.hessian}) {
        Verifier.check(f);
      }
      return m;
    }
  }

  // ------------------------------------------------------------------------------------ points

  private static float flt(Random r) {
    return (float) (0.5 + r.nextDouble());
  }

  private static float[] floats(Random r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian());
    }
    return x;
  }
}
