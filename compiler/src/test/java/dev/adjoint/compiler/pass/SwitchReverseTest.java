package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import dev.adjoint.compiler.frontend.DataType;
import dev.adjoint.compiler.testing.Sources;
import java.util.List;
import java.util.Map;
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

  /** An enum the tests pass as data, standing for a user's enum resolved by javac. */
  enum Kind {
    RELU,
    TANH,
    LINEAR
  }

  private static final Map<String, DataType> KIND =
      Map.of(
          "kind",
          new DataType(
              "dev.adjoint.compiler.pass.SwitchReverseTest.Kind",
              "SwitchReverseTest.Kind",
              true,
              List.of("RELU", "TANH", "LINEAR")));

  @Test
  void charSelectorWithCharLabelsFromAParameterAndAnArrayElement() {
    for (char c : new char[] {'a', 'b', 'z', '\n'}) {
      check(
          """
          static double f(double x, double y, char op, @NoDerivative char[] ops) {
              double s = switch (op) {
                  case 'a' -> x + y;
                  case 'b', 'c' -> x * y;
                  case '\\n' -> Math.exp(x - y);
                  default -> x / y + op;
              };
              for (int i = 0; i < ops.length; i++) {
                  char o = ops[i];
                  switch (o) {
                      case 'm': s = s * x; break;
                      case 'p': s = s + y;
                      default: s = s - (o - 'a') * 0.01 * x;
                  }
              }
              return s;
          }
          """,
          r ->
              new Object[] {
                uniform(r, 0.5, 2), uniform(r, -2, -0.5), (int) c, new int[] {'m', 'p', 'q', 'm'}
              });
    }
  }

  @Test
  void castToCharNarrowsAsJavaDoes() {
    for (int k : new int[] {97, -1, 65536 + 98, 70000}) {
      check(
          """
          static double f(double x, int k) {
              char c = (char) k;
              switch (c) {
                  case 'a': return x * x;
                  case 'b': return x * 3;
                  case 65535: return -x;
                  default: return c * x;
              }
          }
          """,
          r -> new Object[] {uniform(r, 0.5, 2), k});
    }
  }

  @Test
  void stringSelectorEveryCaseAndDefault() {
    for (String mode : new String[] {"relu", "tanh", "square", "cube", "other", ""}) {
      check(
          """
          static double f(double x, double y, @NoDerivative String mode) {
              double s;
              switch (mode) {
                  case "relu":
                      s = Math.max(x * y, 0.0);
                      break;
                  case "tanh":
                      s = Math.tanh(x * y);
                      break;
                  case "square", "cube":
                      s = x * x * y;
                      if (mode.equals("cube")) {
                          s = s * x;
                      }
                      break;
                  default:
                      s = x + y;
              }
              return s;
          }
          """,
          r -> new Object[] {uniform(r, 0.5, 2), uniform(r, -2, 2), mode});
    }
  }

  @Test
  void stringSwitchExpressionAtAnExactTie() {
    for (String mode : new String[] {"max", "min", "abs"}) {
      check(
          """
          static double f(double x, String mode) {
              final String m = mode;
              return switch (m) {
                  case "max" -> Math.max(x, x);
                  case "min" -> Math.min(x - x, 0.0) + x;
                  default -> "abs".equals(mode) ? Math.abs(x - x) : x;
              };
          }
          """,
          r -> new Object[] {uniform(r, 0.5, 2), mode});
    }
  }

  @Test
  void enumSelectorExhaustiveSwitchExpressionAndComparisons() {
    for (Kind kind : Kind.values()) {
      check(
          Sources.lower(
              """
              static double f(double x, double y, Kind kind) {
                  double a = switch (kind) {
                      case RELU -> Math.max(x, 0.0);
                      case TANH -> Math.tanh(x);
                      case LINEAR -> x;
                  };
                  if (kind == Kind.RELU || kind != Kind.LINEAR) {
                      a = a * y;
                  }
                  return a * a;
              }
              """,
              KIND),
          r -> new Object[] {uniform(r, -2, 2), uniform(r, 0.5, 2), kind},
          1e-6);
    }
  }

  @Test
  void localDeclaredInOneCaseIsUsedInALaterOne() {
    everyBranch(
        """
        static double f(double x, double y, int k) {
            double s = 0;
            switch (k) {
                case 0:
                    double t = x * y;
                    int n = 2;
                    s = t * n;
                case 1:
                    t = Math.sin(x);
                    n = 3;
                    s += t * n * y;
                    break;
                default:
                    t = y;
                    s = t * t;
            }
            return s;
        }
        """,
        -1,
        2);
  }
}
