package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.processor.ProcessorHarness.GeneratedClassLoader;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkpointed loops through javac with the processor under {@code -Xlint:all}: each method is
 * declared twice, with {@code checkpoints = 3} and with full storage, and the generated gradients
 * (and Hessian-vector products with {@code order = 2}) must agree to rounding order at trip counts
 * from 0 to well past the snapshots: a while loop, matrix state, an instance method over fields,
 * and a loop over a record's arrays.
 */
class CheckpointsJavacTest {
  static final Source LOOPS =
      Source.of(
          "cp.Loops",
          """
      package cp;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class Loops {
        private final double[] weights;
        private final double decay;

        public Loops(double[] weights, double decay) {
          this.weights = weights;
          this.decay = decay;
        }

        public record Params(double[] u, double rate) {}

        @Differentiable(checkpoints = 3, order = 2)
        static double whileLoop(double a, double b, @NoDerivative int steps) {
          double x = a;
          int k = 0;
          while (k < steps) {
            x = x > 1 ? x * 0.5 + b : Math.sin(x) * b + x * x;
            k++;
          }
          return x;
        }

        @Differentiable(order = 2)
        static double whileLoopFull(double a, double b, @NoDerivative int steps) {
          double x = a;
          int k = 0;
          while (k < steps) {
            x = x > 1 ? x * 0.5 + b : Math.sin(x) * b + x * x;
            k++;
          }
          return x;
        }

        @Differentiable(checkpoints = 3)
        static double matrix(double[][] m, double w, @NoDerivative int steps) {
          double[][] a = new double[m.length][m[0].length];
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
              a[i][j] = m[i][j];
            }
          }
          for (int s = 0; s < steps; s++) {
            int r = s % a.length;
            for (int j = 0; j < m[0].length; j++) {
              a[r][j] = Math.tanh(w * a[r][j] + a[(r + 1) % a.length][j]);
            }
          }
          double sum = 0;
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
              sum += a[i][j] * a[i][j];
            }
          }
          return sum;
        }

        @Differentiable
        static double matrixFull(double[][] m, double w, @NoDerivative int steps) {
          double[][] a = new double[m.length][m[0].length];
          for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
              a[i][j] = m[i][j];
            }
          }
          for (int s = 0; s < steps; s++) {
            int r = s % a.length;
            for (int j = 0; j < m[0].length; j++) {
              a[r][j] = Math.tanh(w * a[r][j] + a[(r + 1) % a.length][j]);
            }
          }
          double sum = 0;
          for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
              sum += a[i][j] * a[i][j];
            }
          }
          return sum;
        }

        @Differentiable(checkpoints = 3, wrt = {"x", "weights", "decay"})
        double field(double x, @NoDerivative int steps) {
          double h = x;
          for (int s = 0; s < steps; s++) {
            double z = 0;
            for (int j = 0; j < weights.length; j++) {
              z += weights[j] * Math.cos(h + j);
            }
            h = decay * h + Math.tanh(z);
          }
          return h * h;
        }

        @Differentiable(wrt = {"x", "weights", "decay"})
        double fieldFull(double x, @NoDerivative int steps) {
          double h = x;
          for (int s = 0; s < steps; s++) {
            double z = 0;
            for (int j = 0; j < weights.length; j++) {
              z += weights[j] * Math.cos(h + j);
            }
            h = decay * h + Math.tanh(z);
          }
          return h * h;
        }

        @Differentiable(checkpoints = 3)
        static double record(Params p, @NoDerivative int steps) {
          double[] u = p.u().clone();
          double[] next = new double[u.length];
          for (int s = 0; s < steps; s++) {
            for (int i = 0; i < u.length; i++) {
              next[i] = u[i] + p.rate() * (u[(i + 1) % u.length] - u[i]) + 0.1 * Math.sin(u[i]);
            }
            for (int i = 0; i < u.length; i++) {
              u[i] = next[i];
            }
          }
          return u[0] * u[u.length - 1];
        }

        @Differentiable
        static double recordFull(Params p, @NoDerivative int steps) {
          double[] u = p.u().clone();
          double[] next = new double[u.length];
          for (int s = 0; s < steps; s++) {
            for (int i = 0; i < u.length; i++) {
              next[i] = u[i] + p.rate() * (u[(i + 1) % u.length] - u[i]) + 0.1 * Math.sin(u[i]);
            }
            for (int i = 0; i < u.length; i++) {
              u[i] = next[i];
            }
          }
          return u[0] * u[u.length - 1];
        }
      }
      """);

