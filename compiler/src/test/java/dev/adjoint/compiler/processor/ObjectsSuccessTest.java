package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compileLinted;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.processor.ProcessorHarness.GeneratedClassLoader;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Objects through javac and the real processor: instance methods (the receiver first, private
 * fields through VarHandles, package-private ones read directly), fields in {@code wrt}, record
 * parameters and their gradient records, second order on both, a helper object made in the method,
 * and a record that owns a differentiable method. The generated classes compile under {@code
 * -Xlint:all} without a warning; every generated method is called and compared with central
 * differences of the original method, which the tests call on objects rebuilt from the moved point.
 */
class ObjectsSuccessTest {
  private static final double RTOL = 1e-6;

  static final Source MODEL =
      Source.of(
          "oo.Model",
          """
          package oo;

          import dev.adjoint.Differentiable;

          public final class Model {
            private final double[] weights;
            private final double bias;
            final double scale;
            private final double[][] m;

            public Model(double[] weights, double bias, double scale, double[][] m) {
              this.weights = weights;
              this.bias = bias;
              this.scale = scale;
              this.m = m;
            }

            @Differentiable(order = 2)
            double fit(double[] x, double y) {
              double s = predict(x) - y;
              return scale * s * s + m[0][1] * x[0];
            }

            @Differentiable(wrt = {"m", "y", "bias", "weights"}, order = 2)
            double loss(double[] x, double y) {
              double s = predict(x) - y;
              double r = 0;
              for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                  r += m[i][j] * m[i][j] * x[j];
                }
              }
              return scale * s * s + 0.1 * r;
            }

            private double predict(double[] x) {
              double s = bias;
              for (int i = 0; i < x.length; i++) {
                s += weights[i] * x[i];
              }
              return Math.tanh(s);
            }
          }
          """);

  static final Source PARAMS =
      Source.of(
          "oo.Params",
          """
          package oo;

          public record Params(double a, double b, double[] c) {}
          """);

  static final Source FITS =
      Source.of(
          "oo.Fits",
          """
          package oo;

          import dev.adjoint.Differentiable;
          import dev.adjoint.NoDerivative;

          final class Fits {
            private Fits() {}

            @Differentiable(order = 2)
            static double f(Params p, double x, @NoDerivative Params data) {
              double s = p.a() * Math.sin(p.b() * x);
              for (int i = 0; i < p.c().length; i++) {
                s += p.c()[i] * p.c()[i] * data.c()[i];
              }
              return s * s + data.a() * p.b();
            }

            @Differentiable
            static double spring(double k, double x) {
              return new Spring(k).energy(x) + new Spring(x).getK() * k;
            }
          }

          final class Spring {
            final double k;
            final double k2;
            double rest = 0.5;

            Spring(double k) {
              this.k = k;
              this.k2 = 2 * k;
            }

            double energy(double x) {
              double d = stretch(x);
              return 0.5 * k * d * d + k2 * rest;
            }

            double stretch(double x) {
              return x - rest;
            }

            double getK() {
              return k;
            }
          }
          """);

  static final Source POINT =
      Source.of(
          "oo.Point",
          """
          package oo;

          import dev.adjoint.Differentiable;

          public record Point(double x, double y) {
            @Differentiable(order = 2)
            double dist2(double u, double v) {
              return (x - u) * (x - u) + (y() - v) * (this.y - v);
            }

            @Differentiable(wrt = {"y", "u", "x"})
            double pull(double u) {
              return Math.exp(-x * u) * y * y;
            }
          }
          """);

  private static Compilation compilation;
  private static GeneratedClassLoader loader;

  @BeforeAll
  static void compileOnce() {
    compilation = compileLinted(MODEL, PARAMS, FITS, POINT);
    assertNoCrash(compilation);
    assertThat(compilation).succeeded();
    loader = new GeneratedClassLoader(compilation);
  }

  /** No warning from the generated code (javac's unclaimed-annotations lint aside). */
  @Test
  void generatedCodeCompilesWithoutWarnings() {
    assertEquals(
        List.of(),
        compilation.warnings().stream()
            .map(ProcessorHarness::message)
            .filter(m -> !m.startsWith("No processor claimed any of these annotations"))
            .collect(Collectors.toList()),
        describe(compilation));
  }

