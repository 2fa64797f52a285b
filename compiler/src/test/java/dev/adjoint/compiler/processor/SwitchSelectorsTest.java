package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.processor.ProcessorHarness.GeneratedClassLoader;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import dev.adjoint.compiler.testing.Differences;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code switch} on {@code char}, {@code String} and enum selectors through javac: the generated
 * methods take the String, enum, {@code char} and {@code char[]} parameters with their own types,
 * compile without warnings under -Xlint:all, and in every mode (value and gradient, gradient
 * record, tangent, Hessian-vector product, Hessian) agree with central differences of the original
 * at points where the selectors take every case, ties included.
 */
class SwitchSelectorsTest {
  private static final String SOURCE =
      """
      package sel;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class S {
        private S() {}

        enum Act { RELU, TANH, LINEAR }

        @Differentiable(order = 2)
        static double f(double x, double y, String mode, @NoDerivative Act act, char op,
                        @NoDerivative char[] ops) {
          double s = switch (mode) {
            case "mul" -> x * y;
            case "add", "plus" -> x + y;
            default -> x * x;
          };
          final Act a = act;
          switch (a) {
            case RELU:
              s = Math.max(s, 0.0);
              break;
            case TANH:
              s = Math.tanh(s);
              break;
            default:
          }
          double t = switch (act) {
            case RELU -> 1;
            case TANH -> y;
            case LINEAR -> x * y;
          };
          switch (op) {
            case '+' -> s += y * y;
            case '*' -> s *= y;
            default -> s -= op * 0.01 * x;
          }
          for (int i = 0; i < ops.length; i++) {
            s = switch (ops[i]) {
              case 'a' -> s + x;
              case 'b' -> s * 0.5;
              default -> s - (ops[i] - 'a') * 0.001 * y;
            };
          }
          if (act == Act.LINEAR && "add".equals(mode)) {
            s = s * s;
          }
          return s * t;
        }
      }
      """;

  @Test
  void everyModeAgreesWithDifferencesForEveryCase() throws Exception {
    Compilation c = compileLinted(Source.of("sel.S", SOURCE));
    assertNoCrash(c);
    assertThat(c).succeeded();
    assertEquals(
        List.of(),
        c.warnings().stream()
            .map(ProcessorHarness::message)
            .filter(m -> !m.startsWith("No processor claimed"))
            .toList(),
        describe(c));
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Class<?> owner = loader.loadClass("sel.S");
    Class<?> d = loader.loadClass("sel.SDerivatives");
    Class<?> act = loader.loadClass("sel.S$Act");
    Class<?>[] params = {double.class, double.class, String.class, act, char.class, char[].class};
    Method f = owner.getDeclaredMethod("f", params);
    f.setAccessible(true);
    Method valueAndGradient =
        d.getDeclaredMethod("fValueAndGradient", with(params, double[].class));
    Method gradient = d.getDeclaredMethod("fGradient", params);
    Method tangent = d.getDeclaredMethod("fTangent", with(params, double[].class));
    Method hessianVector =
        d.getDeclaredMethod(
            "fHessianVector", with(params, double[].class, double[].class, double[].class));
    Method hessian =
        d.getDeclaredMethod("fHessian", with(params, double[].class, double[][].class));
    Random r = new Random(3);
    int points = 0;
    for (String mode : new String[] {"mul", "add", "plus", "other"}) {
      for (Object a : act.getEnumConstants()) {
        for (char op : new char[] {'+', '*', 'z'}) {
          // an exact tie of max(s, 0) at x = 0 in the "mul" mode
          double x = points % 5 == 0 ? 0.0 : 0.3 + r.nextDouble();
          double y = 0.4 + r.nextDouble();
          Object[] args = {x, y, mode, a, op, new char[] {'a', 'b', 'q'}};
          check(f, valueAndGradient, gradient, tangent, hessianVector, hessian, args);
          points++;
        }
      }
    }
    assertEquals(36, points);
  }

  /**
   * An enum of another package, imported by the owner: the generated class (in the owner's package)
   * names it in full.
   */
  @Test
  void enumOfAnotherPackage() throws Exception {
    Compilation c =
        compileLinted(
            Source.of(
                "lib.Mode",
                """
                package lib;

                public enum Mode { SQUARE, CUBE }
                """),
            Source.of(
                "app.M",
                """
                package app;

                import dev.adjoint.Differentiable;
                import lib.Mode;

                public final class M {
                  private M() {}

                  @Differentiable
                  public static double f(double x, Mode mode) {
                    return switch (mode) {
                      case SQUARE -> x * x;
                      case CUBE -> x * x * x;
                    };
                  }
                }
                """));
    assertNoCrash(c);
    assertThat(c).succeeded();
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Class<?> mode = loader.loadClass("lib.Mode");
    Method g =
        loader
            .loadClass("app.MDerivatives")
            .getDeclaredMethod("fValueAndGradient", double.class, mode, double[].class);
    double[] gradient = new double[1];
    Object[] constants = mode.getEnumConstants();
    assertEquals(9.0, (double) g.invoke(null, 3.0, constants[0], gradient));
    assertEquals(6.0, gradient[0]);
    assertEquals(27.0, (double) g.invoke(null, 3.0, constants[1], gradient));
    assertEquals(27.0, gradient[0]);
  }

