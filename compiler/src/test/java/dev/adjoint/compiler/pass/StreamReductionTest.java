package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.append;
import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.checkWith;
import static dev.adjoint.compiler.pass.GradientOracle.copy;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.testing.Sources;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/**
 * Stream reductions, lowered to loops: every source, intermediate and terminal operation checked by
 * the oracle in every mode (gradient against central differences, tangent, Hessian-vector product,
 * Hessian) at random points and at empty streams; values against the JDK's own streams bit for bit
 * (compensated summation, infinities, NaN, signed zeros); {@code max}/{@code min} at ties against
 * the hand-written {@code Math.max} loop, whose derivative convention they share.
 */
class StreamReductionTest {

  /** Arrays of {@code n} elements, except at the first point, where they are empty. */
  private static final class Sizes {
    private int point;

    int next(int n) {
      return point++ == 0 ? 0 : n;
    }
  }

  @Test
  void mapThenSumOverAnArray() {
    Sizes s = new Sizes();
    check(
        """
        static double f(double w, double[] x) {
            return Arrays.stream(x).map(v -> w * v).map(v -> v * v).sum();
        }
        """,
        r -> new Object[] {uniform(r, -2, 2), vector(r, s.next(6), -1, 1)});
  }

  @Test
  void dotProductOverARange() {
    check(
        """
        static double f(double[] a, double[] b, int n) {
            return IntStream.range(0, n).mapToDouble(i -> a[i] * b[i]).sum();
        }
        """,
        r -> new Object[] {vector(r, 5, -1, 1), vector(r, 5, -1, 1), r.nextInt(6)});
    check(
        """
        static double f(double[] a, int n) {
            return IntStream.rangeClosed(1, n).mapToDouble(k -> Math.sin(a[k - 1]) / k).sum();
        }
        """,
        r -> new Object[] {vector(r, 5, -1, 1), r.nextInt(6)});
  }

  @Test
  void valuesOfDoubleStreamOf() {
    check(
        """
        static double f(double a, double b, double c) {
            return DoubleStream.of(a, b * b, Math.exp(c)).map(v -> v * a).sum()
                + DoubleStream.of(a, b, c).max().getAsDouble()
                - DoubleStream.of(c, b).min().getAsDouble();
        }
        """,
        r -> new Object[] {uniform(r, -2, 2), uniform(r, -2, 2), uniform(r, -2, 2)});
  }

  @Test
  void filterLimitAndSkip() {
    Sizes s = new Sizes();
    check(
        """
        static double f(double[] x, double w) {
            double pos = Arrays.stream(x).filter(v -> v > 0).map(v -> v * v * w).sum();
            double mid = Arrays.stream(x).skip(1).limit(3).map(v -> Math.cos(v) * w).sum();
            return pos + mid + Arrays.stream(x, Math.min(1, x.length), x.length).filter(v -> v < 0.5).count() * w;
        }
        """,
        r -> new Object[] {vector(r, s.next(7), -1, 1), uniform(r, -2, 2)});
  }

  @Test
  void reduceWithLambdasAndMethodReferences() {
    Sizes s = new Sizes();
    check(
        """
        static double f(double[] x, double w) {
            double product = Arrays.stream(x).reduce(1.0, (p, q) -> p * q);
            double total = Arrays.stream(x).map(v -> w * v).reduce(0.0, Double::sum);
            double largest = Arrays.stream(x).map(Math::sin).reduce(-2.0, Math::max);
            double first = Arrays.stream(x).reduce((a, b) -> a * w + b).orElse(w);
            return product + total + largest * w + first;
        }
        """,
        r -> new Object[] {vector(r, s.next(5), 0.5, 1.5), uniform(r, -2, 2)});
  }

  @Test
  void averageMaxAndMinWithOrElse() {
    Sizes s = new Sizes();
    check(
        """
        static double f(double[] x, double w) {
            return Arrays.stream(x).map(v -> v * w).average().orElse(w)
                + Arrays.stream(x).max().orElse(0) * w
                + Arrays.stream(x).filter(v -> v > -0.5).min().orElse(-w);
        }
        """,
        r -> new Object[] {vector(r, s.next(5), -1, 1), uniform(r, -2, 2)});
  }