  /** Private fields are read through VarHandles, the package-private one directly. */
  @Test
  void privateFieldsThroughVarHandlesPackagePrivateDirectly() {
    String text = source("oo.ModelDerivatives");
    assertTrue(text.contains("VarHandle"), text);
    assertTrue(text.contains("MethodHandles.privateLookupIn(owner, MethodHandles.lookup())"), text);
    assertTrue(text.contains("field(Model.class, \"bias\", double.class)"), text);
    assertTrue(text.contains("self.scale"), text);
    assertTrue(!text.contains("self.weights") && !text.contains("self.bias"), text);
    String point = source("oo.PointDerivatives");
    assertTrue(point.contains("self.x()") && !point.contains("VarHandle"), point);
  }

  // ---------------------------------------------------------------- instance methods

  @Test
  void instanceMethodWithPrivateFields() throws Exception {
    Random r = new Random(1);
    for (int point = 0; point < 4; point++) {
      Object model = model(vector(r, 3), r.nextGaussian(), 0.5 + r.nextDouble(), matrix(r, 2, 3));
      double[] x = vector(r, 3);
      double y = r.nextGaussian();
      // wrt: x, y (parameters); fields are data
      double[] at = concat(x, new double[] {y});
      Function<double[], Object[]> args =
          v -> new Object[] {model, Arrays.copyOfRange(v, 0, 3), v[3]};
      checkAll("oo.Model", "oo.ModelDerivatives", "fit", args, at, List.of("x", "y"), true);
    }
  }

  /**
   * {@code wrt} naming fields and a parameter in any order: the flat layout is the parameter, then
   * the fields in declaration order (weights, bias, m); the gradient record's components are named
   * after them.
   */
  @Test
  void fieldsInWrt() throws Exception {
    Random r = new Random(2);
    for (int point = 0; point < 4; point++) {
      double scale = 0.5 + r.nextDouble();
      double[] x = vector(r, 3);
      double[] at =
          concat(
              new double[] {r.nextGaussian()},
              vector(r, 3),
              new double[] {r.nextGaussian()},
              flatten(matrix(r, 2, 3)));
      Function<double[], Object[]> args =
          v ->
              new Object[] {
                model(
                    Arrays.copyOfRange(v, 1, 4),
                    v[4],
                    scale,
                    new double[][] {Arrays.copyOfRange(v, 5, 8), Arrays.copyOfRange(v, 8, 11)}),
                x.clone(),
                v[0]
              };
      checkAll(
          "oo.Model",
          "oo.ModelDerivatives",
          "loss",
          args,
          at,
          List.of("y", "weights", "bias", "m"),
          true);
    }
  }

  // ---------------------------------------------------------------- records

  /**
   * A record parameter: its components are in the flat layout, and the gradient record holds a
   * {@code Params} of partials; the {@code @NoDerivative} record is data.
   */
  @Test
  void recordParameterAndItsGradientRecord() throws Exception {
    Random r = new Random(3);
    Object data = params(r.nextGaussian(), r.nextGaussian(), vector(r, 2));
    for (int point = 0; point < 4; point++) {
      double[] at = concat(vector(r, 2), vector(r, 2), new double[] {r.nextGaussian()});
      Function<double[], Object[]> args =
          v -> new Object[] {params(v[0], v[1], Arrays.copyOfRange(v, 2, 4)), v[4], data};
      checkAll("oo.Fits", "oo.FitsDerivatives", "f", args, at, List.of("p", "x"), true);
    }
    Method gradient = method(loader.loadClass("oo.FitsDerivatives"), "fGradient");
    assertEquals(
        "Params", gradient.getReturnType().getRecordComponents()[1].getType().getSimpleName());
  }

  /**
   * {@code new Spring(k).energy(x)}: a helper object with a constructor, initialiser and getter.
   */
  @Test
  void helperObject() throws Exception {
    Random r = new Random(4);
    for (int point = 0; point < 4; point++) {
      double[] at = {0.5 + r.nextDouble(), r.nextGaussian()};
      checkAll(
          "oo.Fits",
          "oo.FitsDerivatives",
          "spring",
          v -> new Object[] {v[0], v[1]},
          at,
          List.of("k", "x"),
          false);
    }
  }

