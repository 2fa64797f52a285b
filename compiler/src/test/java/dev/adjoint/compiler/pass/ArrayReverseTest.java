package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import org.junit.jupiter.api.Test;

/** Local arrays and writes into arrays, in reverse mode, against central differences. */
class ArrayReverseTest {

  @Test
  void localArrayWrittenOnceThenRead() {
    check(
        """
        static double f(double a, double[] x) {
            double[] h = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                h[i] = Math.tanh(a * x[i]);
            }
            double s = 0;
            for (int i = 0; i < h.length; i++) {
                s += h[i] * h[i] * x[i];
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, -1, 1), vector(r, 5, -1, 1)});
  }

  @Test
  void prefixSumsInPlace() {
    check(
        """
        static double f(double[] x) {
            double[] p = x.clone();
            for (int i = 1; i < p.length; i++) {
                p[i] += p[i - 1];
            }
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s += p[i] * p[i] * (i + 1);
            }
            return s;
        }
        """,
        r -> new Object[] {vector(r, 6, -1, 1)});
  }

  @Test
  void timeSteppingStateVectorUpdatedInPlace() {
    check(
        """
        static double oscillator(double k, double c, @NoDerivative double[] observed) {
            double[] s = {1.0, 0.0};
            double dt = 0.01;
            double loss = 0;
            for (int t = 0; t < observed.length; t++) {
                double x = s[0];
                double v = s[1];
                double a = -k * x - c * v;
                s[0] = x + dt * v;
                s[1] = v + dt * a;
                loss += (s[0] - observed[t]) * (s[0] - observed[t]);
            }
            return loss;
        }
        """,
        r -> new Object[] {uniform(r, 1, 3), uniform(r, 0.1, 0.5), vector(r, 30, -1, 1)});
  }

  @Test
  void trajectoryArrayStepFromPrevious() {
    check(
        """
        static double f(double a, double x0, int n) {
            double[] x = new double[n + 1];
            x[0] = x0;
            for (int k = 0; k < n; k++) {
                x[k + 1] = x[k] + 0.1 * Math.sin(a * x[k]);
            }
            return x[n] * x[n];
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), uniform(r, 0.5, 1.5), 12});
  }

  @Test
  void overwriteElementNeededLater() {
    check(
        """
        static double f(double[] w, double b) {
            double[] t = new double[3];
            t[0] = w[0] * b;
            double keep = t[0] * t[0];
            t[0] = Math.sin(t[0]) + w[1];
            t[1] = t[0] * w[2];
            t[0] *= t[1];
            return keep + t[0] + t[1];
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), uniform(r, -1, 1)});
  }

  @Test
  void softmaxCrossEntropy() {
    check(
        """
        static double crossEntropy(double[] logits, @NoDerivative int label) {
            double max = logits[0];
            for (int i = 1; i < logits.length; i++) {
                max = Math.max(max, logits[i]);
            }
            double[] e = new double[logits.length];
            double sum = 0;
            for (int i = 0; i < logits.length; i++) {
                e[i] = Math.exp(logits[i] - max);
                sum += e[i];
            }
            return -Math.log(e[label] / sum);
        }
        """,
        r -> new Object[] {vector(r, 4, -2, 2), 2});
  }

  @Test
  void writesIntoBranchesInsideLoops() {
    check(
        """
        static double f(double a, @NoDerivative double[] x) {
            double[] acc = new double[2];
            for (int i = 0; i < x.length; i++) {
                if (x[i] > 0) {
                    acc[0] = acc[0] * a + x[i];
                } else {
                    acc[1] = Math.sin(acc[1] + a * x[i]);
                }
            }
            return acc[0] * acc[1] + acc[0];
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), vector(r, 10, -1, 1)});
  }

  @Test
  void arraycopyFillAndInitialisers() {
    check(
        """
        static double f(double[] x, double s) {
            double[] y = new double[x.length + 2];
            java.util.Arrays.fill(y, s);
            System.arraycopy(x, 0, y, 1, x.length);
            double[] w = {1.0, -2.0, s * s};
            double out = 0;
            for (int i = 0; i < y.length; i++) {
                out += y[i] * y[i] * w[i % 3];
            }
            return out;
        }
        """,
        r -> new Object[] {vector(r, 4, -1, 1), uniform(r, -1, 1)});
  }

  @Test
  void writesIntoParameterArrayAndIntArrays() {
    check(
        """
        static double f(double[] x, @NoDerivative int[] order) {
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] * x[i];
            }
            int[] count = new int[1];
            double s = 0;
            for (int i = 0; i < order.length; i++) {
                s += x[order[i]] * (count[0] + 1);
                count[0]++;
            }
            return s;
        }
        """,
        r -> new Object[] {vector(r, 3, -1, 1), new int[] {2, 0, 1, 2}});
  }

  @Test
  void aliasOfLocalArray() {
    check(
        """
        static double f(double a) {
            double[] u = new double[2];
            double[] v = u;
            v[0] = a * a;
            u[1] = v[0] + a;
            return u[0] * v[1];
        }
        """,
        r -> new Object[] {uniform(r, -1, 1)});
  }

  @Test
  void dataArrayOverwrittenWithDifferentiatedValues() {
    check(
        """
        static double f(double a, @NoDerivative double[] work, @NoDerivative double scale) {
            for (int i = 0; i < work.length; i++) {
                work[i] = work[i] * a;
            }
            scale = scale * a;
            double s = 0;
            for (int i = 0; i < work.length; i++) {
                s += Math.sin(work[i]) * scale;
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 1.5), vector(r, 4, -1, 1), uniform(r, 0.5, 1.5)});
  }
}