  @Test
  void blockLambdasAndHelperCalls() {
    checkWith(
        """
        static double f(double[] x, double w) {
            return Arrays.stream(x).map(v -> {
                double s = Math.sin(v * w);
                return s * square(v);
            }).filter(v -> { return v != 0; }).map(Owner::square).sum();
        }
        """,
        r -> new Object[] {vector(r, 4, -1, 1), uniform(r, -2, 2)},
        """
        static double square(double u) {
            return u * u;
        }
        """);
  }

  @Test
  void rowsOfAMatrixAndNestedStreams() {
    check(
        """
        static double f(double[][] m, double w) {
            double cross = Arrays.stream(m).mapToDouble(row -> row[0] * row[1]).sum();
            double all = Arrays.stream(m)
                .mapToDouble(row -> Arrays.stream(row).map(v -> v * v * w).sum())
                .sum();
            return cross + all;
        }
        """,
        r ->
            new Object[] {
              new double[][] {vector(r, 2, -1, 1), vector(r, 3, -1, 1)}, uniform(r, -2, 2)
            });
  }

  @Test
  void integerSourcesAndIntStreams() {
    check(
        """
        static double f(double[] x, int[] idx, int n) {
            double picked = Arrays.stream(idx).mapToDouble(k -> x[k] * x[k]).sum();
            int total = IntStream.range(0, n).map(k -> k * k).sum();
            double mean = IntStream.range(0, n).asDoubleStream().map(v -> v * x[0]).sum();
            return picked + total * x[1] + mean + Arrays.stream(idx).max().orElse(0) * x[2];
        }
        """,
        r -> new Object[] {vector(r, 4, -1, 1), new int[] {3, 0, 3, 1}, r.nextInt(5)});
  }

  @Test
  void insideALoopAndAConditional() {
    check(
        """
        static double f(double[] x, double w) {
            double s = 0;
            for (int k = 1; k <= 3; k++) {
                double scale = k * w;
                s += Arrays.stream(x).map(v -> v * scale).map(v -> v * v).sum();
            }
            return x.length > 2 ? s + Arrays.stream(x).max().orElse(0) : s;
        }
        """,
        r -> new Object[] {vector(r, 1 + r.nextInt(4), -1, 1), uniform(r, -2, 2)});
  }

  @Test
  void inAHelperAndLimitBeforeOrAfterFilter() {
    Sizes s = new Sizes();
    checkWith(
        """
        static double f(double[] x, double w, int n) {
            double a = IntStream.range(0, Math.min(n, x.length)).mapToDouble(i -> x[i] * w).sum();
            double b = IntStream.range(0, Math.min(n, x.length)).mapToDouble(i -> x[i] * x[i]).sum();
            double c = Arrays.stream(x).filter(v -> v > 0).limit(2).map(v -> v * w).sum();
            double d = Arrays.stream(x).limit(2).filter(v -> v > 0).map(v -> v * w).sum();
            return a + b + energy(x, w) + c * 2 + d * 3;
        }
        """,
        r -> new Object[] {vector(r, s.next(6), -1, 1), uniform(r, -2, 2), r.nextInt(7)},
        """
        static double energy(double[] y, double scale) {
            return Arrays.stream(y).map(v -> Math.sin(v * scale)).reduce(0.0, Double::sum);
        }
        """);
  }