  /**
   * Null data behaves as in Java, in the original and in the generated code alike: a switch on a
   * null enum or String throws {@code NullPointerException}, {@code "c".equals(s)} and {@code ==}
   * are false.
   */
  @Test
  void nullSelectorsAndComparisonsBehaveAsInJava() throws Exception {
    Compilation c =
        compileLinted(
            Source.of(
                "nul.N",
                """
                package nul;

                import dev.adjoint.Differentiable;

                public final class N {
                  private N() {}

                  enum Kind { A, B }

                  @Differentiable
                  static double onEnum(double x, Kind k) {
                    return switch (k) {
                      case A -> x * x;
                      case B -> x;
                    };
                  }

                  @Differentiable
                  static double onString(double x, String s) {
                    switch (s) {
                      case "a":
                        return x * x;
                      default:
                        return x;
                    }
                  }

                  @Differentiable
                  static double comparisons(double x, String s, Kind k) {
                    double y = "a".equals(s) ? x * x : x;
                    return k == Kind.A ? y * x : y;
                  }
                }
                """));
    assertNoCrash(c);
    assertThat(c).succeeded();
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Class<?> kind = loader.loadClass("nul.N$Kind");
    Class<?> d = loader.loadClass("nul.NDerivatives");
    Method onEnum =
        d.getDeclaredMethod("onEnumValueAndGradient", double.class, kind, double[].class);
    Method onString =
        d.getDeclaredMethod("onStringValueAndGradient", double.class, String.class, double[].class);
    Method comparisons =
        d.getDeclaredMethod(
            "comparisonsValueAndGradient", double.class, String.class, kind, double[].class);
    double[] g = new double[1];
    for (Method m : List.of(onEnum, onString)) {
      InvocationTargetException e =
          assertThrows(InvocationTargetException.class, () -> m.invoke(null, 2.0, null, g));
      assertInstanceOf(NullPointerException.class, e.getCause(), m.getName());
    }
    assertEquals(2.0, (double) comparisons.invoke(null, 2.0, null, null, g));
    assertEquals(1.0, g[0]);
  }

  private static final int[] WRT = {0, 1};

  private static void check(
      Method f,
      Method valueAndGradient,
      Method gradient,
      Method tangent,
      Method hessianVector,
      Method hessian,
      Object[] args)
      throws Exception {
    String at = Arrays.deepToString(args);
    double value = (double) f.invoke(null, args);
    double[] g = new double[2];
    assertEquals(value, (double) valueAndGradient.invoke(null, with(args, g)), 1e-12, at);
    // at the tie x = 0 max(x * y, 0) takes its first argument, the side x > 0: one-sided
    boolean tie = (double) args[0] == 0.0;
    double[] fd =
        tie
            ? forward(f, args)
            : Differences.central(p -> call(f, p), args, WRT, Differences.relative(1e-6));
    for (int k = 0; k < 2; k++) {
      assertEquals(fd[k], g[k], 1e-5 * Math.max(1, Math.abs(fd[k])), "gradient at " + at);
    }
    Object record = gradient.invoke(null, args);
    assertEquals(value, (double) record.getClass().getMethod("value").invoke(record), at);
    assertEquals(g[0], (double) record.getClass().getMethod("x").invoke(record), at);
    assertEquals(g[1], (double) record.getClass().getMethod("y").invoke(record), at);
    double[][] h = new double[2][2];
    double[] hg = new double[2];
    hessian.invoke(null, with(args, hg, h));
    assertTrue(Arrays.equals(g, hg), "the Hessian method's gradient at " + at);
    for (int k = 0; k < 2; k++) {
      double[] e = new double[2];
      e[k] = 1;
      double t = (double) tangent.invoke(null, with(args, e.clone()));
      assertEquals(g[k], t, 1e-12 * Math.max(1, Math.abs(g[k])), "tangent along e" + k + at);
      double[] hv = new double[2];
      hessianVector.invoke(null, with(args, e.clone(), new double[2], hv));
      double[] row =
          Differences.along(
              p -> {
                double[] gp = new double[2];
                call(valueAndGradient, with(p, gp));
                return gp;
              },
              args,
              WRT,
              e,
              1e-5);
      for (int j = 0; j < 2; j++) {
        assertEquals(h[k][j], hv[j], 1e-12 * Math.max(1, Math.abs(hv[j])), "Hessian row " + at);
        assertEquals(h[j][k], h[k][j], 1e-12 * Math.max(1, Math.abs(h[k][j])), "symmetric " + at);
        if (!tie) { // the gradient jumps at the tie: no differences across it
          assertEquals(row[j], hv[j], 1e-4 * Math.max(1, Math.abs(row[j])), "HVP vs FD " + at);
        }
      }
    }
  }

  /** Forward differences {@code (f(x + h e_k) - f(x)) / h}, h = 1e-7. */
  private static double[] forward(Method f, Object[] args) {
    double[] out = new double[2];
    double value = call(f, args);
    for (int k = 0; k < 2; k++) {
      out[k] = (call(f, Differences.moved(args, WRT, k, 1e-7)) - value) / 1e-7;
    }
    return out;
  }

  private static double call(Method m, Object[] args) {
    try {
      return (double) m.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object[] with(Object[] args, Object... more) {
    List<Object> out = new ArrayList<>(Arrays.asList(args));
    out.addAll(Arrays.asList(more));
    return out.toArray();
  }

  private static Class<?>[] with(Class<?>[] params, Class<?>... more) {
    List<Class<?>> out = new ArrayList<>(Arrays.asList(params));
    out.addAll(Arrays.asList(more));
    return out.toArray(new Class<?>[0]);
  }
}
