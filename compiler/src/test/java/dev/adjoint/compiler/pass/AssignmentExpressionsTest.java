package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.testing.Sources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Assignments, compound assignments and increments used as values, in Java's evaluation order:
 * every mode is checked by the oracle (at awkward points first: zeros, equal values), and the value
 * of the lowered method is compared bit for bit with the same source compiled by javac.
 */
class AssignmentExpressionsTest {

  /**
   * Checks {@code source} (calling {@code helpers}) at the {@code awkward} points, then at random
   * ones: gradient, tangent, Hessian-vector product and Hessian by the oracle, and the primal and
   * gradient values against Java's exactly.
   */
  private static void check(
      String source, List<Object[]> awkward, GradientOracle.Args random, String... helpers) {
    List<Object[]> fixed = new ArrayList<>(awkward);
    GradientOracle.Args points =
        r -> fixed.isEmpty() ? random.make(r) : GradientOracle.copy(fixed.remove(0));
    Function gradient = GradientOracle.checkWith(source, points, helpers);
    Lowered lowered = Sources.lowerWith(source, helpers);
    Function primal = lowered.function();
    List<String> all = new ArrayList<>(List.of(source));
    all.addAll(List.of(helpers));
    JavaOracle java = new JavaOracle(all.toArray(String[]::new));
    List<Object[]> exact = new ArrayList<>(awkward);
    Random r = new Random(7);
    for (int k = 0; k < 6; k++) {
      exact.add(random.make(r));
    }
    for (Object[] a : exact) {
      double expected = java.call(primal.name(), a);
      double value = (double) Interpreter.run(primal, GradientOracle.copy(a));
      int n = GradientOracle.flatSize(a, lowered.wrt(), primal.params());
      double generated =
          (double)
              Interpreter.run(
                  gradient, GradientOracle.append(GradientOracle.copy(a), new double[n]));
      String at = Arrays.deepToString(a) + "\n" + Printer.function(primal);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value), at);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(generated), at);
    }
  }

  private static Object[] at(Object... values) {
    return values;
  }

  private static final String NEXT = "static int next(int k) { return k / 2; }";

  /**
   * The lowered code keeps the user's names and adds a local only where Java's order needs one: a
   * chain is plain assignments, an element written and read again is read back, an index with an
   * increment keeps the old index, and an operand changed by a later assignment is kept first.
   */
  @Test
  void temporariesOnlyWhereTheOrderNeedsThem() {
    String text =
        Printer.function(
            Sources.lower(
                    """
                    static double f(double x, double[] a, int i) {
                        double y;
                        double z = y = 0;
                        double s = 0;
                        s += (a[i] *= 2) * a[i];
                        a[i++] = x;
                        z = x + (x = z);
                        return s + y + z;
                    }
                    """)
                .function());
    assertEquals(
        """
        double f(double x, double[] a, int i) {
          double y;
          y = 0;
          double z = 0.0;
          double s = 0;
          a[i] *= 2;
          s += a[i] * a[i];
          int iOld = i;
          i += 1;
          a[iOld] = x;
          double xOld = x;
          x = z;
          z = xOld + z;
          return s + y + z;
        }
        """,
        text);
  }

  /**
   * A helper with locals inside a branch Java does not evaluate: its statements must not run (here
   * they would read past the array), in a {@code ?:} branch and on the right of {@code &&}.
   */
  @Test
  void helperStatementsRunOnlyInTheBranchJavaEvaluates() {
    check(
        """
        static double f(double[] a, double x, int i) {
            double v = i < a.length ? squareAt(a, i) * x : x;
            boolean big = i < a.length && squareAt(a, i) > 0.5;
            return big ? v + x * x : v;
        }
        """,
        List.of(at(new double[] {0.5, -1.0}, 0.0, 2), at(new double[] {0.5, -1.0}, 1.5, 1)),
        r -> at(new double[] {r.nextDouble(), r.nextDouble()}, r.nextDouble(), r.nextInt(3)),
        """
        static double squareAt(double[] a, int i) {
            double e = a[i];
            return e * e;
        }
        """);
  }

  /**
   * A char local (declared {@code char}, or a {@code var} Java types as one) is an int in the IR;
   * its increments and compound assignments wrap as Java's.
   */
  @Test
  void charLocalsWrapAsJavaDoes() {
    check(
        """
        static double f(double x, int n) {
            char c = 'a';
            c += n;
            c++;
            char d = 0;
            d--;
            char e = 'z';
            e *= 1000.5;
            var f = (char) n;
            f += 70000;
            var g = f;
            g--;
            return x * c + d * 1e-5 + e + (c++ + --d) * x + f * 1e-3 + g;
        }
        """,
        List.of(at(0.0, 65438), at(1.5, 65439), at(-0.5, 0)),
        r -> at(r.nextDouble(), r.nextInt(70000) - 1000));
  }

  /** A product repeated in two guarded branches is not computed before the guard. */
  @Test
  void repeatedBranchProductsStayBehindTheirGuard() {
    check(
        """
        static double f(double[] a, double x, int i) {
            double y = i < a.length ? a[i] * x : x;
            double z = i < a.length ? a[i] * x + 1 : 1;
            return y * z;
        }
        """,
        List.of(at(new double[] {0.5, -1.0}, 0.0, 2), at(new double[] {0.5, -1.0}, 1.5, 1)),
        r -> at(new double[] {r.nextDouble(), r.nextDouble()}, r.nextDouble(), r.nextInt(3)));
  }

  @Test
  void assignmentInWhileAndIfConditions() {
    check(
        """
        static double f(double x, double y, int n) {
            int k = n;
            double s = 0;
            while ((k = next(k)) > 0) {
                s += x * k + y;
            }
            double t;
            if ((t = x * y) > 1) {
                s += t * t;
            } else {
                s -= t;
            }
            return s + t;
        }
        """,
        List.of(at(0.0, 0.0, 9), at(0.0, 1.5, 0), at(-1.0, 0.0, 1)),
        r -> at(uniform(r, -2, 2), uniform(r, -2, 2), r.nextInt(40)),
        NEXT);
  }

  @Test
  void assignmentsInForConditionsUpdatesAndDoWhile() {
    check(
        """
        static double f(double x, double y, int n) {
            double s = 1;
            double u;
            int i;
            int j = n;
            for (i = 0; (u = s * x) < 50 && i < j; i++, s = u + (j = j - 1) * y) {
                s += u * 0.5;
            }
            double w = y;
            int m = 0;
            do {
                w = w * x + 1;
            } while ((m += 2) < n);
            return s + u + w * m + i + j;
        }
        """,
        List.of(at(0.0, 0.0, 4), at(1.0, 0.0, 0), at(0.0, 2.0, 1)),
        r -> at(uniform(r, -1.5, 1.5), uniform(r, -1, 1), r.nextInt(8)));
  }

  /**
   * A condition with effects is evaluated on every iteration, also after a continue (do/while) and
   * also when the for loop looks counted but its bound assigns.
   */
  @Test
  void conditionsWithEffectsAreEvaluatedEveryIteration() {
    check(
        """
        static double f(double x, int n) {
            double s = 0;
            int m = n + 3;
            for (int i = 0; i < (m = m - 1); i++) {
                s += x * i;
            }
            int k = n;
            do {
                if (k % 2 == 0) {
                    s *= 0.5;
                    continue;
                }
                s += x * x;
            } while (k-- > 0);
            int c = 0;
            do {
                s = s * x + c;
            } while ((c += 1) < 3 && (s = s * 0.5) < 100);
            return s + m + k;
        }
        """,
        List.of(at(0.0, 0), at(1.0, 5)), r -> at(uniform(r, -1.5, 1.5), r.nextInt(7)));
  }

  @Test
  void compoundAssignmentToAnElementUsedAsAValue() {
    check(
        """
        static double f(double[] a, double x) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += (a[i] *= 2) * a[i];
                s += (a[i] -= x) / (1 + a[i] * a[i]);
            }
            return s + a[0];
        }
        """,
        List.of(at(new double[] {0, 0, 1}, 0.0), at(new double[] {1, 1}, 2.0)),
        r -> at(vector(r, 1 + r.nextInt(4), -1, 1), uniform(r, -1, 1)));
  }

  @Test
  void chainedAssignmentsOfAnyDepth() {
    check(
        """
        static double f(double x, double y, double z) {
            double a;
            double b;
            double c;
            double d;
            a = b = 0;
            a = b += z * x;
            a = b = c = d = x * y + a;
            c += d *= b -= a = y;
            return a + b * c + d * x;
        }
        """,
        List.of(at(0.0, 0.0, 0.0), at(1.0, 1.0, 1.0), at(0.0, 2.0, -1.0)),
        r -> at(uniform(r, -2, 2), uniform(r, -2, 2), uniform(r, -2, 2)));
  }

  @Test
  void indexExpressionsWithSideEffects() {
    check(
        """
        static double f(double[] v, double w, int n) {
            double[] a = new double[2 * v.length + 2];
            int i = 0;
            for (double e : v) {
                a[i++] = e;
                a[i++] += e * w;
            }
            int j = i - 1;
            int k = 0;
            double s = 0;
            while (j >= 0) {
                a[k++] = a[j--] * w;
                s = a[i++ % a.length];
                s += a[j + 1] * s;
            }
            return s + a[0] * a[k - 1] + a[n % a.length];
        }
        """,
        List.of(at(new double[] {0, 0}, 0.0, 0), at(new double[] {1}, 1.0, 3)),
        r -> at(vector(r, 1 + r.nextInt(4), -1, 1), uniform(r, -1.5, 1.5), r.nextInt(6)));
  }

  @Test
  void matrixElementsAssignedInsideExpressions() {
    check(
        """
        static double f(double[][] m, double x) {
            double s = 0;
            for (int k = 0; k < m.length; k++) {
                int j = 0;
                while (j < m[k].length) {
                    m[k][j] += m[k][j];
                    s += m[k][j++] *= x;
                }
            }
            int i = 0;
            int j = 0;
            m[i][j++] *= 2;
            return s + m[0][0] * m[0][j];
        }
        """,
        List.of(at(new double[][] {{0, 0}, {1, 0}}, 0.0), at(new double[][] {{1, 1}}, 1.0)),
        r -> {
          double[][] m = new double[1 + r.nextInt(3)][];
          for (int k = 0; k < m.length; k++) {
            m[k] = vector(r, 2 + r.nextInt(2), -1, 1);
          }
          return at(m, uniform(r, -1.5, 1.5));
        });
  }

  @Test
  void incrementsOfElementsUsedAsValues() {
    check(
        """
        static double f(double[] a, double x, int[] c) {
            double s = ++a[0] * x;
            s += a[0]-- * a[0];
            s -= --a[1] + a[1]++ * x;
            int k = c[0]++ + ++c[1];
            return s * (k + c[0] * c[1]) + a[1];
        }
        """,
        List.of(
            at(new double[] {0, 0}, 0.0, new int[] {0, 0}),
            at(new double[] {-1, 1}, 1.0, new int[] {3, -4})),
        r -> at(vector(r, 2, -1, 1), uniform(r, -2, 2), new int[] {r.nextInt(5), r.nextInt(5)}));
  }

  @Test
  void assignmentsInsideCallArgumentsBranchesAndLogicalOperands() {
    check(
        """
        static double f(double x, double y) {
            double t = 0;
            double u = 1;
            double s = Math.sin(t = x * y) + t;
            s += sq(u = x + 1, u) + Math.max(u, u = y);
            s += x > 0 ? (t = x * x) : (u += y);
            s += t * u;
            if (x > 0.5 && (t = x * y) > 0.1 || (u = y - x) < 0) {
                s += t;
            }
            double[] w = {t = x, t += y, t * 2, u++};
            return s + w[0] * w[1] + w[2] * w[3] + u;
        }
        """,
        List.of(at(1.0, 0.0), at(-1.0, 0.5), at(0.75, 0.75), at(-0.5, -1.0)),
        r -> at(uniform(r, -2, 2), uniform(r, -2, 2)),
        "static double sq(double a, double b) { return a * b; }");
  }

  @Test
  void assignmentInsideReturnAndHelperBodies() {
    check(
        """
        static double f(double x, double y) {
            double s = 1;
            for (int i = 0; i < 3; i++) {
                s = scaled(s, x) + (s = y);
            }
            return s = s * x + (s *= y);
        }
        """,
        List.of(at(0.0, 0.0), at(1.0, -1.0)),
        r -> at(uniform(r, -2, 2), uniform(r, -2, 2)),
        "static double scaled(double s, double x) { double t; return (t = s * x) + (s += t); }");
  }

  @Test
  void evaluationOrderOfOperandsChangedLater() {
    check(
        """
        static double f(double x, double y, double[] a, int i) {
            double s = (x = 2 * y) + (x = 3 * x);
            s += x + (x = y);
            x += (x = s) * 2;
            int j = i;
            s += a[j] * (j + j++) + a[j % a.length];
            j = 0;
            a[j] = j++;
            s += a[0] + (a[0] = y) * a[0] + j;
            a[j] = (j = 0) + x;
            return s + x * a[1] + a[0];
        }
        """,
        List.of(at(0.0, 0.0, new double[] {0, 0}, 0), at(1.0, 2.0, new double[] {1, -1}, 1)),
        r -> at(uniform(r, -2, 2), uniform(r, -2, 2), vector(r, 2, -1, 1), r.nextInt(2)));
  }

  @Test
  void compoundAssignmentNarrowsImplicitly() {
    check(
        """
        static double f(double x, int n) {
            float g = 1.25f;
            float h = 1.5f;
            g += n * 0.1;
            double s = (g += n / 3.0) * (h *= g) * x;
            int k = n;
            s += (k += 1.5) * x + (k *= 2.5) + (k -= 2.75) * x;
            long m = 3;
            s += (m *= 1.75) * x + (m /= 0.3);
            return s + g * h + k;
        }
        """,
        List.of(at(0.0, 0), at(1.0, 3)),
        r -> at(uniform(r, -2, 2), r.nextInt(10)));
  }
}