  private static Class<?> owner;
  private static Class<?> derivatives;
  private static final int[] TRIPS = {0, 1, 2, 3, 4, 9, 40};

  @BeforeAll
  static void compileOnce() throws ClassNotFoundException {
    Compilation compilation = compileLinted(LOOPS);
    assertNoCrash(compilation);
    assertThat(compilation).succeeded();
    assertEquals(
        List.of(),
        compilation.warnings().stream().map(ProcessorHarness::message).collect(Collectors.toList()),
        describe(compilation));
    GeneratedClassLoader loader = new GeneratedClassLoader(compilation);
    owner = loader.loadClass("cp.Loops");
    derivatives = loader.loadClass("cp.LoopsDerivatives");
  }

  private static Method method(String name) {
    for (Method m : derivatives.getDeclaredMethods()) {
      if (m.getName().equals(name)
          && !List.of(m.getParameterTypes()).toString().contains("Workspace")) {
        return m;
      }
    }
    throw new AssertionError("no " + name);
  }

  private static void same(double[] full, double[] checkpointed, String what) {
    double largest = 1e-300;
    for (double x : full) {
      largest = Math.max(largest, Math.abs(x));
    }
    for (int k = 0; k < full.length; k++) {
      assertEquals(full[k], checkpointed[k], 1e-12 * largest, what + " [" + k + "]");
    }
  }

  @Test
  void whileLoopGradientAndHessianVectorProduct() throws Exception {
    for (int steps : TRIPS) {
      double[] g = new double[2];
      double[] f = new double[2];
      double v1 = (double) method("whileLoopValueAndGradient").invoke(null, 0.4, 0.6, steps, g);
      double v2 = (double) method("whileLoopFullValueAndGradient").invoke(null, 0.4, 0.6, steps, f);
      assertEquals(v2, v1, 0.0);
      same(f, g, "gradient at " + steps);
      double[] v = {0.3, -0.7};
      double[] hv = new double[2];
      double[] hf = new double[2];
      method("whileLoopHessianVector").invoke(null, 0.4, 0.6, steps, new double[2], v, hv);
      method("whileLoopFullHessianVector").invoke(null, 0.4, 0.6, steps, new double[2], v, hf);
      same(hf, hv, "Hessian-vector product at " + steps);
    }
  }

  @Test
  void matrixState() throws Exception {
    for (int steps : TRIPS) {
      double[][] m = {{0.1, -0.4}, {0.5, 0.2}, {-0.3, 0.7}};
      double[] g = new double[7];
      double[] f = new double[7];
      method("matrixValueAndGradient").invoke(null, m, 0.8, steps, g);
      method("matrixFullValueAndGradient").invoke(null, m, 0.8, steps, f);
      same(f, g, "gradient at " + steps);
    }
  }

  @Test
  void instanceMethodOverFields() throws Exception {
    Object self =
        owner
            .getConstructor(double[].class, double.class)
            .newInstance(new double[] {0.3, -0.2, 0.5}, 0.7);
    for (int steps : TRIPS) {
      double[] g = new double[5];
      double[] f = new double[5];
      method("fieldValueAndGradient").invoke(null, self, 0.2, steps, g);
      method("fieldFullValueAndGradient").invoke(null, self, 0.2, steps, f);
      same(f, g, "gradient at " + steps);
    }
  }

  @Test
  void recordOfArrays() throws Exception {
    Class<?> params = owner.getClassLoader().loadClass("cp.Loops$Params");
    Object p =
        params
            .getConstructor(double[].class, double.class)
            .newInstance(new double[] {0.2, -0.5, 0.9, 0.1}, 0.3);
    for (int steps : TRIPS) {
      double[] g = new double[5];
      double[] f = new double[5];
      method("recordValueAndGradient").invoke(null, p, steps, g);
      method("recordFullValueAndGradient").invoke(null, p, steps, f);
      same(f, g, "gradient at " + steps);
    }
  }
}
