package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.ObjectsOracle.lower;
import static dev.adjoint.compiler.pass.ObjectsOracle.matrix;
import static dev.adjoint.compiler.pass.ObjectsOracle.u;
import static dev.adjoint.compiler.pass.ObjectsOracle.vector;
import static dev.adjoint.compiler.pass.ObjectsOracle.wrt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.frontend.MethodLowering;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.testing.Classes;
import java.util.List;
import java.util.Map;
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
   * Fields of the receiver of every kind (double, double[], double[][]; private, package-private)
   * read directly, with {@code this.}, and through private helper instance methods that call each
   * other; the fields are data, the method's parameter is differentiated.
   */
  @Test
  void receiverFieldsReadDirectlyAndThroughPrivateHelpers() {
    Lowered lowered =
        lower(
            """
            class Net {
              private final double[][] w;
              private final double[] b;
              private double scale;
              double offset;
              Net(double[][] w, double[] b, double scale, double offset) {
                this.w = w; this.b = b; this.scale = scale; this.offset = offset;
              }
              @Differentiable
              double loss(double[] x) {
                double s = offset;
                for (int i = 0; i < w.length; i++) {
                  s += this.b[i] * act(dot(i, x));
                }
                return scale * s * s + this.offset * x[0];
              }
              private double dot(int i, double[] x) {
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                  s += w[i][j] * x[j];
                }
                return s;
              }
              private double act(double t) {
                return Math.tanh(t) * this.scale;
              }
            }
            """,
            "Net",
            "loss");
    assertEquals(List.of("x"), wrt(lowered));
    ObjectsOracle.check(
        lowered,
        r ->
            Map.of(
                "x", vector(r, 3),
                "w", matrix(r, 2, 3),
                "b", vector(r, 2),
                "scale", u(r, 0.5, 2),
                "offset", r.nextGaussian()),
        1e-6);
  }

  /**
   * {@code wrt} naming a parameter, a {@code double[][]} field and a record-typed field (its
   * components, a nested record's too, in declaration order); the field not named is data.
   */
  @Test
  void fieldsInWrtIncludingAMatrixAndARecord() {
    Lowered lowered =
        lower(
            """
            record Inner(double u) {}
            record Affine(double a, double[] c, Inner in) {}
            class Model {
              final double k;
              private final Affine aff;
              private final double[][] w;
              Model(double k, Affine aff, double[][] w) { this.k = k; this.aff = aff; this.w = w; }
              @Differentiable(wrt = {"w", "x", "aff"})
              double f(double x) {
                double s = aff.a() * x + aff.in().u() * k;
                for (int i = 0; i < w.length; i++) {
                  for (int j = 0; j < w[i].length; j++) {
                    s += Math.sin(w[i][j] * x) * aff.c()[j];
                  }
                }
                return s * s;
              }
            }
            """,
            "Model",
            "f");
    assertEquals(List.of("x", "affA", "affC", "affInU", "w"), wrt(lowered));
    ObjectsOracle.check(
        lowered,
        r ->
            Map.of(
                "x", r.nextGaussian(),
                "k", r.nextGaussian(),
                "affA", r.nextGaussian(),
                "affC", vector(r, 3),
                "affInU", r.nextGaussian(),
                "w", matrix(r, 2, 3)),
        1e-6);
  }

  /**
   * Record parameters differentiated by default: nested records and a {@code double[]} component,
   * flat layout by declaration order recursively; a {@code @NoDerivative} record of the same type
   * is data.
   */
  @Test
  void recordParametersNestedWithAnArrayComponentAndANoDerivativeRecord() {
    Lowered lowered =
        lower(
            """
            record Inner(double u, double v) {}
            record Params(double a, double[] c, Inner in) {}
            class Owner {
              @Differentiable
              static double f(Params p, @NoDerivative Params q, double x) {
                double s = p.a() * q.a();
                for (int i = 0; i < p.c().length; i++) {
                  s += p.c()[i] * Math.exp(q.c()[i] * x) * p.in().v();
                }
                Inner in = p.in();
                return s * in.u() + q.in().u() * x * x;
              }
            }
            """,
            "Owner",
            "f");
    assertEquals(List.of("pA", "pC", "pInU", "pInV", "x"), wrt(lowered));
    ObjectsOracle.check(
        lowered,
        r ->
            Map.of(
                "x", r.nextGaussian(),
                "pA", r.nextGaussian(),
                "pC", vector(r, 3),
                "pInU", r.nextGaussian(),
                "pInV", r.nextGaussian(),
                "qA", r.nextGaussian(),
                "qC", vector(r, 3),
                "qInU", r.nextGaussian()),
        1e-6);
  }

  /**
   * A {@code float} component of a record parameter: an input of its own whose gradient agrees with
   * that of the same method on a {@code double} component, to float precision.
   */
  @Test
  void recordParameterWithAFloatComponent() {
    String unit =
        """
        record P(double a, float v) {}
        class Owner {
          @Differentiable
          static double f(P p, double x) {
            float t = p.v() * 2.0f;
            return p.a() * Math.sin(t * x) + t * t;
          }
        }
        """;
    Lowered single = lower(unit, "Owner", "f");
    Lowered twin =
        lower(
            unit.replace("float v", "double v")
                .replace("float t", "double t")
                .replace("2.0f", "2.0"),
            "Owner",
            "f");
    assertEquals(List.of("pA", "pV", "x"), wrt(single));
    ObjectsOracle.check(
        twin,
        r -> Map.of("x", r.nextGaussian(), "pA", r.nextGaussian(), "pV", r.nextGaussian()),
        1e-6);
    dev.adjoint.compiler.ir.Function fg = Pipeline.gradient(single.function(), single.wrt());
    dev.adjoint.compiler.ir.Function dg = Pipeline.gradient(twin.function(), twin.wrt());
    java.util.Random r = new java.util.Random(7);
    for (int k = 0; k < 5; k++) {
      float v = (float) r.nextGaussian();
      double a = r.nextGaussian();
      double x = r.nextGaussian();
      double[] g1 = new double[3];
      double[] g2 = new double[3];
      double v1 =
          (double)
              dev.adjoint.compiler.ir.Interpreter.run(
                  fg,
                  GradientOracle.append(
                      ObjectsOracle.ordered(single, Map.of("pA", a, "pV", v, "x", x)), g1));
      double v2 =
          (double)
              dev.adjoint.compiler.ir.Interpreter.run(
                  dg,
                  GradientOracle.append(
                      ObjectsOracle.ordered(twin, Map.of("pA", a, "pV", (double) v, "x", x)), g2));
      assertEquals(v2, v1, 1e-5 * Math.max(1, Math.abs(v2)));
      for (int j = 0; j < 3; j++) {
        assertEquals(g2[j], g1[j], 1e-4 * Math.max(1, Math.abs(g2[j])), "gradient[" + j + "]");
      }
    }
  }

  /** Records made in the method, passed to static helpers (also a record made in the argument). */
  @Test
  void recordsMadeInTheMethodAndPassedToStaticHelpers() {
    Lowered lowered =
        lower(
            """
            record V(double x, double y) {}
            class Owner {
              static double dot(V a, V b) {
                return a.x() * b.x() + a.y() * b.y();
              }
              static double norm2(V a) {
                return dot(a, a);
              }
              @Differentiable
              static double f(double a, double b) {
                V v = new V(a, b * b);
                var w = new V(Math.sin(a), b);
                return dot(v, w) + norm2(v) * dot(new V(1, a), w);
              }
            }
            """,
            "Owner",
            "f");
    ObjectsOracle.check(lowered, r -> Map.of("a", r.nextGaussian(), "b", r.nextGaussian()), 1e-6);
  }

  /**
   * A record returned from a helper (its last statement), chained, and a record of records returned
   * from one; the caller reads the result's components and nested components.
   */
  @Test
  void recordsReturnedFromHelpersAlsoNested() {
    Lowered lowered =
        lower(
            """
            record P(double a, double b) {}
            record Pair(P first, P second) {}
            class Owner {
              static P step(P p, double h) {
                double na = p.a() - h * p.b();
                return new P(na, p.b() + h * na);
              }
              static Pair split(P p) {
                P lo = new P(p.a(), 0);
                return new Pair(lo, new P(0, p.b() * p.a()));
              }
              @Differentiable
              static double f(P p, double h) {
                P q = step(p, h);
                P r = step(q, h);
                Pair s = split(r);
                return s.first().a() * s.second().b() + step(r, h).a() + q.b();
              }
            }
            """,
            "Owner",
            "f");
    assertEquals(List.of("pA", "pB", "h"), wrt(lowered));
    ObjectsOracle.check(
        lowered,
        r -> Map.of("pA", r.nextGaussian(), "pB", r.nextGaussian(), "h", u(r, 0.05, 0.5)),
        1e-6);
  }

  /**
   * A helper object of a class with source: a constructor computing a derived field ({@code this.k2
   * = 2 * k}), a field initialiser, an array field, a method calling another method of the helper,
   * and a getter; two objects of the class at once.
   */
  @Test
  void helperObjectsWithConstructorsInitialisersGettersAndInnerCalls() {
    Lowered lowered =
        lower(
            """
            class Spring {
              final double k;
              final double k2;
              double rest = 1.5;
              final double[] w;
              Spring(double k, double[] w) {
                this.k = k;
                this.k2 = 2 * k;
                this.w = w;
              }
              double energy(double x) {
                return 0.5 * k * stretch(x) * stretch(x) + k2 * rest;
              }
              double stretch(double x) {
                return x - rest + this.w[0] * getK();
              }
              double getK() {
                return k;
              }
            }
            class Owner {
              @Differentiable
              static double f(double k, double x, double[] w) {
                Spring s = new Spring(k, w);
                return s.energy(x) + s.getK() * x + new Spring(x * k, w).energy(k);
              }
            }
            """,
            "Owner",
            "f");
    assertEquals(List.of("k", "x", "w"), wrt(lowered));
    ObjectsOracle.check(
        lowered, r -> Map.of("k", u(r, 0.5, 2), "x", r.nextGaussian(), "w", vector(r, 2)), 1e-6);
  }

  /** A record with an instance method called on a parameter, the method reading its components. */
  @Test
  void recordInstanceMethodOnAParameter() {
    Lowered lowered =
        lower(
            """
            record P(double a, double b) {
              double energy(double x) {
                return a * x * x + b() * Math.cos(x) + scaled(x);
              }
              double scaled(double x) {
                return this.a() * b * x;
              }
            }
            class Owner {
              @Differentiable
              static double f(P p, double x) {
                return p.energy(x) * p.a();
              }
            }
            """,
            "Owner",
            "f");
    assertEquals(List.of("pA", "pB", "x"), wrt(lowered));
    ObjectsOracle.check(
        lowered,
        r -> Map.of("pA", r.nextGaussian(), "pB", r.nextGaussian(), "x", r.nextGaussian()),
        1e-6);
  }

  /** Arrays of records are outside the language: the parameter is reported, nothing is lowered. */
  @Test
  void loopsOverRecordArraysAreReported() {
    Classes classes =
        Classes.of(
            """
            record P(double a, double b) {}
            class Owner {
              @Differentiable
              static double f(P[] ps, double x) {
                double s = 0;
                for (P p : ps) {
                  s += p.a() * x;
                }
                return s;
              }
            }
            """);
    Lowered lowered =
        MethodLowering.lower(classes.request("Owner", "f"), classes.resolver("Owner"));
    assertEquals(
        List.of("AD201"),
        lowered.diagnostics().all().stream().map(d -> d.code().name()).toList(),
        lowered.diagnostics().all().toString());
  }

  /**
   * Exact zeros in record components and fields: a cube at 0, a residual at its root, a product
   * whose factor is 0, a field that is 0; the gradient, tangent and Hessian are finite and right.
   */
  @Test
  void awkwardPointsOfRecordsAndFields() {
    Lowered lowered =
        lower(
            """
            record P(double a, double b) {}
            class Model {
              private final double c;
              Model(double c) { this.c = c; }
              @Differentiable(wrt = {"p", "c"})
              double f(P p, double x) {
                double r = p.a() * p.b() - c;
                return p.a() * p.a() * p.a() + r * r + Math.sqrt(p.b() * p.b() + 1) * c * x;
              }
            }
            """,
            "Model",
            "f");
    assertEquals(List.of("pA", "pB", "c"), wrt(lowered));
    ObjectsOracle.check(
        lowered,
        r ->
            r.nextBoolean()
                ? Map.of("pA", 0.0, "pB", 0.0, "c", 0.0, "x", r.nextGaussian())
                : Map.of("pA", 0.0, "pB", r.nextGaussian(), "c", 0.0, "x", 0.0),
        1e-6);
  }

  /**
   * An instance method returning a new object of its class, called on an object made in the
   * expression: the constructor's parameter {@code k} and the receiver's field {@code k} (a
   * parameter of the inlined callee) are different variables of the same source name.
   */
  @Test
  void helperMethodReturningANewObjectOfItsClass() {
    Lowered lowered =
        lower(
            """
            class Spring {
              final double k;
              Spring(double k) { this.k = k; }
              Spring twice() { return new Spring(2 * k); }
              double energy(double x) { return k * x * x; }
            }
            class Owner {
              @Differentiable
              static double f(double k, double x) {
                return new Spring(k).twice().energy(x) + new Spring(x).twice().twice().energy(k);
              }
            }
            """,
            "Owner",
            "f");
    ObjectsOracle.check(lowered, r -> Map.of("k", r.nextGaussian(), "x", r.nextGaussian()), 1e-6);
  }

  /**
   * A helper returning a record other than by its last statement is one error, at the call: the
   * local it initialises reports nothing more.
   */
  @Test
  void recordHelperWithAnEarlyReturnIsOneError() {
    Classes classes =
        Classes.of(
            """
            record P(double a, double b) {}
            class Owner {
              static P step(P p) {
                if (p.a() > 0) {
                  return new P(p.b(), p.a());
                }
                return p;
              }
              @Differentiable
              static double f(P p) {
                P q = step(p);
                return q.a() * 2 + q.b();
              }
            }
            """);
    Lowered lowered =
        MethodLowering.lower(classes.request("Owner", "f"), classes.resolver("Owner"));
    assertEquals(
        List.of("AD301"),
        lowered.diagnostics().all().stream().map(d -> d.code().name()).toList(),
        lowered.diagnostics().all().toString());
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
