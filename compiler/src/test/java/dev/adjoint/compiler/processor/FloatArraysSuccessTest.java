package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static dev.adjoint.compiler.testing.FloatTwins.awkward;
import static dev.adjoint.compiler.testing.FloatTwins.widen;
import static dev.adjoint.compiler.testing.Points.append;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * float[] and float[][] parameters and locals, float and float[] results, through javac: the
 * generated class compiles without a warning; every generated method returns the user's value bit
 * for bit; the derivatives of every mode agree to float precision with those of the same methods
 * written with double (compiled alongside, and checked against fourth-order central differences),
 * and the gradient with central differences of the float method itself, at random points and at
 * awkward ones (zeros, ties, ±½, ±1, 2).
 */
class FloatArraysSuccessTest {
  private static final String FLOATS =
      """
      package floats;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class F {
        private F() {}

        @Differentiable(order = 2)
        static float loss(float[] w, float b, @NoDerivative float[][] x, @NoDerivative float[] y) {
          float[] residual = new float[y.length];
          for (int i = 0; i < y.length; i++) {
            float[] row = x[i];
            float p = b;
            for (int j = 0; j < w.length; j++) {
              p += w[j] * row[j];
            }
            residual[i] = p - y[i];
          }
          float sum = 0;
          for (float r : residual) {
            sum += r * r;
          }
          float[] decay = w.clone();
          for (int j = 0; j < decay.length; j++) {
            decay[j] *= 0.5f;
          }
          float penalty = 0;
          for (float d : decay) {
            penalty += Math.abs(d) + Math.max(d, b) * 0.25f;
          }
          return sum / y.length + penalty;
        }

        @Differentiable(order = 2)
        static double energy(float[][] m, double k, @NoDerivative int n) {
          float[][] squared = new float[m.length][n];
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < n; j++) {
              squared[i][j] = m[i][j] * m[i][j];
              squared[i][j] -= (float) (k * m[i][j]);
            }
          }
          double e = 0;
          for (float[] row : squared) {
            for (double v : row) {
              e += v * k;
            }
          }
          float[][] weights = {{1, 2}, {0.5f, -1}};
          return e + weights[1][0] * m[0][1] + m.length;
        }

        @Differentiable
        static float[] residuals(float[] p, @NoDerivative float[] x) {
          float[] r = new float[x.length];
          for (int i = 0; i < x.length; i++) {
            r[i] = p[0] * x[i] * x[i] + (float) Math.sin(p[1] * x[i]) - p[2];
          }
          return r;
        }
      }
      """;

  /** The same methods written with double: the oracle's twins. */
  private static final String DOUBLES =
      FLOATS
          .replace("class F ", "class D ")
          .replace("private F()", "private D()")
          .replace("(float) ", "")
          .replace("float", "double")
          .replaceAll("(\\d+(\\.\\d+)?)f\\b", "$1")
          .replace("package doubles", "package floats");

  private static Compilation compilation;
  private static Class<?> owner;
  private static Class<?> derivatives;
  private static Class<?> twin;
  private static Class<?> twinDerivatives;

  @BeforeAll
  static void compileOnce() throws ClassNotFoundException {
    compilation = compileLinted(Source.of("floats.F", FLOATS), Source.of("floats.D", DOUBLES));
    assertNoCrash(compilation);
    assertThat(compilation).succeeded();
    GeneratedClassLoader loader = new GeneratedClassLoader(compilation);
    owner = loader.loadClass("floats.F");
    derivatives = loader.loadClass("floats.FDerivatives");
    twin = loader.loadClass("floats.D");
    twinDerivatives = loader.loadClass("floats.DDerivatives");
  }

  @Test
  void generatedCodeCompilesWithoutWarnings() {
    List<String> warnings =
        compilation.warnings().stream()
            .map(ProcessorHarness::message)
            .filter(m -> !m.startsWith("No processor claimed any of these annotations"))
            .collect(Collectors.toList());
    assertEquals(List.of(), warnings, describe(compilation));
  }

  @Test
  void floatResultWithFloatArrayAndMatrixData() throws Exception {
    check(
        "loss",
        r -> {
          float[][] x = new float[5][3];
          for (float[] row : x) {
            fill(r, row);
          }
          return new Object[] {
            fill(r, new float[3]), (float) r.nextGaussian(), x, fill(r, new float[5])
          };
        });
  }

  @Test
  void floatMatrixParameterWithDoubleResult() throws Exception {
    check(
        "energy",
        r -> {
          float[][] m = {fill(r, new float[2]), fill(r, new float[3]), fill(r, new float[2])};
          return new Object[] {m, r.nextGaussian(), 2};
        });
  }

