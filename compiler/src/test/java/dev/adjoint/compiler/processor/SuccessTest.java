package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.processor.ProcessorHarness.GeneratedClassLoader;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import dev.adjoint.compiler.testing.Differences;
import dev.adjoint.compiler.testing.Signatures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sources in the supported language compile with the processor under {@code -Xlint:all} without a
 * single warning; the generated classes are then loaded from the compilation's class files and
 * their gradients compared with central differences of the original methods at seeded points.
 */
class SuccessTest {
  /** Relative tolerance of the gradient against central differences. */
  private static final double RTOL = 1e-6;

  private static final int RANDOM_POINTS = 6;

  static final Source FUNCTIONS =
      Source.of(
          "fit.Functions",
          """
      package fit;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class Functions {
        private Functions() {}

        @Differentiable
        static double loss(double a, double b, double c, double d,
                           @NoDerivative double[] x, @NoDerivative double[] y) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
            double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
            sum += (yPred - y[i]) * (yPred - y[i]);
          }
          return sum;
        }

        @Differentiable
        static double horner(double[] c, double x) {
          double p = 0;
          for (int i = c.length - 1; i >= 0; i--) p = p * x + c[i];
          return p;
        }

        @Differentiable
        static double branchy(double x, double y) {
          if (x < 0) return -x * y + Math.exp(y);
          double t = x * y;
          t += Math.sin(x);
          if (t > 1) {
            double u = t * t;
            return u - y;
          } else {
            return t + y * y;
          }
        }

        @Differentiable
        static double elseIfChain(double x, double y, int mode) {
          double r;
          if (mode == 0) {
            r = x * y;
          } else if (mode == 1 && x > y) {
            r = x / y;
          } else if (!(mode == 1) || x <= y) {
            r = Math.sqrt(x * x + y);
          } else {
            r = 0;
          }
          return r * x;
        }

        @Differentiable
        static double power(double x, int n) {
          double t = 1;
          for (int i = 0; i < n; i++) t *= x;
          return t;
        }

        @Differentiable
        static double locals(double x, double[] w) {
          var s = 0.0;
          var k = 3;
          for (double wi : w) {
            s += wi * wi * x;
          }
          var mean = s / w.length;
          double r = mean > 1 ? mean - 1 : (1 - mean) * x;
          r -= 0.5 * x;
          r *= (double) k / 2;
          r /= 1 + x * x;
          r = r + (x > 0.5 ? Math.sin(r) : Math.cos(x * r));
          return r + Math.PI * x - Math.E;
        }

        @Differentiable
        static double strides(double x, double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i += 2) s += v[i] * x;
          for (int i = v.length - 1; i >= 0; i--) s = s * Math.cos(v[i]) + x;
          for (int i = 1; i <= v.length; i++) s += v[i - 1] / i;
          for (int i = v.length; i >= 1; i -= 2) s -= x * v[i - 1] * s;
          for (int i = 0; i < 3; i++) {
            for (int j = i; j < v.length; j++) {
              s += v[i] * v[j] * x;
            }
          }
          return s;
        }

        @Differentiable
        static double mixed(double x, long m, boolean flip, int n) {
          double s = 1;
          for (long i = 0; i < m; i++) {
            s += x / (i + 1);
          }
          int k = n;
          k++;
          k -= 1;
          ++k;
          --k;
          k *= 2;
          if (flip && k > 2 || !flip && s > 0) {
            s = -s;
          }
          return s * Math.abs(k - 1) + (flip ? x : 2 * x) * Math.max(n, 2);
        }

        @Differentiable
        static double trig(double x, double y) {
          return Math.sin(x) * Math.cos(y) + Math.tan(x * y) + Math.asin(x) * Math.acos(y)
              + Math.atan(x / y) + Math.atan2(y, x) + Math.toDegrees(x) * Math.toRadians(y);
        }

        @Differentiable
        static double hyperbolic(double x, double y) {
          return Math.sinh(x) + Math.cosh(x * y) - Math.tanh(y - x);
        }

        @Differentiable
        static double exponential(double x, double y) {
          return Math.exp(x) * Math.expm1(y) + Math.log(x + y) - Math.log10(x) * Math.log1p(y);
        }

        @Differentiable
        static double powers(double x, double y) {
          return Math.sqrt(x) + Math.cbrt(x + 2 * y) + Math.pow(x, y) + Math.pow(x, 3) + Math.pow(2, y)
              + Math.hypot(x, y);
        }

        @Differentiable
        static double kinks(double x, double y) {
          return Math.abs(x - y) * x + Math.min(x, y * y) + Math.max(x * y, 0.3)
              + Math.floor(4 * x) * y + Math.ceil(3 * y) * x + Math.rint(5 * x) + Math.signum(x - 0.5) * y;
        }

        @Differentiable
        static double strict(double x, double y) {
          return StrictMath.sin(x) + StrictMath.exp(y) * StrictMath.sqrt(x) + StrictMath.pow(x, y)
              + StrictMath.hypot(x, y) + StrictMath.atan2(x, y) + StrictMath.log(x) + StrictMath.abs(y - x)
              + StrictMath.PI * StrictMath.E * y;
        }

        @Differentiable(wrt = {"b", "x"})
        static double explicitWrt(double a, double b, double[] x) {
          double s = a;
          for (double xi : x) {
            s = s * b + xi;
          }
          return s;
        }

        static final class Inner {
          private Inner() {}

          @Differentiable
          static double rosenbrock(double a, double b) {
            return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
          }
        }
      }
      """);

  private static Compilation compilation;
  private static Class<?> derivatives;

  /** {@code fit.Functions}, compiled once. */
  private static Compiled fit;

  /** A compiled owner class, its derivatives class and its source (which says what wrt is). */
  private record Compiled(Class<?> owner, Class<?> derivatives, String source) {}

  @BeforeAll
  static void compileOnce() throws ClassNotFoundException {
    compilation = compileLinted(FUNCTIONS);
    assertNoCrash(compilation);
    assertThat(compilation).succeeded();
    GeneratedClassLoader loader = new GeneratedClassLoader(compilation);
    derivatives = loader.loadClass("fit.FunctionsDerivatives");
    fit = new Compiled(loader.loadClass("fit.Functions"), derivatives, FUNCTIONS.text());
  }

  // ---------------------------------------------------------------- compilation

  @Test
  void compilesWithoutAnyWarningUnderXlintAll() {
    assertThat(compilation).succeeded();
    assertEquals(
        List.of(),
        compilation.warnings().stream().map(ProcessorHarness::message).collect(Collectors.toList()),
        describe(compilation));
  }

  /**
   * The same without javac's {@code [processing]} lint about unclaimed annotations, so that a
   * warning in the generated code itself is seen even while that one is outstanding.
   */
  @Test
  void generatedCodeCompilesWithoutLintWarnings() {
    assertEquals(List.of(), lintWarnings(compilation), describe(compilation));
  }

  @Test
  void generatesOneDerivativesClassPerOwner() {
    assertThat(compilation).generatedSourceFile("fit.FunctionsDerivatives").isNotNull();
    assertThat(compilation).generatedSourceFile("fit.Functions_InnerDerivatives").isNotNull();
    assertEquals(
        2,
        compilation.generatedSourceFiles().size(),
        compilation.generatedSourceFiles().stream()
            .map(f -> f.toUri().toString())
            .collect(Collectors.joining(", ")));
  }

  @Test
  void generatedSourceIsDeterministic() throws Exception {
    Compilation again = compileLinted(FUNCTIONS);
    assertThat(again).succeeded();
    for (String name : List.of("fit.FunctionsDerivatives", "fit.Functions_InnerDerivatives")) {
      String first =
          compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
      String second = again.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
      assertEquals(first, second, name);
    }
  }

  // ---------------------------------------------------------------- gradients

  @Test
  void sineFit() throws Exception {
    check(
        "loss",
        List.of(),
        r -> {
          int n = 25;
          double[] x = new double[n];
          double[] y = new double[n];
          for (int i = 0; i < n; i++) {
            x[i] = -Math.PI + 2 * Math.PI * i / (n - 1);
            y[i] = Math.sin(x[i]);
          }
          return new Object[] {u(r, -1, 1), u(r, -1, 1), u(r, -1, 1), u(r, -1, 1), x, y};
        });
  }