  /**
   * A record owning {@code @Differentiable} instance methods: components read by name, accessor and
   * {@code this.}; {@code wrt} may name components, which come after the parameter.
   */
  @Test
  void recordOwnerWithInstanceMethods() throws Exception {
    Random r = new Random(5);
    Constructor<?> point = loader.loadClass("oo.Point").getDeclaredConstructors()[0];
    point.setAccessible(true);
    for (int k = 0; k < 4; k++) {
      Object self = point.newInstance(r.nextGaussian(), r.nextGaussian());
      double[] at = {r.nextGaussian(), r.nextGaussian()};
      checkAll(
          "oo.Point",
          "oo.PointDerivatives",
          "dist2",
          v -> new Object[] {self, v[0], v[1]},
          at,
          List.of("u", "v"),
          true);
      double[] pulled = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      checkAll(
          "oo.Point",
          "oo.PointDerivatives",
          "pull",
          v -> {
            try {
              return new Object[] {point.newInstance(v[1], v[2]), v[0]};
            } catch (ReflectiveOperationException e) {
              throw new AssertionError(e);
            }
          },
          pulled,
          List.of("u", "x", "y"),
          false);
    }
  }

  // ---------------------------------------------------------------- corners, one compilation each

  /** Compiles one source under -Xlint:all: success, no warning from the generated code. */
  private static GeneratedClassLoader compileCorner(Source source) {
    Compilation c = compileLinted(source);
    assertNoCrash(c);
    assertThat(c).succeeded();
    assertEquals(
        List.of(),
        c.warnings().stream()
            .map(ProcessorHarness::message)
            .filter(m -> !m.startsWith("No processor claimed any of these annotations"))
            .collect(Collectors.toList()),
        describe(c));
    return new GeneratedClassLoader(c);
  }

  /** A parameter named like a field: {@code scale} and {@code this.scale} are different values. */
  @Test
  void parameterShadowingAField() throws Exception {
    GeneratedClassLoader l =
        compileCorner(
            Source.of(
                "oo.Shadow",
                """
                package oo;

                import dev.adjoint.Differentiable;

                public final class Shadow {
                  private final double scale;

                  public Shadow(double scale) {
                    this.scale = scale;
                  }

                  @Differentiable(order = 2)
                  double f(double scale, double x) {
                    double s = scale * this.scale * x;
                    return s * s + twice(x) * scale;
                  }

                  private double twice(double scale) {
                    return 2 * scale * this.scale;
                  }
                }
                """));
    Object self = l.loadClass("oo.Shadow").getConstructor(double.class).newInstance(1.7);
    checkAll(
        l,
        "oo.Shadow",
        "oo.ShadowDerivatives",
        "f",
        v -> new Object[] {self, v[0], v[1]},
        new double[] {0.3, -1.2},
        List.of("scale", "x"),
        true);
  }

  /** A class-typed parameter (not a record): its fields, private ones too, are data. */
  @Test
  void objectParameterOfAClassWithPrivateFields() throws Exception {
    GeneratedClassLoader l =
        compileCorner(
            Source.of(
                "oo.Coefficients",
                """
                package oo;

                import dev.adjoint.Differentiable;

                public final class Coefficients {
                  private final double[] c;
                  final double shift;

                  public Coefficients(double[] c, double shift) {
                    this.c = c;
                    this.shift = shift;
                  }

                  private double at(double x) {
                    double s = 0;
                    for (int i = c.length - 1; i >= 0; i--) {
                      s = s * x + c[i];
                    }
                    return s;
                  }

                  @Differentiable
                  static double f(Coefficients p, double x) {
                    return p.at(x - p.shift) * x;
                  }
                }
                """));
    Object p =
        l.loadClass("oo.Coefficients")
            .getConstructor(double[].class, double.class)
            .newInstance(new double[] {0.5, -1, 2}, 0.25);
    checkAll(
        l,
        "oo.Coefficients",
        "oo.CoefficientsDerivatives",
        "f",
        v -> new Object[] {p, v[0]},
        new double[] {0.7},
        List.of("x"),
        false);
  }

  /** An instance method of a nested (non-static) inner class and of a static nested class. */
  @Test
  void instanceMethodsOfNestedClasses() throws Exception {
    GeneratedClassLoader l =
        compileCorner(
            Source.of(
                "oo.Outer",
                """
                package oo;

                import dev.adjoint.Differentiable;

                public final class Outer {
                  public static final class Nested {
                    private final double k;

                    public Nested(double k) {
                      this.k = k;
                    }

                    @Differentiable
                    double f(double x) {
                      return Math.sin(k * x);
                    }
                  }
                }
                """));
    Object self = l.loadClass("oo.Outer$Nested").getConstructor(double.class).newInstance(1.3);
    checkAll(
        l,
        "oo.Outer$Nested",
        "oo.Outer_NestedDerivatives",
        "f",
        v -> new Object[] {self, v[0]},
        new double[] {0.4},
        List.of("x"),
        false);
  }