  @Test
  void floatArrayResultJacobianPullbackAndTangent() throws Exception {
    Random r = new Random(3);
    for (int point = 0; point < 8; point++) {
      int outputs = point % 2 == 0 ? 2 : 6; // fewer outputs than the 3 inputs (reverse), more
      Object[] a = {fill(r, new float[3]), fill(r, new float[outputs])};
      if (point % 4 >= 2) {
        awkward(a, r, true);
      }
      Object[] d = widen(a);
      float[] value = (float[]) invoke(method(owner, "residuals"), copy(a));
      double[][] jac = new double[outputs][3];
      double[][] twinJac = new double[outputs][3];
      Object got = invoke(method(derivatives, "residualsJacobian"), append(copy(a), jac));
      assertArrayEquals(value, (float[]) got, "Jacobian's value at " + Arrays.deepToString(a));
      invoke(method(twinDerivatives, "residualsJacobian"), append(copy(d), twinJac));
      for (int i = 0; i < outputs; i++) {
        int output = i;
        double[] fd =
            Differences.fourthOrder(
                x -> ((double[]) invoke(method(twin, "residuals"), x))[output],
                d,
                new int[] {0},
                Differences.relative(1e-4));
        close("double twin's J[" + i + "]", twinJac[i], fd, 1e-6 * scale(fd), d);
        close("J[" + i + "]", jac[i], twinJac[i], 1e-4 * scale(twinJac[i]), a);
      }
      double[] seed = gaussian(r, outputs);
      double[] vjp = new double[3];
      got = invoke(method(derivatives, "residualsPullback"), append(append(copy(a), seed), vjp));
      assertArrayEquals(value, (float[]) got, "pullback's value");
      double[] direction = gaussian(r, 3);
      double[] jvp = new double[outputs];
      got =
          invoke(
              method(derivatives, "residualsTangent"),
              append(append(copy(a), direction.clone()), jvp));
      assertArrayEquals(value, (float[]) got, "tangent's value");
      double[] seedJ = new double[3];
      double[] jv = new double[outputs];
      for (int i = 0; i < outputs; i++) {
        for (int k = 0; k < 3; k++) {
          seedJ[k] += seed[i] * twinJac[i][k];
          jv[i] += twinJac[i][k] * direction[k];
        }
      }
      close("pullback", vjp, seedJ, 1e-4 * scale(seedJ) * outputs, a);
      close("tangent", jvp, jv, 1e-4 * scale(jv) * 3, a);
    }
  }

  // ------------------------------------------------------------------------------------ oracle

  private interface Args {
    Object[] make(Random r);
  }

  /**
   * Every mode of the float method {@code name} against its double twin, at random points and (odd
   * ones) awkward points; the twin's gradient against fourth-order central differences, and the
   * float gradient against central differences of the float method with a step it represents.
   */
  private static void check(String name, Args args) throws Exception {
    int[] wrt = Signatures.wrt(FLOATS, name);
    Random r = new Random(name.hashCode());
    for (int point = 0; point < 8; point++) {
      Object[] a = args.make(r);
      if (point % 2 == 1) {
        awkward(a, r, true);
      }
      Object[] d = widen(a);
      Object value = invoke(method(owner, name), copy(a));
      int n = Differences.size(a, wrt);
      double[] g = new double[n];
      Arrays.fill(g, Double.NaN);
      Object[] withGradient = append(copy(a), g);
      assertEquals(value, invoke(method(derivatives, name + "ValueAndGradient"), withGradient));
      assertTrue(
          Arrays.deepEquals(a, Arrays.copyOf(withGradient, a.length)),
          "the generated method modified its arguments");
      double[] twinGradient = new double[n];
      invoke(method(twinDerivatives, name + "ValueAndGradient"), append(copy(d), twinGradient));
      double[] fourth =
          Differences.fourthOrder(
              x -> number(invoke(method(twin, name), x)), d, wrt, Differences.relative(1e-4));
      double scale = scale(twinGradient);
      close("double twin's gradient", twinGradient, fourth, 1e-6 * scale, d);
      close("gradient", g, twinGradient, 1e-4 * scale, a);
      double[] central =
          Differences.central(
              x -> number(invoke(method(owner, name), x)), a, wrt, Differences.absolute(0x1p-7));
      close("gradient against the float method's differences", g, central, 2e-3 * scale, a);
      workspace(name, a, g, value);
      record(name, a, g, value, wrt);
      double[] v = gaussian(r, n);
      double t = (double) invoke(method(derivatives, name + "Tangent"), append(copy(a), v.clone()));
      double dot = 0;
      for (int k = 0; k < n; k++) {
        dot += twinGradient[k] * v[k];
      }
      close("tangent", new double[] {t}, new double[] {dot}, 1e-4 * scale * n, a);
      secondOrder(name, a, d, value, v);
    }
  }