  @Test
  void horner() throws Exception {
    check(
        "horner",
        List.of(new Object[] {new double[] {}, 0.7}, new Object[] {new double[] {2.0}, -0.3}),
        r -> new Object[] {array(r, 2 + r.nextInt(5), -1, 1), u(r, -1.5, 1.5)});
  }

  @Test
  void branchy() throws Exception {
    check(
        "branchy",
        List.of(new Object[] {-1.0, 0.5}, new Object[] {2.0, 1.5}, new Object[] {0.3, 0.2}),
        r -> new Object[] {u(r, -2, 2), u(r, -2, 2)});
  }

  @Test
  void elseIfChain() throws Exception {
    check(
        "elseIfChain",
        List.of(
            new Object[] {1.0, 2.0, 0},
            new Object[] {2.0, 1.0, 1},
            new Object[] {1.0, 2.0, 1},
            new Object[] {1.0, 2.0, 2}),
        r -> new Object[] {u(r, 0.5, 2), u(r, 0.5, 2), r.nextInt(3)});
  }

  @Test
  void loopCarriedPower() throws Exception {
    check(
        "power",
        List.of(new Object[] {1.3, 0}, new Object[] {1.3, 1}),
        r -> new Object[] {u(r, -1.5, 1.5), r.nextInt(7)});
  }

  @Test
  void varLocalsEnhancedForTernariesCompoundAssignmentsCasts() throws Exception {
    check(
        "locals", List.of(), r -> new Object[] {u(r, 0, 1), array(r, 1 + r.nextInt(5), -1.5, 1.5)});
  }

  @Test
  void loopStridesDirectionsBoundsAndNesting() throws Exception {
    check("strides", List.of(), r -> new Object[] {u(r, -1, 1), array(r, 3 + r.nextInt(4), -1, 1)});
  }

  @Test
  void longBooleanAndIntParameters() throws Exception {
    check(
        "mixed",
        List.of(new Object[] {0.5, 0L, true, 3}, new Object[] {0.5, 3L, false, -2}),
        r -> new Object[] {u(r, -2, 2), (long) r.nextInt(5), r.nextBoolean(), r.nextInt(7) - 3});
  }

  @Test
  void trigonometric() throws Exception {
    check("trig", List.of(), r -> new Object[] {u(r, 0.1, 0.9), u(r, 0.1, 0.9)});
  }

  @Test
  void hyperbolic() throws Exception {
    check("hyperbolic", List.of(), r -> new Object[] {u(r, -1, 1), u(r, -1, 1)});
  }

  @Test
  void exponentialAndLogarithms() throws Exception {
    check("exponential", List.of(), r -> new Object[] {u(r, 0.2, 2), u(r, 0.2, 2)});
  }

  @Test
  void powersAndRoots() throws Exception {
    check("powers", List.of(), r -> new Object[] {u(r, 0.2, 2), u(r, 0.2, 2)});
  }

  @Test
  void kinksAndPiecewiseConstantFunctions() throws Exception {
    check("kinks", List.of(), r -> new Object[] {u(r, 0.05, 0.95), u(r, 0.05, 0.95)});
  }

  @Test
  void strictMath() throws Exception {
    check("strict", List.of(), r -> new Object[] {u(r, 0.2, 2), u(r, 0.2, 2)});
  }

  @Test
  void explicitWrtSkipsTheOtherDoubleParameter() throws Exception {
    check(
        "explicitWrt",
        List.of(),
        r -> new Object[] {u(r, -1, 1), u(r, -1.2, 1.2), array(r, 1 + r.nextInt(4), -1, 1)});
  }

  @Test
  void nestedClass() throws Exception {
    GeneratedClassLoader loader = new GeneratedClassLoader(compilation);
    check(
        new Compiled(
            loader.loadClass("fit.Functions$Inner"),
            loader.loadClass("fit.Functions_InnerDerivatives"),
            FUNCTIONS.text()),
        "rosenbrock",
        List.<Object[]>of(new Object[] {1.0, 1.0}),
        r -> new Object[] {u(r, -2, 2), u(r, -2, 2)});
  }

  // ---------------------------------------------------------------- corners, one compilation each

  /** Warnings other than javac's [processing] lint on annotations no processor claimed. */
  /**
   * Warnings about the generated code (or from the processor itself). The users' sources may warn
   * on their own under a newer javac (JDK 25 lints {@code k += 2.7} on an int): not ours to judge.
   */
  private static List<String> lintWarnings(Compilation c) {
    return c.warnings().stream()
        .filter(d -> d.getSource() == null || d.getSource().getName().contains("Derivatives"))
        .map(ProcessorHarness::message)
        .filter(m -> !m.startsWith("No processor claimed any of these annotations"))
        .collect(Collectors.toList());
  }

  /** {@code corner.C} holding the given members. */
  private static Source corner(String members) {
    return Source.of(
        "corner.C",
        "package corner;\n\nimport dev.adjoint.Adjoint;\nimport dev.adjoint.Differentiable;\n"
            + "import dev.adjoint.NoDerivative;\n\npublic final class C {\n  private C() {}\n\n"
            + members
            + "}\n");
  }

  /** Compiles {@code corner.C} holding the given members under -Xlint:all and loads it. */
  private static Compilation compileCorner(String members) {
    Compilation c = compileLinted(corner(members));
    assertNoCrash(c);
    assertThat(c).succeeded();
    assertEquals(List.of(), lintWarnings(c), describe(c));
    return c;
  }

  /** Compiles {@code corner.C} with the given members and checks the gradient of {@code f}. */
  private static void checkCorner(
      String members, List<Object[]> fixed, Function<Random, Object[]> random) throws Exception {
    checkCorner(members, fixed, random, (args, fd) -> {});
  }

  private static void checkCorner(
      String members,
      List<Object[]> fixed,
      Function<Random, Object[]> random,
      java.util.function.BiConsumer<Object[], double[]> adjust)
      throws Exception {
    Compilation c = compileCorner(members);
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    check(
        new Compiled(
            loader.loadClass("corner.C"),
            loader.loadClass("corner.CDerivatives"),
            corner(members).text()),
        "f",
        fixed,
        random,
        adjust);
  }

  private static Object[] args(Object... values) {
    return values;
  }

  private static final List<Object[]> NONE = List.of();

  /**
   * The rest of Math through javac, to second order (the Hessian methods must compile without
   * warnings too): copySign, scalb with an int exponent, IEEEremainder, the ulp steps, and the int-
   * and long-valued functions inside double arithmetic; at exact zeros and integers too.
   */
  @Test
  void remainingMathFunctions() throws Exception {
    checkCorner(
        """
          @Differentiable(order = 2)
          static double f(double m, double s, int n) {
            double r = Math.copySign(m * m * m, s) + StrictMath.scalb(m * s, n)
                + Math.IEEEremainder(m * 4, s + 3) * m;
            double u = Math.nextUp(m) * Math.nextDown(s) + StrictMath.nextAfter(m * s, 1.0)
                + Math.ulp(s) * 1e15 * m;
            long k = Math.round(s) + Math.floorDiv(n, 2L);
            int e = Math.getExponent(s * s + 1) + Math.floorMod(n, 3) + Math.addExact(n, 1);
            return r + u + k * m + e * s;
          }
        """,
        List.of(args(0.0, 0.75, 0), args(0.0, -0.75, 3), args(-1.0, 1.25, -2)),
        r -> args(u(r, -2, 2), u(r, 0.6, 0.9), r.nextInt(7) - 3));
  }

