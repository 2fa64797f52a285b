package dev.adjoint.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.frontend.MethodLowering;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.testing.Classes;
import java.util.List;
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

  /**
   * A receiver field keeps its name ({@code k2}) as a parameter of the IR function; a local the
   * frontend makes later, here for the inlined constructor's parameter {@code k} of a helper
   * object, must not take it (found by the random programs: "redeclaration of 'k2'").
   */
  @Test
  void inlinedLocalsNeverTakeTheNameOfABoundField() {
    Classes classes =
        Classes.of(
            """
            class Model {
              double k2;
              Model(double k2) { this.k2 = k2; }
              @Differentiable(wrt = {"x", "k2"})
              double f(double x) {
                return new Spring(Math.sin(x), 0.5).energy(x) * help(x);
              }
              private double help(double x) {
                return k2 * x;
              }
            }
            final class Spring {
              final double k;
              private final double c;
              Spring(double k, double c) { this.k = k; this.c = c; }
              double energy(double x) { return k * Math.tanh(x - c); }
            }
            """);
    Lowered lowered =
        MethodLowering.lower(classes.request("Model", "f"), classes.resolver("Model"));
    assertEquals("[]", lowered.diagnostics().all().toString());
    assertEquals(
        "[x, k2]", lowered.function().params().stream().map(Var::name).toList().toString());
    GradientOracle.check(lowered, r -> new Object[] {r.nextGaussian(), r.nextGaussian()}, 1e-6);
  }

  /**
   * The same when the field is read only after the helper object's constructor was inlined: the
   * field's parameter then takes another name, and the local keeps its own (found by the random
   * programs).
   */
  @Test
  void aFieldReadAfterAnInlinedLocalTookItsName() {
    Classes classes =
        Classes.of(
            """
            class Model {
              final double k2;
              Model(double k2) { this.k2 = k2; }
              @Differentiable
              double f(double x) {
                double s = new Spring(Math.sin(x), 0.5).energy(x);
                return s * help(x);
              }
              private double help(double x) {
                return k2 * x * x;
              }
            }
            final class Spring {
              final double k;
              private final double c;
              Spring(double k, double c) { this.k = k; this.c = c; }
              double energy(double x) { return k * Math.tanh(x - c); }
            }
            """);
    Lowered lowered =
        MethodLowering.lower(classes.request("Model", "f"), classes.resolver("Model"));
    assertEquals("[]", lowered.diagnostics().all().toString());
    assertEquals(2, lowered.function().params().size());
    GradientOracle.check(lowered, r -> new Object[] {r.nextGaussian(), r.nextGaussian()}, 1e-6);
  }

  /**
   * {@code ws.length} of a receiver's array field, written bare, in the method and in a private
   * helper instance method (found by the random programs: AD203 "'ws.length' is not a parameter").
   */
  @Test
  void theLengthOfAnArrayFieldWrittenBare() {
    Classes classes =
        Classes.of(
            """
            class Model {
              private final double[] ws;
              Model(double[] ws) { this.ws = ws; }
              @Differentiable(wrt = {"x", "ws"})
              double f(double x) {
                double s = 0;
                for (int i = 0; i < ws.length; i++) {
                  s += ws[i] * x;
                }
                return s + help(x);
              }
              private double help(double x) {
                return ws[ws.length - 1] * Math.sin(x);
              }
            }
            """);
    Lowered lowered =
        MethodLowering.lower(classes.request("Model", "f"), classes.resolver("Model"));
    assertEquals("[]", lowered.diagnostics().all().toString());
    GradientOracle.check(
        lowered,
        r -> new Object[] {r.nextGaussian(), new double[] {r.nextGaussian(), r.nextGaussian()}},
        1e-6);
  }

  /**
   * A method called on a new helper object: the constructor (with its arguments' side effects) runs
   * once, not once when the frontend asks whether the call reads a record component, or whether it
   * returns an object (as another constructor's or a helper's argument), and again for the call
   * itself (found by the random programs: the compiled method and the interpreter disagreed).
   */
  @Test
  void aHelperObjectsConstructorRunsOnce() {
    Classes classes =
        Classes.of(
            """
            class Model {
              @Differentiable
              static double f(double x) {
                double t = x;
                double e = new Spring(t += 1.0, 0.5).energy(x);
                return e + t;
              }
              @Differentiable
              static double g(double x) {
                double t = x;
                double e = new Spring(new Spring(t += 1.0, 0.5).energy(x), 0.25).energy(x);
                return e + t;
              }
              @Differentiable
              static double h(double x) {
                double t = x;
                double e = twice(new Spring(t += 1.0, 0.5).energy(x));
                return e + t;
              }
              static double twice(double v) {
                return 2.0 * v;
              }
            }
            final class Spring {
              final double k;
              private final double c;
              Spring(double k, double c) { this.k = k; this.c = c; }
              double energy(double x) { return k * Math.tanh(x - c); }
            }
            """);
    double x = 0.3;
    double inner = (x + 1.0) * Math.tanh(x - 0.5);
    java.util.Map<String, Double> expected =
        java.util.Map.of(
            "f", inner + (x + 1.0),
            "g", inner * Math.tanh(x - 0.25) + (x + 1.0),
            "h", 2.0 * inner + (x + 1.0));
    for (String method : List.of("f", "g", "h")) {
      Lowered lowered =
          MethodLowering.lower(classes.request("Model", method), classes.resolver("Model"));
      assertEquals("[]", lowered.diagnostics().all().toString());
      assertEquals(
          expected.get(method),
          (double)
              Interpreter.run(
                  java.util.Map.of(), Pipeline.normalise(lowered.function()), new Object[] {x}),
          1e-15,
          method);
      GradientOracle.check(lowered, r -> new Object[] {r.nextGaussian()}, 1e-6);
    }
  }
}