  /** A generic owner class: the receiver's type in the generated methods must not be raw. */
  @Test
  void instanceMethodOfAGenericClass() throws Exception {
    GeneratedClassLoader l =
        compileCorner(
            Source.of(
                "oo.Box",
                """
                package oo;

                import dev.adjoint.Differentiable;

                public final class Box<T> {
                  private final double k;
                  final T tag;

                  public Box(double k, T tag) {
                    this.k = k;
                    this.tag = tag;
                  }

                  @Differentiable
                  double f(double x) {
                    return k * x * x;
                  }
                }
                """));
    Object self =
        l.loadClass("oo.Box").getConstructor(double.class, Object.class).newInstance(1.3, "t");
    checkAll(
        l,
        "oo.Box",
        "oo.BoxDerivatives",
        "f",
        v -> new Object[] {self, v[0]},
        new double[] {0.4},
        List.of("x"),
        false);
  }

  /**
   * A record that declares an accessor of its own: {@code p.a()} calls it (inlined), the component
   * is read from the field. Such a record is data by default: a {@code Scaled} of partial
   * derivatives would read back doubled through its {@code a()}; the method is differentiated with
   * respect to {@code x} only.
   */
  @Test
  void recordWithAnExplicitAccessor() throws Exception {
    GeneratedClassLoader l =
        compileCorner(
            Source.of(
                "oo.Scaled",
                """
                package oo;

                import dev.adjoint.Differentiable;

                public record Scaled(double a, double b) {
                  @Override
                  public double a() {
                    return 2 * a;
                  }

                  @Differentiable
                  static double f(Scaled p, double x) {
                    return p.a() * x + p.b() * p.a();
                  }
                }
                """));
    Constructor<?> ctor = l.loadClass("oo.Scaled").getDeclaredConstructors()[0];
    checkAll(
        l,
        "oo.Scaled",
        "oo.ScaledDerivatives",
        "f",
        v -> {
          try {
            return new Object[] {ctor.newInstance(0.3, -0.7), v[0]};
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        },
        new double[] {1.1},
        List.of("x"),
        false,
        false);
  }

  /**
   * A private record-typed field named in {@code wrt} (read through its VarHandle, then its
   * accessors), with a matrix component; and a record parameter with a {@code float} component,
   * whose gradient record holds the partial in that float.
   */
  @Test
  void recordFieldInWrtAndAFloatComponent() throws Exception {
    GeneratedClassLoader l =
        compileCorner(
            Source.of(
                "oo.Layer",
                """
                package oo;

                import dev.adjoint.Differentiable;

                public final class Layer {
                  public record Affine(double[][] w, double b) {}

                  public record Gain(double a, float v) {}

                  private final Affine aff;

                  public Layer(Affine aff) {
                    this.aff = aff;
                  }

                  @Differentiable(wrt = {"x", "aff"})
                  double f(double x) {
                    double s = aff.b();
                    for (int i = 0; i < aff.w().length; i++) {
                      for (int j = 0; j < aff.w()[i].length; j++) {
                        s += aff.w()[i][j] * Math.sin(x * j);
                      }
                    }
                    return s * s;
                  }

                  @Differentiable
                  static double g(Gain p, double x) {
                    return p.a() * p.v() * x * x;
                  }
                }
                """));
    Class<?> affine = l.loadClass("oo.Layer$Affine");
    Constructor<?> layer = l.loadClass("oo.Layer").getConstructor(affine);
    Constructor<?> makeAffine = affine.getDeclaredConstructor(double[][].class, double.class);
    checkAll(
        l,
        "oo.Layer",
        "oo.LayerDerivatives",
        "f",
        v -> {
          try {
            Object a =
                makeAffine.newInstance(
                    new double[][] {Arrays.copyOfRange(v, 1, 3), Arrays.copyOfRange(v, 3, 5)},
                    v[5]);
            return new Object[] {layer.newInstance(a), v[0]};
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        },
        new double[] {0.4, 0.1, -0.2, 0.3, 0.5, -0.6},
        List.of("x", "aff"),
        false);
    // a float coordinate cannot be moved by central differences' steps: exact partials instead
    Constructor<?> gain =
        l.loadClass("oo.Layer$Gain").getDeclaredConstructor(double.class, float.class);
    Object p = gain.newInstance(0.3, 0.75f);
    double x = 1.1;
    double[] gradient = new double[3];
    Class<?> derivatives = l.loadClass("oo.LayerDerivatives");
    double value = (double) invoke(method(derivatives, "gValueAndGradient"), null, p, x, gradient);
    assertEquals(0.3 * 0.75f * x * x, value, 1e-15);
    assertClose(
        new double[] {0.75f * x * x, 0.3 * x * x, 2 * 0.3 * 0.75f * x},
        gradient,
        1e-7, // the float component's adjoint is a float, as a float parameter's
        "g");
    Object record = invoke(method(derivatives, "gGradient"), null, p, x);
    Object partials = accessor(record.getClass().getRecordComponents()[1]).invoke(record);
    assertEquals(
        (float) gradient[1],
        (float) accessor(partials.getClass().getRecordComponents()[1]).invoke(partials));
  }

  // ---------------------------------------------------------------- checks

  /**
   * At {@code at} (the flat layout of the differentiated inputs, {@code args} making the call's
   * arguments from it): value and gradient against central differences of the original method, the
   * gradient record (its components named {@code names}, in order), the tangent along a random
   * direction, and with {@code secondOrder} the Hessian against differences of the gradient and the
   * Hessian-vector product against the Hessian.
   */
  private static void checkAll(
      String owner,
      String derivativesName,
      String name,
      Function<double[], Object[]> args,
      double[] at,
      List<String> names,
      boolean secondOrder)
      throws Exception {
    checkAll(loader, owner, derivativesName, name, args, at, names, secondOrder);
  }

  private static void checkAll(
      GeneratedClassLoader loader,
      String owner,
      String derivativesName,
      String name,
      Function<double[], Object[]> args,
      double[] at,
      List<String> names,
      boolean secondOrder)
      throws Exception {
    checkAll(loader, owner, derivativesName, name, args, at, names, secondOrder, true);
  }

  /**
   * {@code byAccessors}: read the gradient record's records through their accessors (false: through
   * their fields, for a record whose accessors compute something else).
   */
  private static void checkAll(
      GeneratedClassLoader loader,
      String owner,
      String derivativesName,
      String name,
      Function<double[], Object[]> args,
      double[] at,
      List<String> names,
      boolean secondOrder,
      boolean byAccessors)
      throws Exception {
    Class<?> ownerClass = loader.loadClass(owner);
    Class<?> derivatives = loader.loadClass(derivativesName);
    Method original =
        Arrays.stream(ownerClass.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    original.setAccessible(true);
    boolean instance = !java.lang.reflect.Modifier.isStatic(original.getModifiers());
    Function<double[], Double> f =
        v -> {
          Object[] a = args.apply(v);
          return instance
              ? (Double) invoke(original, a[0], Arrays.copyOfRange(a, 1, a.length))
              : (Double) invoke(original, null, a);
        };
    int n = at.length;
    String where = name + " at " + Arrays.toString(at);
    double value = f.apply(at);
    double[] expected = central(f, at);

    double[] gradient = new double[n];
    Arrays.fill(gradient, Double.NaN);
    double generated =
        (double)
            invoke(
                method(derivatives, name + "ValueAndGradient"),
                null,
                with(args.apply(at), gradient));
    assertEquals(value, generated, 1e-12 * Math.max(1, Math.abs(value)), "value of " + where);
    assertClose(expected, gradient, RTOL, "gradient of " + where);

    Object record = method(derivatives, name + "Gradient").invoke(null, args.apply(at));
    RecordComponent[] components = record.getClass().getRecordComponents();
    assertEquals(
        names,
        Arrays.stream(components).skip(1).map(RecordComponent::getName).toList(),
        "gradient record of " + where);
    assertEquals(
        value,
        (double) accessor(components[0]).invoke(record),
        1e-12 * Math.max(1, Math.abs(value)));
    double[] fromRecord = new double[0];
    for (int k = 1; k < components.length; k++) {
      fromRecord = concat(fromRecord, flat(accessor(components[k]).invoke(record), byAccessors));
    }
    assertClose(gradient, fromRecord, 0, "gradient record of " + where);

    double[] direction = new double[n];
    Random r = new Random(n);
    double dot = 0;
    for (int k = 0; k < n; k++) {
      direction[k] = r.nextGaussian();
      dot += direction[k] * gradient[k];
    }
    double tangent =
        (double)
            invoke(
                method(derivatives, name + "Tangent"),
                null,
                with(args.apply(at), direction.clone()));
    assertEquals(dot, tangent, 1e-10 * Math.max(1, Math.abs(dot)), "tangent of " + where);

    if (!secondOrder) {
      return;
    }
    double[][] hessian = new double[n][n];
    double[] g = new double[n];
    double h =
        (double)
            invoke(
                method(derivatives, name + "Hessian"),
                null,
                with(with(args.apply(at), g), hessian));
    assertEquals(value, h, 1e-12 * Math.max(1, Math.abs(value)), "Hessian's value of " + where);
    assertClose(gradient, g, 1e-12, "Hessian's gradient of " + where);
    for (int k = 0; k < n; k++) {
      final int row = k;
      double[] differences =
          central(
              v -> {
                double[] gk = new double[n];
                invoke(
                    method(derivatives, name + "ValueAndGradient"), null, with(args.apply(v), gk));
                return gk[row];
              },
              at);
      assertClose(differences, hessian[k], 1e-5, "Hessian row " + k + " of " + where);
    }
    double[] hv = new double[n];
    double[] g2 = new double[n];
    invoke(
        method(derivatives, name + "HessianVector"),
        null,
        with(with(with(args.apply(at), direction.clone()), g2), hv));
    double[] expectedHv = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        expectedHv[i] += hessian[i][j] * direction[j];
      }
    }
    assertClose(expectedHv, hv, 1e-10, "Hessian-vector product of " + where);
  }

  private static double[] central(Function<double[], Double> f, double[] at) {
    double[] out = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      double step = 1e-6 * Math.max(1, Math.abs(at[k]));
      double[] plus = at.clone();
      double[] minus = at.clone();
      plus[k] += step;
      minus[k] -= step;
      out[k] = (f.apply(plus) - f.apply(minus)) / (2 * step);
    }
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, double rtol, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int k = 0; k < expected.length; k++) {
      double scale = Math.max(1, Math.max(Math.abs(expected[k]), Math.abs(actual[k])));
      if (!(Math.abs(expected[k] - actual[k]) <= rtol * scale)) {
        fail(
            what
                + "["
                + k
                + "]: expected "
                + Arrays.toString(expected)
                + "\nbut got "
                + Arrays.toString(actual));
      }
    }
  }

  /** A gradient record's component in flat layout: a number, an array, a matrix or a record. */
  private static double[] flat(Object o, boolean byAccessors) throws ReflectiveOperationException {
    if (o instanceof Double d) {
      return new double[] {d};
    }
    if (o instanceof double[] a) {
      return a;
    }
    if (o instanceof double[][] m) {
      return flatten(m);
    }
    double[] out = new double[0];
    for (RecordComponent c : o.getClass().getRecordComponents()) {
      Object value;
      if (byAccessors) {
        value = accessor(c).invoke(o);
      } else {
        java.lang.reflect.Field f = o.getClass().getDeclaredField(c.getName());
        f.setAccessible(true);
        value = f.get(o);
      }
      out = concat(out, flat(value, byAccessors));
    }
    return out;
  }

  private static Object invoke(Method m, Object receiver, Object... args) {
    try {
      return m.invoke(receiver, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName() + " threw", e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(m.getName(), e);
    }
  }

  private static Object[] with(Object[] args, Object last) {
    Object[] out = Arrays.copyOf(args, args.length + 1);
    out[args.length] = last;
    return out;
  }

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
    assertEquals(1, found.size(), c.getName() + "." + name);
    found.get(0).setAccessible(true);
    return found.get(0);
  }

  private static Method accessor(RecordComponent c) {
    Method m = c.getAccessor();
    m.setAccessible(true);
    return m;
  }

  private static String source(String name) {
    return ProcessorHarness.generatedSource(compilation, name).orElseThrow();
  }

  private static Object model(double[] w, double b, double scale, double[][] m) {
    try {
      return loader
          .loadClass("oo.Model")
          .getConstructor(double[].class, double.class, double.class, double[][].class)
          .newInstance(w, b, scale, m);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object params(double a, double b, double[] c) {
    try {
      return loader
          .loadClass("oo.Params")
          .getConstructor(double.class, double.class, double[].class)
          .newInstance(a, b, c);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double[] vector(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
    }
    return v;
  }

  private static double[][] matrix(Random r, int rows, int cols) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(r, cols);
    }
    return m;
  }

  private static double[] flatten(double[][] m) {
    return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] concat(double[]... parts) {
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }
}