  /**
   * The float overloads keep float arithmetic (round and getExponent of a float are ints); float
   * central differences are too coarse, so the gradient is compared with its formula.
   */
  @Test
  void remainingMathFunctionsOnFloats() throws Exception {
    Compilation c =
        compileCorner(
            """
          @Differentiable
          static double f(float m, float s) {
            float r = Math.copySign(m * m, s) + Math.scalb(m, 3) + Math.nextUp(m) * Math.nextDown(s)
                + Math.nextAfter(s, 0.0) * m + Math.ulp(s) * m;
            int k = Math.round(s) + Math.getExponent(s);
            return r + k * m;
          }
        """);
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Method valueAndGradient =
        loader
            .loadClass("corner.CDerivatives")
            .getDeclaredMethod("fValueAndGradient", float.class, float.class, double[].class);
    for (float[] p : new float[][] {{-1.5f, -0.75f}, {0f, 0.75f}, {2.25f, 1.25f}}) {
      float m = p[0];
      float s = p[1];
      double[] g = new double[2];
      valueAndGradient.invoke(null, m, s, g);
      double dm =
          Math.signum(m * m) * Math.copySign(1f, s) * 2 * m
              + 8
              + Math.nextDown(s)
              + Math.nextAfter(s, 0.0)
              + Math.ulp(s)
              + Math.round(s)
              + Math.getExponent(s);
      double ds = Math.nextUp(m) + m;
      assertArrayEquals(new double[] {dm, ds}, g, 1e-6, "at m = " + m + ", s = " + s);
    }
  }

