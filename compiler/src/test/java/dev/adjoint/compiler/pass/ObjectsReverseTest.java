package dev.adjoint.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.frontend.MethodLowering;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.testing.Classes;
import org.junit.jupiter.api.Test;

/**
 * Objects in differentiable code against the interpreter's oracle: the receiver's fields, fields in
 * {@code wrt}, records as parameters, made in the method and returned from helpers, and helper
 * objects with constructors.
 */
class ObjectsReverseTest {
  private static final String MODEL =
      """
      class Model {
        private final double[] weights;
        private final double bias;
        final double scale;
        Model(double[] weights, double bias, double scale) {
          this.weights = weights; this.bias = bias; this.scale = scale;
        }
        @Differentiable(wrt = {"weights", "bias"})
        double fit(double[] x, double y) {
          double s = predict(x) - y;
          return scale * s * s;
        }
        private double predict(double[] x) {
          double s = bias;
          for (int i = 0; i < x.length; i++) {
            s += weights[i] * x[i];
          }
          return Math.tanh(s);
        }
      }
      """;

  @Test
  void fieldsInWrtComeAfterTheParametersInDeclarationOrder() {
    Classes classes = Classes.of(MODEL);
    Lowered lowered =
        MethodLowering.lower(classes.request("Model", "fit"), classes.resolver("Model"));
    assertEquals("[]", lowered.diagnostics().all().toString());
    assertEquals(
        "[x, y, weights, bias, scale]",
        lowered.function().params().stream().map(Var::name).toList().toString());
    assertEquals("[weights, bias]", lowered.wrt().stream().map(Var::name).toList().toString());
    GradientOracle.check(
        lowered,
        r ->
            new Object[] {
              new double[] {r.nextGaussian(), r.nextGaussian()},
              r.nextGaussian(),
              new double[] {r.nextGaussian(), r.nextGaussian()},
              r.nextGaussian(),
              1 + r.nextDouble()
            },
        1e-6);
  }

  @Test
  void lengthOfAnArrayFieldIsTheArraysLength() {
    String source =
        """
        class Layer {
          private final double[] w;
          private double b;
          Layer(double[] w, double b) { this.w = w; this.b = b; }
          @Differentiable(wrt = {"w", "b"})
          double out(double[] x) {
            double s = b;
            for (int j = 0; j < w.length; j++) {
              s += w[j] * x[j % x.length];
            }
            return Math.tanh(s) + this.w.length * 0.0 + scaled();
          }
          private double scaled() {
            double t = 0;
            for (int j = 0; j < w.length; j++) {
              t += w[j] * w[j];
            }
            return t;
          }
        }
        """;
    Classes classes = Classes.of(source);
    Lowered lowered =
        MethodLowering.lower(classes.request("Layer", "out"), classes.resolver("Layer"));
    assertEquals("[]", lowered.diagnostics().all().toString());
    GradientOracle.check(
        lowered,
        r ->
            new Object[] {
              new double[] {r.nextGaussian(), r.nextGaussian()},
              new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()},
              r.nextGaussian()
            },
        1e-6);
  }
}