  @Test
  void sumsAreTheJdksToTheBit() {
    String src =
        """
        static double f(double[] x) {
            return Arrays.stream(x).sum();
        }
        """;
    String avg =
        """
        static double f(double[] x) {
            return Arrays.stream(x).average().orElse(-1);
        }
        """;
    Function sum = Sources.lower(src).function();
    Function mean = Sources.lower(avg).function();
    Random r = new Random(7);
    double[][] cases = {
      {},
      {1e16, 1, -1e16},
      {1, 1e100, 1, -1e100},
      {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7},
      {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1},
      {Double.NEGATIVE_INFINITY, 1, Double.NEGATIVE_INFINITY},
      {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
      {Double.NaN, 1},
      {-0.0, -0.0},
      {-0.0},
      vector(r, 1000, -1e6, 1e6),
    };
    for (double[] x : cases) {
      assertSame(DoubleStream.of(x).sum(), Interpreter.run(sum, new Object[] {x.clone()}), x);
      assertSame(
          DoubleStream.of(x).average().orElse(-1),
          Interpreter.run(mean, new Object[] {x.clone()}),
          x);
    }
  }

  /** The lowered forms compute what the JDK's streams compute, exactly. */
  @Test
  void everyFormIsTheJdksToTheBit() {
    Function f =
        Sources.lower(
                """
                static double f(double[] x, double w, int n) {
                    double c = Arrays.stream(x).filter(v -> v > 0).limit(2).map(v -> v * w).sum();
                    double d = Arrays.stream(x).limit(2).filter(v -> v > 0).map(v -> v * w).sum();
                    double e = Arrays.stream(x).skip(1).map(v -> v * v).average().orElse(-1.0);
                    double g = Arrays.stream(x).reduce((p, q) -> p * w - q).orElse(w);
                    long h = Arrays.stream(x).filter(v -> v < 0.5).count();
                    int k = IntStream.rangeClosed(1, n).map(i -> i * i).sum();
                    double m = IntStream.range(0, n).asDoubleStream().map(v -> v / 3).sum();
                    return c + 10 * d + 100 * e + 1000 * g + 1e4 * h + 1e5 * k + 1e6 * m;
                }
                """)
            .function();
    Random r = new Random(9);
    for (int point = 0; point < 20; point++) {
      double[] x = vector(r, r.nextInt(5), -1, 1);
      double w = uniform(r, -2, 2);
      int n = r.nextInt(5);
      double c = Arrays.stream(x).filter(v -> v > 0).limit(2).map(v -> v * w).sum();
      double d = Arrays.stream(x).limit(2).filter(v -> v > 0).map(v -> v * w).sum();
      double e = Arrays.stream(x).skip(1).map(v -> v * v).average().orElse(-1.0);
      double g = Arrays.stream(x).reduce((p, q) -> p * w - q).orElse(w);
      long h = Arrays.stream(x).filter(v -> v < 0.5).count();
      int k = java.util.stream.IntStream.rangeClosed(1, n).map(i -> i * i).sum();
      double m = java.util.stream.IntStream.range(0, n).asDoubleStream().map(v -> v / 3).sum();
      double expected = c + 10 * d + 100 * e + 1000 * g + 1e4 * h + 1e5 * k + 1e6 * m;
      assertSame(expected, Interpreter.run(f, new Object[] {x.clone(), w, n}), x);
    }
  }

  @Test
  void maxAndMinAreTheJdksToTheBit() {
    Function max =
        Sources.lower(
                """
                static double f(double[] x) {
                    return Arrays.stream(x).max().getAsDouble() + 0.0 * Arrays.stream(x).min().getAsDouble();
                }
                """)
            .function();
    Function onlyMax =
        Sources.lower(
                """
                static double f(double[] x) {
                    return Arrays.stream(x).max().getAsDouble();
                }
                """)
            .function();
    Function onlyMin =
        Sources.lower(
                """
                static double f(double[] x) {
                    return Arrays.stream(x).min().getAsDouble();
                }
                """)
            .function();
    double[][] cases = {
      {1, 2, 2},
      {-0.0, 0.0},
      {0.0, -0.0},
      {Double.NaN, 1},
      {1, Double.NaN},
      {Double.NEGATIVE_INFINITY}
    };
    for (double[] x : cases) {
      assertSame(
          DoubleStream.of(x).max().getAsDouble(), Interpreter.run(onlyMax, new Object[] {x}), x);
      assertSame(
          DoubleStream.of(x).min().getAsDouble(), Interpreter.run(onlyMin, new Object[] {x}), x);
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Interpreter.run(max, new Object[] {new double[0]}));
    assertEquals("max() of an empty stream has no value", e.getMessage());
  }

  /**
   * A stream's argument checks throw as Java does where the stream is evaluated, and not where Java
   * would skip it (a branch of ?:), although its loop runs before the statement.
   */
  @Test
  void argumentChecksOnlyWhereJavaEvaluatesTheStream() {
    Function guarded =
        Sources.lower(
                """
                static double f(double[] x, int n) {
                    return n >= 0 ? Arrays.stream(x, 0, n).sum() + Arrays.stream(x).limit(n).sum() : -1.0;
                }
                """)
            .function();
    Function plain =
        Sources.lower(
                """
                static double f(double[] x, int n) {
                    return Arrays.stream(x).limit(n).sum();
                }
                """)
            .function();
    assertEquals(-1.0, (double) Interpreter.run(guarded, new Object[] {new double[] {1, 2}, -1}));
    assertEquals(6.0, (double) Interpreter.run(guarded, new Object[] {new double[] {1, 2}, 2}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Interpreter.run(plain, new Object[] {new double[] {1, 2}, -1}));
  }

  @Test
  void maxAndMinAtTiesFollowMathMax() {
    String stream =
        """
        static double f(double a, double b, double c) {
            return DoubleStream.of(a, b, c).map(v -> v * v).max().getAsDouble()
                + DoubleStream.of(a, b, c).min().getAsDouble() * c;
        }
        """;
    String loop =
        """
        static double f(double a, double b, double c) {
            double[] values = {a * a, b * b, c * c};
            double max = -1.0 / 0.0;
            for (int i = 0; i < 3; i++) {
                max = Math.max(max, values[i]);
            }
            double min = Math.min(Math.min(Math.min(1.0 / 0.0, a), b), c);
            return max + min * c;
        }
        """;
    for (double[] at :
        new double[][] {{1, -1, 1}, {2, 2, 2}, {0, 0, 0}, {-1, 1, 0.5}, {0.5, 0.5, -0.5}}) {
      Object[] args = {at[0], at[1], at[2]};
      assertSameDerivatives(stream, loop, args);
    }
    // at a tie the whole adjoint goes to the earlier element, as Math.max(a, b) sends it to a:
    // a² ties b² and c² (2a to a), and the minimum is b (c to b, min = -1 to c)
    assertArrayEquals(
        new double[] {2, 1, -1}, gradient(Sources.lower(stream), new Object[] {1.0, -1.0, 1.0}));
  }

  @Test
  void reductionsOfEmptyStreamsAtZero() {
    String src =
        """
        static double f(double[] x, double w) {
            return Arrays.stream(x).map(v -> v * w).sum()
                + Arrays.stream(x).reduce(w, (p, q) -> p * q)
                + Arrays.stream(x).filter(v -> v > 0).average().orElse(w * w);
        }
        """;
    Lowered l = Sources.lower(src);
    // no elements: the sum is 0, the product its identity w, the average falls back to w²
    assertArrayEquals(new double[] {1 + 2 * 3.0}, gradient(l, new Object[] {new double[0], 3.0}));
    // at w = 0 every element's partial vanishes; w's is the sum of the elements (the product and
    // the average of no positive element contribute nothing but w's own 2w = 0)
    assertArrayEquals(
        new double[] {0, 0, 0, -1}, gradient(l, new Object[] {new double[] {0, -1, 0}, 0.0}));
  }

  private static void assertSame(double expected, Object actual, double[] x) {
    assertEquals(
        Double.doubleToRawLongBits(expected),
        Double.doubleToRawLongBits((double) actual),
        "at " + Arrays.toString(x) + ": JDK " + expected + ", generated " + actual);
  }

  private static double[] gradient(Lowered l, Object[] at) {
    Function g = Pipeline.gradient(l.function(), l.wrt());
    double[] out = new double[GradientOracle.flatSize(at, l.wrt(), l.function().params())];
    Interpreter.run(g, append(copy(at), out));
    return out;
  }

  /**
   * Value, gradient, tangent and Hessian-vector product of two forms agree exactly at {@code at}.
   */
  private static void assertSameDerivatives(String a, String b, Object[] at) {
    Lowered la = Sources.lower(a);
    Lowered lb = Sources.lower(b);
    String where = Arrays.deepToString(at);
    assertEquals(
        (double) Interpreter.run(lb.function(), copy(at)),
        (double) Interpreter.run(la.function(), copy(at)),
        "value at " + where);
    assertArrayEquals(gradient(lb, at), gradient(la, at), "gradient at " + where);
    double[] v = {0.25, -1.5, 0.75};
    assertEquals(
        (double)
            Interpreter.run(Pipeline.tangent(lb.function(), lb.wrt()), append(copy(at), v.clone())),
        (double)
            Interpreter.run(Pipeline.tangent(la.function(), la.wrt()), append(copy(at), v.clone())),
        "tangent at " + where);
    double[] hva = new double[3];
    double[] hvb = new double[3];
    Interpreter.run(
        Pipeline.hessianVector(la.function(), la.wrt()),
        append(append(append(copy(at), new double[3]), v.clone()), hva));
    Interpreter.run(
        Pipeline.hessianVector(lb.function(), lb.wrt()),
        append(append(append(copy(at), new double[3]), v.clone()), hvb));
    assertArrayEquals(hvb, hva, "Hessian-vector product at " + where);
  }
}