  /** The Hessian-vector product and the Hessian against the twin's; the value bit for bit. */
  private static void secondOrder(String name, Object[] a, Object[] d, Object value, double[] v)
      throws Exception {
    int n = v.length;
    double[] hv = new double[n];
    Object got =
        invoke(
            method(derivatives, name + "HessianVector"),
            append(append(append(copy(a), v.clone()), new double[n]), hv));
    assertEquals(value, got, "Hessian-vector product's value");
    double[] twinHv = new double[n];
    invoke(
        method(twinDerivatives, name + "HessianVector"),
        append(append(append(copy(d), v.clone()), new double[n]), twinHv));
    close("Hessian-vector product", hv, twinHv, 1e-4 * scale(twinHv) * n, a);
    double[][] h = new double[n][n];
    double[][] twinH = new double[n][n];
    got = invoke(method(derivatives, name + "Hessian"), append(append(copy(a), new double[n]), h));
    assertEquals(value, got, "Hessian's value");
    invoke(
        method(twinDerivatives, name + "Hessian"), append(append(copy(d), new double[n]), twinH));
    for (int k = 0; k < n; k++) {
      close("Hessian row " + k, h[k], twinH[k], 1e-4 * scale(twinH[k]) * n, a);
    }
  }

  /** The workspace overload, if generated, agrees exactly with the plain method. */
  private static void workspace(String name, Object[] a, double[] g, Object value)
      throws Exception {
    for (Method m : derivatives.getDeclaredMethods()) {
      Class<?>[] types = m.getParameterTypes();
      if (m.getName().equals(name + "ValueAndGradient")
          && types[types.length - 1].getSimpleName().endsWith("Workspace")) {
        Object ws = types[types.length - 1].getDeclaredConstructor().newInstance();
        for (int call = 0; call < 2; call++) {
          double[] g2 = new double[g.length];
          assertEquals(value, invoke(m, append(append(copy(a), g2), ws)), "workspace value");
          assertArrayEquals(g, g2, 0.0, "workspace gradient");
        }
      }
    }
  }

  /** The record holds the gradient as doubles of each parameter's shape. */
  private static void record(String name, Object[] a, double[] g, Object value, int[] wrt)
      throws Exception {
    Object record = invoke(method(derivatives, name + "Gradient"), copy(a));
    RecordComponent[] components = record.getClass().getRecordComponents();
    assertEquals(number(value), (double) components[0].getAccessor().invoke(record), 0.0);
    int offset = 0;
    for (int j = 0; j < wrt.length; j++) {
      Object c = components[j + 1].getAccessor().invoke(record);
      Object p = a[wrt[j]];
      if (p instanceof float[][] m) {
        double[][] rows = (double[][]) c;
        for (int i = 0; i < m.length; i++) {
          assertArrayEquals(Arrays.copyOfRange(g, offset, offset + m[i].length), rows[i], 0.0);
          offset += m[i].length;
        }
      } else if (p instanceof float[] x) {
        assertArrayEquals(Arrays.copyOfRange(g, offset, offset + x.length), (double[]) c, 0.0);
        offset += x.length;
      } else {
        assertEquals(g[offset++], (double) c, 0.0);
      }
    }
  }

  private static void close(String what, double[] got, double[] want, double tol, Object[] at) {
    for (int k = 0; k < want.length; k++) {
      if (!(Math.abs(got[k] - want[k]) <= tol)) {
        fail(
            what
                + "["
                + k
                + "] = "
                + got[k]
                + ", expected "
                + want[k]
                + " (tolerance "
                + tol
                + ") at "
                + Arrays.deepToString(at)
                + "\ngot      "
                + Arrays.toString(got)
                + "\nexpected "
                + Arrays.toString(want));
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

  // ------------------------------------------------------------------------------------ points

  private static float[] fill(Random r, float[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static double[] gaussian(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  private static Object[] copy(Object[] a) {
    return Differences.copy(a);
  }

  private static double number(Object v) {
    return ((Number) v).doubleValue();
  }

  private static Object invoke(Method m, Object[] args) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(m.getName(), e);
    }
  }

  /** The method of that name; of the value-and-gradient overloads, the one without a workspace. */
  private static Method method(Class<?> c, String name) {
    List<Method> found =
        Arrays.stream(c.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .filter(
                m ->
                    m.getParameterCount() == 0
                        || !m.getParameterTypes()[m.getParameterCount() - 1]
                            .getSimpleName()
                            .endsWith("Workspace"))
            .collect(Collectors.toList());
    assertEquals(1, found.size(), c.getName() + "." + name);
    Method m = found.get(0);
    m.setAccessible(true);
    return m;
  }
}