  @Test
  void parameterNamedGradient() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double gradient, double x) {
            return gradient * Math.sin(x);
          }
        """,
        NONE,
        r -> args(u(r, -2, 2), u(r, -2, 2)));
  }

  @Test
  void localNamedGradient() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x) {
            double gradient = x * x;
            return gradient * x;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2)));
  }

  @Test
  void localNamedLikeAnAdjoint() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double y) {
            double xBar = Math.sin(x) * y;
            double yBar = xBar * x;
            return xBar + yBar * y;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2), u(r, -2, 2)));
  }

  @Test
  void parametersNamedValueAndResult() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double value, double result) {
            if (value < 0) return result;
            return value * result;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2), u(r, -2, 2)));
  }

  @Test
  void parameterNamedLikeGeneratedTemporaries() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double[] v, int i, double k) {
            double s = 0;
            for (double e : v) {
              s += e * i * k;
            }
            return s;
          }
        """,
        NONE,
        r -> args(array(r, 1 + r.nextInt(4), -1, 1), r.nextInt(5) - 2, u(r, -2, 2)));
  }

  @Test
  void reassignedParameter() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x) {
            x = x * 2;
            x += Math.sin(x);
            return x * x;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2)));
  }

  @Test
  void iteratedMapOverwritesAParameter() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, int n) {
            for (int i = 0; i < n; i++) x = Math.sin(x) + 0.5 * x;
            return x;
          }
        """,
        List.of(args(0.4, 0), args(0.4, 1)),
        r -> args(u(r, -2, 2), r.nextInt(6)));
  }

  @Test
  void sameNameInSiblingBlocks() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x) {
            double s = 0;
            {
              double t = x;
              s += t;
            }
            {
              double t = 2 * x;
              s += t * t;
            }
            for (int i = 0; i < 2; i++) {
              double t = s * x;
              s += t;
            }
            return s;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2)));
  }

  @Test
  void loopCarriedStateWithABranch() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double[] v) {
            double s = 1;
            for (int i = 0; i < v.length; i++) {
              if (v[i] > 0) {
                s = s * v[i] + x;
              } else {
                s = s * x - v[i];
              }
            }
            return s;
          }
        """,
        NONE,
        r -> args(u(r, -1.5, 1.5), array(r, 1 + r.nextInt(5), -1, 1)));
  }

  @Test
  void triangularNestedLoopWithCarriedInnerState() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              double t = 0;
              for (int j = 0; j <= i; j++) {
                t = t * x + v[j];
              }
              s += t * t;
            }
            return s;
          }
        """,
        NONE,
        r -> args(u(r, -1.5, 1.5), array(r, 1 + r.nextInt(5), -1, 1)));
  }

  @Test
  void earlyReturnThenLoop() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double[] v) {
            if (x < 0) return x * x;
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              s += v[i] * Math.exp(-x * i);
            }
            if (s > 0.5) {
              return s;
            } else {
              return s * s + x;
            }
          }
        """,
        List.<Object[]>of(args(-0.5, new double[] {1, 2})),
        r -> args(u(r, -1, 2), array(r, 1 + r.nextInt(5), -1, 1)));
  }

  @Test
  void returnsInEveryBranchOfAnElseIfChain() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x) {
            if (x < -1) {
              return -x;
            } else if (x < 1) {
              return x * x;
            } else {
              return Math.log(x) + 1;
            }
          }
        """,
        List.of(args(-2.0), args(0.5), args(3.0)),
        r -> args(u(r, -3, 3)));
  }

  @Test
  void indexArithmetic() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double[] v) {
            double s = 0;
            for (int i = 0; i < v.length - 1; i++) {
              double d = v[i + 1] - v[i];
              s += d * d * x;
            }
            for (int i = 0; i < v.length; i++) {
              s += v[v.length - 1 - i] * v[(i * 3) % v.length] * v[i / 2];
            }
            return s;
          }
        """,
        NONE, r -> args(u(r, -1.5, 1.5), array(r, 2 + r.nextInt(5), -1, 1)));
  }

  @Test
  void literalForms() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x) {
            return 1e-3 * x + 2d * x * x + 0x10 * x + 1_000 * x * 1e-3 + 3L * x + .5 * x + 1.5e+1 * x;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2)));
  }

  @Test
  void unaryOperatorsAndParentheses() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double y) {
            return -(-x) * +y - -(x * 2) + -(x - y) * -(y);
          }
        """,
        NONE,
        r -> args(u(r, -2, 2), u(r, -2, 2)));
  }

  @Test
  void severalDeclaratorsFinalAndBooleanLocals() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(final double x, double y) {
            final double a = x * y, b = a * 2;
            boolean positive = a > 0 && b != 1;
            double c;
            if (positive || x == y) {
              c = a * b;
            } else {
              c = a - b;
            }
            return c;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2), u(r, -2, 2)));
  }

  @Test
  void enhancedForWithVarAndFinalNested() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double[] v) {
            double s = 0;
            for (var e : v) {
              for (final double g : v) {
                s += e * g * x;
              }
            }
            return s;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2), array(r, 1 + r.nextInt(4), -1, 1)));
  }

  @Test
  void reversedAndAssignmentStepLoopHeaders() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, int n) {
            double s = 1;
            for (int i = 0; n > i; i++) s = s * x + i;
            for (int i = n; 0 < i; i--) s += x / i;
            for (int i = 0; i < 2 * n + 1; i = i + 2) s = s * 0.5 + x * i;
            for (long j = 3; j >= 1; j -= 1) s += x * j;
            return s;
          }
        """,
        List.<Object[]>of(args(0.7, 0)),
        r -> args(u(r, -1.5, 1.5), r.nextInt(5)));
  }

  @Test
  void integerCastsAndLongArithmetic() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, long m, double[] v) {
            int k = (int) Math.floor(x * 2);
            long q = m * 3 + k;
            return v[Math.abs(k) % v.length] * x + (double) q * x + m * x;
          }
        """,
        NONE, r -> args(u(r, -2, 2), (long) r.nextInt(4), array(r, 2 + r.nextInt(3), -1, 1)));
  }

  @Test
  void localsNamedLikeMathFunctions() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x) {
            double sin = Math.sin(x);
            double pow = sin * sin;
            double exp = Math.exp(pow);
            return pow + exp;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2)));
  }

  @Test
  void powerOfNegativeBaseWithIntegerExponent() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, int n) {
            return Math.pow(x, 3) + Math.pow(x, n) + Math.pow(x, 2.0) + Math.pow(-2, 2) * x;
          }
        """,
        List.of(args(-1.3, 2), args(-0.7, 3)),
        r -> args(u(r, -2, -0.1), r.nextInt(4)));
  }

  @Test
  void cStyleArrayParameter() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double v[], double x) {
            double s = 0;
            for (int i = 0; i < v.length; i++) s += v[i] * x * v.length * 0.5;
            return s;
          }
        """,
        NONE,
        r -> args(array(r, 1 + r.nextInt(4), -1, 1), u(r, -2, 2)));
  }

  @Test
  void commentsInsideTheMethod() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x) { // return 0; }
            /* } return x; { */
            double y = x * x; // the square
            return y /* not x */ * x;
          }
        """,
        NONE,
        r -> args(u(r, -2, 2)));
  }

  @Test
  void tripCountsOfCarriedLoopsIncludingEmptyAndNegativeRanges() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, int n, int m) {
            double t = 1;
            for (int i = 0; i < n; i++) t = t * x + 1;
            for (int i = n; i <= m; i += 3) t = t * x - i;
            for (int i = m; i > n; i -= 2) t = Math.sin(t) * x;
            for (int i = 0; i >= n; i--) t = t * 0.5 + x;
            for (long j = n; j < m; j += 2) t = t * x;
            return t;
          }
        """,
        List.of(args(0.9, -3, 5), args(0.9, 4, -2), args(0.9, 0, 0), args(0.9, 2, 7)),
        r -> args(u(r, -1.2, 1.2), r.nextInt(9) - 4, r.nextInt(11) - 4));
  }

  @Test
  void integerDivisionRemainderNarrowingAndPrecedence() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double y, int n) {
            double a = x - (y - x) - (x - y);
            double b = x / (y * 2) / (x + 3);
            double c = (1 / 2) * x + (n / 2) * x + 7 / 2 * y + (double) n / 2 * x + (double) (n / 2) * y;
            double d = x - -y + -(x * y) - (-x);
            int k = 1;
            k += 2.7;
            k *= 1.5;
            double e = k * x + Math.max(1, 2.5) * y + Math.min(n, 2) / 2 * x + (n > x ? x : y);
            int r = n % 3;
            return a + b + c + d + e + r * x;
          }
        """,
        List.of(args(0.5, 1.5, -3), args(0.5, 1.5, 5)),
        r -> args(u(r, -2, 2), u(r, 0.5, 2), r.nextInt(11) - 5));
  }

  @Test
  void nestedTernariesAndBranchesInsideCarriedLoops() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double[] v) {
            double t = x;
            for (int i = 0; i < v.length; i++) {
              double w = v[i] > 0 ? (t > 1 ? t / 2 : t * v[i]) : x - v[i];
              if (w > t) {
                t = w;
              } else if (w < -t) {
                t = -w * x;
              } else {
                t += w * w;
              }
            }
            return t;
          }
        """,
        NONE,
        r -> args(u(r, -1.5, 1.5), array(r, 1 + r.nextInt(5), -1.5, 1.5)));
  }

  @Test
  void callsOfUserMethodsAndStopGradient() throws Exception {
    checkCorner(
        """
          static double square(double v) {
            return v * v;
          }

          static double horner(double[] c, double t) {
            if (c.length == 0) return 0;
            double p = 0;
            for (int i = c.length - 1; i >= 0; i--) p = p * t + c[i];
            return p;
          }

          @Differentiable
          static double f(double x, double[] c) {
            double a = square(x) + square(Math.sin(x) * 2);
            double b = horner(c, x) * horner(c, a);
            return a + b;
          }
        """,
        NONE,
        r -> args(u(r, -1, 1), array(r, r.nextInt(4), -1, 1)));
  }

  @Test
  void stopGradient() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double y) {
            return Adjoint.stopGradient(x * x) * y + x * y;
          }
        """,
        NONE,
        r -> args(u(r, -1, 1), u(r, -1, 1)),
        // stopGradient(x * x) is a constant to differentiation: take out what central differences
        // see
        (args, fd) -> fd[0] -= 2 * (double) args[0] * (double) args[1]);
  }

  @Test
  void staticFinalConstantsAndCallsToOtherMethods() throws Exception {
    checkCorner(
        """
          static final double G = 9.81;
          private static final int STEPS = 20;
          static final long SCALE = 3L;

          static double drag(double v, double k) {
            return k * v * Math.abs(v);
          }

          @Differentiable
          static double f(double k, double v0) {
            double v = v0;
            double h = 0;
            final double dt = 0.01;
            for (int i = 0; i < STEPS; i++) {
              v -= (G + drag(v, k)) * dt;
              h += v * dt * C.SCALE;
            }
            return h;
          }
        """,
        NONE,
        r -> args(u(r, 0.1, 0.5), u(r, 1, 3)));
  }

  @Test
  void customDerivativeRulesForALibraryFunctionAndOwnMethod() throws Exception {
    checkCorner(
        """
          @dev.adjoint.Partial(of = "Math.log1p", wrt = "x")
          static double log1pDx(double x) {
            return 1 / (1 + x);
          }

          static double softplus(double z, double t) {
            return t * Math.log(1 + Math.exp(z / t));
          }

          @dev.adjoint.Partial(of = "softplus", wrt = "z")
          static double softplusDz(double z, double t) {
            return 1 / (1 + Math.exp(-z / t));
          }

          @dev.adjoint.Partial(of = "C.softplus", wrt = "t")
          static double softplusDt(double z, double t) {
            double e = Math.exp(z / t);
            return Math.log(1 + e) - (z / t) * e / (1 + e);
          }

          @Differentiable
          static double f(double x, double y) {
            return softplus(x * y, 1 + y * y) + Math.log1p(x * x);
          }
        """,
        NONE,
        r -> args(u(r, -1, 1), u(r, -1, 1)));
  }

  @Test
  void workspaceOverloadAgreesAndIsReusable() throws Exception {
    Compilation c =
        compileCorner(
            """
          @Differentiable
          static double f(double k, double[] w, @NoDerivative int steps) {
            double[] s = {1.0, 0.0};
            double e = 0;
            int n = 0;
            while (n < steps) {
              double a = -k * s[0] + w[n % w.length];
              s[0] += 0.05 * s[1];
              s[1] += 0.05 * a;
              e += s[0] * s[0];
              n++;
            }
            return e;
          }
        """);
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Class<?> d = loader.loadClass("corner.CDerivatives");
    Class<?> ws = loader.loadClass("corner.CDerivatives$FWorkspace");
    Method plain =
        d.getDeclaredMethod(
            "fValueAndGradient", double.class, double[].class, int.class, double[].class);
    Method reusing =
        d.getDeclaredMethod(
            "fValueAndGradient", double.class, double[].class, int.class, double[].class, ws);
    Object workspace = ws.getDeclaredConstructor().newInstance();
    Random r = new Random(5);
    for (int call = 0; call < 6; call++) {
      int steps =
          10 + r.nextInt(60); // sizes change from call to call: storage is reused and regrown
      double[] w = array(r, 3, -1, 1);
      double[] g1 = new double[4];
      double[] g2 = new double[4];
      double v1 = (double) plain.invoke(null, 1.5, w, steps, g1);
      double v2 = (double) reusing.invoke(null, 1.5, w, steps, g2, workspace);
      assertEquals(v1, v2, 0.0);
      assertArrayEquals(g1, g2, 0.0);
    }
  }

  @Test
  void tangentHessianAndOneNewtonStepOnTheSineFit() throws Exception {
    Compilation c =
        compileCorner(
            """
          @Differentiable(order = 2)
          static double f(double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
              double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
              sum += (yPred - y[i]) * (yPred - y[i]);
            }
            return sum;
          }
        """);
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Class<?> d = loader.loadClass("corner.CDerivatives");
    Method hessian =
        d.getDeclaredMethod(
            "fHessian",
            double.class,
            double.class,
            double.class,
            double.class,
            double[].class,
            double[].class,
            double[].class,
            double[][].class);
    Method tangent =
        d.getDeclaredMethod(
            "fTangent",
            double.class,
            double.class,
            double.class,
            double.class,
            double[].class,
            double[].class,
            double[].class);
    int n = 2000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -Math.PI + 2 * Math.PI * i / (n - 1);
      y[i] = Math.sin(x[i]);
    }
    double[] p = {0.3, -0.2, 0.1, 0.4};
    double[] g = new double[4];
    double[][] h = new double[4][4];
    hessian.invoke(null, p[0], p[1], p[2], p[3], x, y, g, h);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(h[i][j], h[j][i], 1e-12 * Math.abs(h[i][j]), "symmetric");
      }
      double[] e = new double[4];
      e[i] = 1;
      double t = (double) tangent.invoke(null, p[0], p[1], p[2], p[3], x, y, e);
      assertEquals(
          g[i],
          t,
          1e-12 * Math.max(1, Math.abs(g[i])),
          "tangent along e" + i + " is the gradient's entry");
    }
    // the loss is quadratic in (a, b, c, d): one Newton step lands on the least-squares optimum
    double[] step = solve(h, g);
    double[] opt = new double[4];
    for (int i = 0; i < 4; i++) {
      opt[i] = p[i] - step[i];
    }
    assertEquals(-0.0933303890405988, opt[0], 1e-10);
    assertEquals(0.0, opt[1], 1e-10);
    assertEquals(0.856740843073785, opt[2], 1e-10);
    assertEquals(0.0, opt[3], 1e-10);
  }

  @Test
  void jacobianPullbackAndTangentOfAnArrayValuedMethod() throws Exception {
    Compilation c =
        compileCorner(
            """
          @Differentiable
          static double[] f(double a, double[] w, @NoDerivative double[] x) {
            double[] r = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              r[i] = Math.sin(a * x[i]) + w[i % w.length] * x[i] * x[i] - w[0] * w[1];
            }
            return r;
          }
        """);
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Class<?> d = loader.loadClass("corner.CDerivatives");
    Class<?> owner = loader.loadClass("corner.C");
    Method f = owner.getDeclaredMethod("f", double.class, double[].class, double[].class);
    f.setAccessible(true);
    Method jacobian =
        d.getDeclaredMethod(
            "fJacobian", double.class, double[].class, double[].class, double[][].class);
    Method pullback =
        d.getDeclaredMethod(
            "fPullback",
            double.class,
            double[].class,
            double[].class,
            double[].class,
            double[].class);
    Method tangent =
        d.getDeclaredMethod(
            "fTangent",
            double.class,
            double[].class,
            double[].class,
            double[].class,
            double[].class);
    Random r = new Random(11);
    for (int outputs :
        new int[] {2, 7}) { // fewer outputs than the 4 inputs (reverse), and more (forward)
      double a = u(r, -1, 1);
      double[] w = array(r, 3, -1, 1);
      double[] x = array(r, outputs, -1, 1);
      double[][] jac = new double[outputs][4];
      double[] value = (double[]) jacobian.invoke(null, a, w, x, jac);
      assertArrayEquals((double[]) f.invoke(null, a, w, x), value, 1e-15);
      for (int k = 0; k < 4; k++) {
        double h = 1e-6;
        double[] wp = w.clone();
        double[] wm = w.clone();
        double ap = a;
        double am = a;
        if (k == 0) {
          ap += h;
          am -= h;
        } else {
          wp[k - 1] += h;
          wm[k - 1] -= h;
        }
        double[] fp = (double[]) f.invoke(null, ap, wp, x);
        double[] fm = (double[]) f.invoke(null, am, wm, x);
        for (int i = 0; i < outputs; i++) {
          assertEquals(
              (fp[i] - fm[i]) / (2 * h),
              jac[i][k],
              1e-7,
              "J[" + i + "][" + k + "] with " + outputs + " outputs");
        }
      }
      double[] seed = array(r, outputs, -1, 1);
      double[] vjp = new double[4];
      pullback.invoke(null, a, w, x, seed, vjp);
      double[] v = array(r, 4, -1, 1);
      double[] jvp = new double[outputs];
      tangent.invoke(null, a, w, x, v, jvp);
      for (int k = 0; k < 4; k++) {
        double expected = 0;
        for (int i = 0; i < outputs; i++) {
          expected += seed[i] * jac[i][k];
        }
        assertEquals(expected, vjp[k], 1e-12 * Math.max(1, Math.abs(expected)), "pullback");
      }
      for (int i = 0; i < outputs; i++) {
        double expected = 0;
        for (int k = 0; k < 4; k++) {
          expected += jac[i][k] * v[k];
        }
        assertEquals(expected, jvp[i], 1e-12 * Math.max(1, Math.abs(expected)), "tangent");
      }
    }
  }

  static final Source STREAMS =
      Source.of(
          "streams.S",
          """
      package streams;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;
      import java.util.Arrays;
      import java.util.stream.DoubleStream;
      import java.util.stream.IntStream;

      public final class S {
        private S() {}

        @Differentiable(order = 2)
        static double f(double w, double[] x, @NoDerivative int n) {
          double energy = Arrays.stream(x).map(v -> w * v).map(v -> v * v).sum();
          double dot = IntStream.range(0, Math.min(n, x.length))
              .mapToDouble(i -> x[i] * x[x.length - 1 - i]).sum();
          double peak = Arrays.stream(x).map(v -> Math.sin(v * w)).max().orElse(w);
          double product = DoubleStream.of(w, 1e16, x[0], -1e16).reduce(1.0, (p, q) -> p * q);
          double mean = Arrays.stream(x).filter(v -> v > 0).average().orElse(0.0);
          double cancel = DoubleStream.of(1e16, 1.0, -1e16, x[0] * w).sum();
          return energy + dot + peak + product * 1e-32 + mean * w + cancel;
        }

        @Differentiable
        static double[] g(double w, double[] x) {
          double[] r = new double[x.length];
          for (int k = 0; k < x.length; k++) {
            double xk = x[k];
            r[k] = Arrays.stream(x).map(v -> Math.tanh(v * xk * w)).sum();
          }
          return r;
        }
      }
      """);

  /**
   * Stream reductions through javac: the generated value is the user's method's to the bit (the
   * JDK's compensated summation included: {@code cancel} loses the 1.0 without it), the gradient
   * agrees with differences (and with the workspace overload), the tangent along each unit vector
   * with the gradient, the Hessian with the Hessian-vector products and with differences of the
   * gradient, and the Jacobian of a double[] method with differences.
   */
  @Test
  void streamReductions() throws Exception {
    Compilation c = compileLinted(STREAMS);
    assertNoCrash(c);
    assertThat(c).succeeded();
    assertEquals(List.of(), lintWarnings(c), describe(c));
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Compiled s =
        new Compiled(
            loader.loadClass("streams.S"),
            loader.loadClass("streams.SDerivatives"),
            STREAMS.text());
    List<Object[]> fixed =
        List.of(
            args(0.5, new double[] {1, -2, 0.25}, 3),
            args(0.0, new double[] {0, 0}, 2),
            args(1.0, new double[] {0.5, -0.5, 0.25}, 0));
    Function<Random, Object[]> random =
        r -> args(u(r, -1, 1), array(r, 1 + r.nextInt(4), -1, 1), r.nextInt(5));
    check(s, "f", fixed, random);
    Method f = method(s.owner(), "f");
    Method valueAndGradient = method(s.derivatives(), "fValueAndGradient");
    Method tangent = method(s.derivatives(), "fTangent");
    Method hessian = method(s.derivatives(), "fHessian");
    Method hessianVector = method(s.derivatives(), "fHessianVector");
    Class<?> ws = loader.loadClass("streams.SDerivatives$FWorkspace");
    Method reusing =
        s.derivatives()
            .getDeclaredMethod(
                "fValueAndGradient", double.class, double[].class, int.class, double[].class, ws);
    Object workspace = ws.getDeclaredConstructor().newInstance();
    Random r = new Random(3);
    List<Object[]> points = new ArrayList<>(fixed);
    for (int i = 0; i < 4; i++) {
      points.add(random.apply(r));
    }
    for (int point = 0; point < points.size(); point++) {
      Object[] p = points.get(point);
      // the fixed points sit on kinks (ties of the maximum, the filter's edge): differences of the
      // gradient jump there, so the Hessian is compared with them at the random points only
      boolean smooth = point >= fixed.size();
      double w = (double) p[0];
      double[] x = (double[]) p[1];
      int n = (int) p[2];
      String at = Arrays.deepToString(p);
      int size = 1 + x.length;
      double[] g = new double[size];
      double value = call(f, args(w, x.clone(), n));
      double generated = (double) valueAndGradient.invoke(null, w, x.clone(), n, g);
      assertEquals(
          Double.doubleToLongBits(value), Double.doubleToLongBits(generated), "value at " + at);
      double[] wg = new double[size];
      assertEquals(generated, (double) reusing.invoke(null, w, x.clone(), n, wg, workspace), 0.0);
      assertArrayEquals(g, wg, 0.0, "workspace overload at " + at);
      double[][] h = new double[size][size];
      double[] hg = new double[size];
      assertEquals(value, (double) hessian.invoke(null, w, x.clone(), n, hg, h), 0.0, at);
      assertArrayEquals(g, hg, 1e-12, "Hessian's gradient at " + at);
      for (int k = 0; k < size; k++) {
        double[] e = new double[size];
        e[k] = 1;
        double t = (double) tangent.invoke(null, w, x.clone(), n, e.clone());
        assertEquals(g[k], t, 1e-12 * Math.max(1, Math.abs(g[k])), "tangent e" + k + " at " + at);
        double[] hv = new double[size];
        hessianVector.invoke(null, w, x.clone(), n, e.clone(), new double[size], hv);
        assertArrayEquals(
            h[k], hv, 1e-12 * Math.max(1, Math.abs(h[k][k])), "row " + k + " at " + at);
        if (!smooth) {
          continue;
        }
        double[] gp = new double[size];
        double[] gm = new double[size];
        double step = 1e-6;
        valueAndGradient.invoke(null, k == 0 ? w + step : w, moved(x, k - 1, step), n, gp);
        valueAndGradient.invoke(null, k == 0 ? w - step : w, moved(x, k - 1, -step), n, gm);
        for (int j = 0; j < size; j++) {
          double fd = (gp[j] - gm[j]) / (2 * step);
          assertEquals(
              fd, h[k][j], 1e-5 * Math.max(1, Math.abs(fd)), "H[" + k + "][" + j + "] at " + at);
        }
      }
    }
    // a tie of the maximum (sin(0.5) twice): the whole adjoint cos(0.5) goes to the first, where
    // central differences split it between the two (and are off by O(step) at the kink)
    Object[] tie = args(1.0, new double[] {0.5, 0.5, -0.5}, 0);
    double[] g = new double[4];
    valueAndGradient.invoke(null, 1.0, new double[] {0.5, 0.5, -0.5}, 0, g);
    double[] split =
        Differences.fourthOrder(a -> call(f, a), tie, new int[] {0, 1}, Differences.relative(1e-4));
    double half = Math.cos(0.5) / 2;
    assertArrayEquals(
        new double[] {split[0], split[1] + half, split[2] - half, split[3]}, g, 1e-4, "at a tie");
    Method gOriginal = method(s.owner(), "g");
    Method jacobian = method(s.derivatives(), "gJacobian");
    double[] x = {0.3, -0.7, 1.1};
    double w = 0.8;
    double[][] jac = new double[3][4];
    double[] value = (double[]) jacobian.invoke(null, w, x.clone(), jac);
    assertArrayEquals((double[]) gOriginal.invoke(null, w, x.clone()), value, 0.0);
    for (int k = 0; k < 4; k++) {
      double step = 1e-6;
      double[] fp = (double[]) gOriginal.invoke(null, k == 0 ? w + step : w, moved(x, k - 1, step));
      double[] fm =
          (double[]) gOriginal.invoke(null, k == 0 ? w - step : w, moved(x, k - 1, -step));
      for (int i = 0; i < 3; i++) {
        assertEquals((fp[i] - fm[i]) / (2 * step), jac[i][k], 1e-7, "J[" + i + "][" + k + "]");
      }
    }
  }

  /** {@code x} with element {@code k} (if any) moved by {@code delta}. */
  private static double[] moved(double[] x, int k, double delta) {
    double[] out = x.clone();
    if (k >= 0) {
      out[k] += delta;
    }
    return out;
  }

  /** Gaussian elimination with partial pivoting, enough for a small Newton system. */
  private static double[] solve(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] tr = a[col];
      a[col] = a[pivot];
      a[pivot] = tr;
      double tb = b[col];
      b[col] = b[pivot];
      b[pivot] = tb;
      for (int r = col + 1; r < n; r++) {
        double f = a[r][col] / a[col][col];
        for (int k = col; k < n; k++) {
          a[r][k] -= f * a[col][k];
        }
        b[r] -= f * b[col];
      }
    }
    double[] xs = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * xs[k];
      }
      xs[r] = s / a[r][r];
    }
    return xs;
  }

  @Test
  void stopGradientFullyQualified() throws Exception {
    checkCorner(
        """
          @Differentiable
          static double f(double x, double y) {
            return dev.adjoint.Adjoint.stopGradient(x * x) * y + x * y;
          }
        """,
        NONE,
        r -> args(u(r, -1, 1), u(r, -1, 1)),
        (args, fd) -> fd[0] -= 2 * (double) args[0] * (double) args[1]);
  }

  @Test
  void ownerInTheDefaultPackage() throws Exception {
    Source s =
        Source.of(
            "Top",
            """
        import dev.adjoint.Differentiable;

        public final class Top {
          private Top() {}

          @Differentiable
          static double f(double x) {
            return x * Math.cos(x);
          }
        }
        """);
    Compilation c = compileLinted(s);
    assertNoCrash(c);
    assertThat(c).succeeded();
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    check(
        new Compiled(loader.loadClass("Top"), loader.loadClass("TopDerivatives"), s.text()),
        "f",
        NONE,
        r -> args(u(r, -2, 2)));
  }

  /**
   * "Never let an unused sub-expression poison an adjoint with NaN": at these points the untaken
   * branch computes log(0), sqrt(0) or 1/0, whose partial derivatives are infinite.
   */
  @Test
  void unusedSubExpressionsDoNotPoisonTheGradientWithNaN() throws Exception {
    Compilation c =
        compileCorner(
            """
          @Differentiable
          static double f(double x, double y) {
            double l = Math.log(x);
            double r = Math.sqrt(x);
            double q = 1 / x;
            double a = Math.asin(y);
            return x > 0 ? l + r + q + a : x * x + y;
          }
        """);
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Method m = method(loader.loadClass("corner.CDerivatives"), "fValueAndGradient");
    for (double[] point : new double[][] {{0, 0.5}, {-1, 2}, {0, 1}}) {
      double[] g = new double[2];
      m.invoke(null, point[0], point[1], g);
      assertArrayEquals(new double[] {2 * point[0], 1}, g, 0.0, "at " + Arrays.toString(point));
    }
  }

  // ---------------------------------------------------------------- constructs moving into the
  // language

  /**
   * For constructs that the next issue brings into the language (while, do/while, break/continue,
   * return inside loops, non-counted for loops, writes to parameter arrays): the compilation either
   * fails with a coded error at the construct, or succeeds and the gradient is right. Never a
   * crash, never an internal error, never a wrong gradient.
   */
  private static void rejectedAtOrCorrect(
      String members, String construct, List<Object[]> fixed, Function<Random, Object[]> random)
      throws Exception {
    Source s =
        Source.of(
            "corner.C",
            "package corner;\n\nimport dev.adjoint.Differentiable;\n\npublic final class C {\n"
                + "  private C() {}\n\n"
                + members
                + "}\n");
    Compilation c = ProcessorHarness.compile(s);
    assertNoCrash(c);
    if (c.status() == Compilation.Status.FAILURE) {
      long line = s.lineOf(s.offset(construct, construct));
      assertTrue(
          c.errors().stream().allMatch(d -> ProcessorHarness.message(d).startsWith("[AD")),
          describe(c));
      assertThat(c).hadErrorContaining("[AD").inFile(s.file()).onLine(line);
      return;
    }
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    check(
        new Compiled(
            loader.loadClass("corner.C"), loader.loadClass("corner.CDerivatives"), s.text()),
        "f",
        fixed,
        random,
        (args, fd) -> {},
        true);
  }

  /**
   * Every switch form on an int selector, through javac: fallthrough, default in the middle, arrow
   * cases, a switch expression with yield, break leaving only the switch inside a loop, return in a
   * case; checked at fixed points where the selector takes every branch.
   */
  @Test
  void switchStatementsAndExpressions() throws Exception {
    List<Object[]> fixed = new ArrayList<>();
    for (int k = -1; k <= 4; k++) {
      fixed.add(args(0.7, -1.3, k));
      fixed.add(args(1.9, 0.4, k));
    }
    checkCorner(
        """
          @Differentiable
          static double f(double x, double y, int k) {
            double s = switch (k) {
              case 0 -> x * y;
              case 1, 2 -> {
                double t = Math.sin(x);
                if (t > 0.99) {
                  yield t;
                }
                yield t * t + y;
              }
              default -> Math.exp(y);
            };
            switch (k) {
              case 0:
                s = s * x;
              case 1:
                s += y;
                break;
              default:
                s -= x * y;
              case 3:
              case 4:
                s = s / (1 + x * x);
            }
            for (int i = 0; i < 4; i++) {
              switch ((i + k) % 3) {
                case 0 -> s += x;
                case 1 -> {
                  if (s > 10) {
                    break;
                  }
                  s *= 1.1;
                }
                default -> s -= y * 0.5;
              }
            }
            if (k == 4) {
              switch (k) {
                case 4:
                  return s * y;
                default:
                  break;
              }
            }
            return s;
          }
        """,
        fixed, r -> args(u(r, -2, 2), u(r, -2, 2), r.nextInt(7) - 1));
  }

  /**
   * Array variables that exchange arrays, through javac: a double buffer swapped every step, three
   * buffers rotating, a parameter array joining the swap, and a new array per step handed over.
   */
  @Test
  void arrayVariablesExchangeArrays() throws Exception {
    List<Object[]> fixed = new ArrayList<>();
    fixed.add(args(new double[] {0, 0, 0, 0}, 0.0, 3));
    fixed.add(args(new double[] {1, -1, 0.5, 0}, 0.1, 0));
    checkCorner(
        """
          @Differentiable
          static double f(double[] u0, double alpha, @NoDerivative int steps) {
            int n = u0.length;
            double[] cur = u0.clone();
            double[] nxt = new double[n];
            double[] spare = new double[n];
            for (int k = 0; k < steps; k++) {
              for (int i = 0; i < n; i++) {
                nxt[i] = cur[i] + alpha * (cur[(i + n - 1) % n] - 2 * cur[i] + cur[(i + 1) % n])
                    + 0.05 * Math.sin(spare[i]);
              }
              double[] t = cur;
              cur = nxt;
              nxt = spare;
              spare = t;
            }
            double[] u = u0.clone();
            for (int k = 0; k < 2; k++) {
              double[] next = new double[n];
              for (int i = 0; i < n; i++) {
                next[i] = u[i] * cur[i] + alpha;
              }
              u = next;
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += cur[i] * cur[i] + u[i] * spare[i];
            }
            return s;
          }
        """,
        fixed, r -> args(array(r, 5, -1, 1), u(r, 0.05, 0.2), r.nextInt(6)));
  }

  /** A method returning one of its exchanged buffers: Jacobian against differences. */
  @Test
  void jacobianOfAMethodReturningAnExchangedBuffer() throws Exception {
    Compilation c =
        compileCorner(
            """
          @Differentiable
          static double[] f(double[] x, double a) {
            double[] cur = x.clone();
            double[] nxt = new double[x.length];
            for (int k = 0; k < 3; k++) {
              for (int i = 0; i < x.length; i++) {
                nxt[i] = Math.tanh(a * cur[i] + cur[(i + 1) % x.length]);
              }
              double[] t = cur;
              cur = nxt;
              nxt = t;
            }
            return cur;
          }
        """);
    GeneratedClassLoader loader = new GeneratedClassLoader(c);
    Class<?> d = loader.loadClass("corner.CDerivatives");
    Method f = loader.loadClass("corner.C").getDeclaredMethod("f", double[].class, double.class);
    f.setAccessible(true);
    Method jacobian =
        d.getDeclaredMethod("fJacobian", double[].class, double.class, double[][].class);
    Random r = new Random(5);
    double[] x = array(r, 4, -1, 1);
    double a = u(r, 0.5, 1.5);
    double[][] jac = new double[4][5];
    double[] value = (double[]) jacobian.invoke(null, x, a, jac);
    assertArrayEquals((double[]) f.invoke(null, x, a), value, 0.0);
    for (int k = 0; k < 5; k++) {
      double h = 1e-6;
      double[] xp = x.clone();
      double[] xm = x.clone();
      double ap = a;
      double am = a;
      if (k < 4) {
        xp[k] += h;
        xm[k] -= h;
      } else {
        ap += h;
        am -= h;
      }
      double[] fp = (double[]) f.invoke(null, xp, ap);
      double[] fm = (double[]) f.invoke(null, xm, am);
      for (int i = 0; i < 4; i++) {
        assertEquals((fp[i] - fm[i]) / (2 * h), jac[i][k], 1e-7, "J[" + i + "][" + k + "]");
      }
    }
  }

  @Test
  void whileLoop() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double x, double y) {
            double s = x;
            int k = 0;
            while (s < 10 && k < 50) {
              s = s * 1.5 + y;
              k++;
            }
            return s;
          }
        """,
        "while (s < 10 && k < 50)",
        NONE,
        r -> args(u(r, 0.1, 2), u(r, 0.1, 1)));
  }

  @Test
  void doWhileLoop() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double x) {
            double s = 1;
            int k = 0;
            do {
              s = Math.sin(s) * x + 1;
              k++;
            } while (k < 4);
            return s;
          }
        """,
        "do {",
        NONE,
        r -> args(u(r, -2, 2)));
  }

  @Test
  void breakAndContinueInACountedLoop() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double x, double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              if (v[i] < -0.5) {
                continue;
              }
              s = s * x + v[i];
              if (s > 3) {
                break;
              }
            }
            return s;
          }
        """,
        "continue;",
        NONE,
        r -> args(u(r, -2, 2), array(r, 1 + r.nextInt(6), -1.5, 1.5)));
  }

  @Test
  void returnInsideALoop() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double x, double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              s += v[i] * x;
              if (s > 1) {
                return s * s;
              }
            }
            return s;
          }
        """,
        "return s * s;",
        NONE,
        r -> args(u(r, -2, 2), array(r, 1 + r.nextInt(6), -1, 1)));
  }

  @Test
  void forLoopThatIsNotCounted() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double x, int n) {
            double s = 1;
            for (int i = 1; i < n; i *= 2) {
              s = s * x + i;
            }
            return s;
          }
        """,
        "for (int i = 1; i < n; i *= 2)",
        NONE,
        r -> args(u(r, -1.5, 1.5), r.nextInt(40)));
  }

  @Test
  void forLoopWhoseBodyAssignsTheIndex() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double x, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              s = s * x + i;
              if (s > 2) {
                i += 1;
              }
            }
            return s;
          }
        """,
        "for (int i = 0; i < n; i++)",
        NONE,
        r -> args(u(r, -1.5, 1.5), r.nextInt(12)));
  }

  @Test
  void labelledBreakAndContinue() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double x, double[] v) {
            double s = 0;
            outer:
            for (int i = 0; i < v.length; i++) {
              for (int j = 0; j < v.length; j++) {
                if (v[j] > 0.8) {
                  continue outer;
                }
                s = s * 0.5 + v[i] * v[j] * x;
                if (s > 2) {
                  break outer;
                }
              }
            }
            return s;
          }
        """,
        "outer:",
        NONE,
        r -> args(u(r, -2, 2), array(r, 1 + r.nextInt(5), -1, 1)));
  }

  @Test
  void sideEffectInALoopCondition() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double x, int n) {
            double s = 1;
            int k = n;
            while (k-- > 0) {
              s = s * x + k;
            }
            return s;
          }
        """,
        "while (k-- > 0)",
        NONE,
        r -> args(u(r, -1.5, 1.5), r.nextInt(7)));
  }

  /** Writing an element of a parameter array (the value returned is the overwritten element). */
  @Test
  void writeToAParameterArray() throws Exception {
    rejectedAtOrCorrect(
        """
          @Differentiable
          static double f(double[] x) {
            x[0] = 2 * x[1];
            return x[0] * x[1];
          }
        """,
        "x[0] = 2",
        List.<Object[]>of(args(new double[] {0.5, 3})),
        r -> args(array(r, 2 + r.nextInt(3), -2, 2)));
  }

  // ---------------------------------------------------------------- the user contract

  @Test
  void wrongGradientLengthThrowsIllegalArgumentException() throws Exception {
    Method m = method(derivatives, "hornerValueAndGradient");
    InvocationTargetException e =
        assertThrows(
            InvocationTargetException.class,
            () -> m.invoke(null, new double[] {1, 2, 3}, 0.5, new double[3]));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("gradient"), e.getCause().getMessage());
  }

  /**
   * A gradient sized for the scalars alone: the message names the arrays differentiated by default.
   */
  @Test
  void gradientSizedForTheScalarsSuggestsNoDerivative() throws Exception {
    Method m = method(derivatives, "hornerValueAndGradient");
    InvocationTargetException e =
        assertThrows(
            InvocationTargetException.class,
            () -> m.invoke(null, new double[] {1, 2, 3}, 0.5, new double[1]));
    String message = e.getCause().getMessage();
    assertEquals(
        "gradient has length 1, expected 4 (c, x): c is differentiated by default; if it is data,"
            + " mark it @NoDerivative, or name the differentiated parameters in @Differentiable(wrt)",
        message);
    // any other wrong length keeps the plain message
    InvocationTargetException other =
        assertThrows(
            InvocationTargetException.class,
            () -> m.invoke(null, new double[] {1, 2, 3}, 0.5, new double[3]));
    assertEquals("gradient has length 3, expected 4 (c, x)", other.getCause().getMessage());
  }

  @Test
  void gradientIsOverwrittenNotAccumulated() throws Exception {
    Method m = method(derivatives, "branchyValueAndGradient");
    double[] g = {1e9, -1e9};
    m.invoke(null, 0.3, 0.2, g);
    double[] once = g.clone();
    m.invoke(null, 0.3, 0.2, g);
    assertArrayEquals(once, g);
    assertTrue(Math.abs(g[0]) < 10 && Math.abs(g[1]) < 10, Arrays.toString(g));
  }

  // ---------------------------------------------------------------- checking

  private static double u(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  private static double[] array(Random r, int n, double lo, double hi) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = u(r, lo, hi);
    }
    return a;
  }

  private static void check(String name, List<Object[]> fixed, Function<Random, Object[]> random)
      throws Exception {
    check(fit, name, fixed, random);
  }

  /**
   * At the fixed points and at seeded random ones: the generated value equals the original's, the
   * gradient (in flat layout over the wrt parameters) agrees with central differences, the inputs
   * are left untouched and the record-returning method agrees with the value-and-gradient one.
   */
  private static void check(
      Compiled target, String name, List<Object[]> fixed, Function<Random, Object[]> random)
      throws Exception {
    check(target, name, fixed, random, (args, fd) -> {});
  }

  private static void check(
      Compiled target,
      String name,
      List<Object[]> fixed,
      Function<Random, Object[]> random,
      java.util.function.BiConsumer<Object[], double[]> adjust)
      throws Exception {
    check(target, name, fixed, random, adjust, false);
  }

  /**
   * {@code writesParameters}: the original writes into its array parameters; whether the generated
   * method repeats those writes is left open, only value and gradient are compared.
   */
  private static void check(
      Compiled target,
      String name,
      List<Object[]> fixed,
      Function<Random, Object[]> random,
      java.util.function.BiConsumer<Object[], double[]> adjust,
      boolean writesParameters)
      throws Exception {
    int[] wrt = Signatures.wrt(target.source(), name);
    Method original = method(target.owner(), name);
    Method valueAndGradient = method(target.derivatives(), name + "ValueAndGradient");
    Method byName = method(target.derivatives(), name + "Gradient");
    Random r = new Random(name.hashCode());
    List<Object[]> points = new ArrayList<>(fixed);
    for (int i = 0; i < RANDOM_POINTS; i++) {
      points.add(random.apply(r));
    }
    for (Object[] args : points) {
      String at = name + Arrays.deepToString(args);
      Object[] originalArgs = deepCopy(args);
      double value = call(original, originalArgs);
      int n = flatLength(args, wrt);
      double[] gradient = new double[n];
      Arrays.fill(gradient, Double.NaN);
      Object[] withGradient = Arrays.copyOf(deepCopy(args), args.length + 1);
      withGradient[args.length] = gradient;
      double generatedValue = call(valueAndGradient, withGradient);
      if (!writesParameters) {
        assertTrue(
            Arrays.deepEquals(deepCopy(args), Arrays.copyOf(withGradient, args.length)),
            "the generated method modified its arguments at " + at);
      }
      assertEquals(value, generatedValue, 1e-12 * Math.max(1, Math.abs(value)), "value at " + at);
      // fourth-order central differences, step 1e-4·max(1, |x|)
      double[] expected =
          Differences.fourthOrder(a -> call(original, a), args, wrt, Differences.relative(1e-4));
      adjust.accept(args, expected);
      for (int k = 0; k < n; k++) {
        double tol = RTOL * Math.max(1, Math.max(Math.abs(expected[k]), Math.abs(gradient[k])));
        if (!(Math.abs(expected[k] - gradient[k]) <= tol)) {
          fail(
              "gradient["
                  + k
                  + "] at "
                  + at
                  + ": generated "
                  + gradient[k]
                  + ", central differences "
                  + expected[k]
                  + "\ngenerated "
                  + Arrays.toString(gradient)
                  + "\nexpected  "
                  + Arrays.toString(expected));
        }
      }
      Object record = byName.invoke(null, deepCopy(args));
      checkRecord(record, value, gradient, args, wrt, at);
    }
  }

  private static void checkRecord(
      Object record, double value, double[] gradient, Object[] args, int[] wrt, String at)
      throws Exception {
    RecordComponent[] components = record.getClass().getRecordComponents();
    assertEquals(1 + wrt.length, components.length, "record components at " + at);
    assertEquals(
        value,
        (double) accessor(components[0]).invoke(record),
        1e-12 * Math.max(1, Math.abs(value)));
    int offset = 0;
    for (int j = 0; j < wrt.length; j++) {
      Object component = accessor(components[j + 1]).invoke(record);
      if (args[wrt[j]] instanceof double[] a) {
        assertArrayEquals(
            Arrays.copyOfRange(gradient, offset, offset + a.length),
            (double[]) component,
            0.0,
            "record component " + components[j + 1].getName() + " at " + at);
        offset += a.length;
      } else {
        assertEquals(
            gradient[offset],
            (double) component,
            0.0,
            "record component " + components[j + 1].getName() + " at " + at);
        offset++;
      }
    }
  }

  private static Method accessor(RecordComponent c) {
    Method m = c.getAccessor();
    m.setAccessible(true);
    return m;
  }

  private static int flatLength(Object[] args, int[] wrt) {
    return Differences.size(args, wrt);
  }

  private static Object[] deepCopy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      }
    }
    return out;
  }

  private static double call(Method m, Object[] args) {
    try {
      return (double) m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(
          m.getName() + " threw at " + Arrays.deepToString(args), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(m.getName(), e);
    }
  }

  /**
   * The method of that name; of the value-and-gradient overloads, the one without a workspace (the
   * other one is checked against it in {@link #workspaceOverloadAgreesAndIsReusable}).
   */
  private static Method method(Class<?> c, String name) {
    List<Method> found =
        Arrays.stream(c.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .filter(
                m ->
                    !m.getParameterTypes()[m.getParameterCount() - 1]
                        .getSimpleName()
                        .endsWith("Workspace"))
            .collect(Collectors.toList());
    assertEquals(
        1,
        found.size(),
        c.getName()
            + "."
            + name
            + " in "
            + Arrays.stream(c.getDeclaredMethods())
                .map(Method::getName)
                .sorted()
                .collect(Collectors.joining(", ")));
    Method m = found.get(0);
    m.setAccessible(true);
    return m;
  }
}
