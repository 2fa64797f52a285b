package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import org.junit.jupiter.api.Test;

/**
 * switch statements and expressions (every form Java 17 has for an int selector), checked in every
 * mode by the oracle at points where the selector takes each branch, the default included.
 */
class SwitchReverseTest {

  /** Checks {@code source(double x, double y, int k)} for every k in [from, to]. */
  private static void everyBranch(String source, int from, int to) {
    for (int k = from; k <= to; k++) {
      int key = k;
      check(source, r -> new Object[] {uniform(r, 0.5, 2), uniform(r, -2, -0.5), key});
    }
  }

  @Test
  void classicWithBreaksAndDefault() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            double s = 0;
            switch (k) {
                case 0:
                    s = x * y;
                    break;
                case 1:
                    s = Math.sin(x) + y;
                    break;
                default:
                    s = x / y;
            }
            return s * x;
        }
        """,
        -1,
        2);
  }

  @Test
  void fallthroughAndDefaultInTheMiddle() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            double s = x;
            switch (k) {
                case 0:
                    s = s * y;
                case 1:
                    s = s + Math.exp(x);
                    break;
                default:
                    s = s * s;
                case 2:
                case 3:
                    s = s - y * x;
                case 4:
                    s = s / y;
            }
            return s;
        }
        """,
        -1,
        5);
  }

  @Test
  void severalLabelsPerCaseAndArrowForm() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            double s = 1;
            switch (k) {
                case 0, 1 -> s = x * x;
                case 2 -> {
                    double t = Math.log(x);
                    s = t * y;
                }
                default -> s = y;
            }
            return s + x;
        }
        """,
        -1,
        3);
  }

  @Test
  void switchExpressionWithArrowsAndYield() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            double s = switch (k + 1) {
                case 1 -> x * y;
                case 2, 3 -> {
                    double t = x - y;
                    if (t > 10) {
                        yield t;
                    }
                    yield t * t;
                }
                default -> Math.cos(y);
            };
            int n = switch (k) { case 0 -> 3; default -> 1; };
            return s * n;
        }
        """,
        -1,
        3);
  }

  @Test
  void classicSwitchExpressionWithYield() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            return x * switch (k) {
                case 0:
                case 1:
                    double t = y * y;
                    yield t;
                default:
                    yield x;
            };
        }
        """,
        -1,
        2);
  }

  @Test
  void switchInsideLoopBreakLeavesTheSwitchOnly() {
    check(
        """
        static double f(double a, @NoDerivative double[] w) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                switch (i % 4) {
                    case 0:
                        if (w[i] > 0) {
                            break;
                        }
                        s += a * w[i];
                        break;
                    case 1:
                        s += Math.sin(a * w[i]);
                    case 2:
                        s = s * 0.9;
                        break;
                    default:
                        if (s > 100) {
                            continue;
                        }
                        s += a * a;
                }
                s += 0.1 * a;
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 2), vector(r, 12, -1, 1)});
  }

  @Test
  void returnInsideCases() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            switch (k) {
                case 0:
                    return x * y;
                case 1:
                    if (x > 1) {
                        return x;
                    }
                    break;
                default:
                    y = y * 2;
            }
            return x + y * y;
        }
        """,
        -1,
        2);
  }

  @Test
  void nestedSwitchesWithDifferentActiveValues() {
    for (int k = 0; k <= 2; k++) {
      for (int j = 0; j <= 2; j++) {
        int key = k;
        int inner = j;
        check(
            """
            static double f(double x, double y, double z, int k, int j) {
                double s = 0;
                switch (k) {
                    case 0:
                        switch (j) {
                            case 0 -> s = x;
                            case 1 -> s = y * z;
                            default -> { }
                        }
                        s = s + z;
                        break;
                    case 1:
                        s = switch (j) {
                            case 0 -> y;
                            case 1 -> { yield x * x; }
                            default -> z;
                        };
                    default:
                        s += Math.sqrt(x);
                }
                return s;
            }
            """,
            r ->
                new Object[] {
                  uniform(r, 0.5, 2), uniform(r, -2, -0.5), uniform(r, 1, 3), key, inner
                });
      }
    }
  }

  @Test
  void switchAtExactZeroAndTies() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            double s = switch (k) {
                case 0 -> Math.max(x - x, 0.0);
                case 1 -> Math.abs(y - y) + x * 0.0;
                default -> Math.min(x, x) * y;
            };
            return s;
        }
        """,
        0,
        2);
  }

  @Test
  void switchExpressionYieldingIntAndDoubleAndCallingAHelper() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            double s = switch (k) {
                case 0 -> 2;
                case 1 -> k + x * y;
                default -> Math.hypot(x, y) * k;
            };
            return s * x;
        }
        """,
        -1,
        2);
  }

  @Test
  void selectorFromIntArrayElementWrittenInTheBody() {
    check(
        """
        static double f(double x, @NoDerivative int[] kinds) {
            double s = 0;
            for (int i = 0; i < kinds.length; i++) {
                int k = kinds[i];
                switch (k) {
                    case 0: k = 2; s += x;
                    case 1: s += k * x * x; break;
                    default: s -= x;
                }
            }
            return s;
        }
        """,
        r -> new Object[] {uniform(r, 0.5, 2), new int[] {0, 1, 2, 1, 0, -3}});
  }
}
