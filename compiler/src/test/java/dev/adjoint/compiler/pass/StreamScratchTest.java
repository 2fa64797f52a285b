package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.pass.GradientOracle.check;
import static dev.adjoint.compiler.pass.GradientOracle.uniform;
import static dev.adjoint.compiler.pass.GradientOracle.vector;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.testing.Sources;
import org.junit.jupiter.api.Test;

class StreamScratchTest {
  static void show(String src) {
    Lowered l = Sources.lower(src);
    System.out.println(l.diagnostics().all());
    if (l.function() != null) {
      System.out.println(Printer.function(l.function()));
      System.out.println(Printer.function(Pipeline.gradient(l.function(), l.wrt())));
    }
  }

  @Test
  void scratch() {
    String a = """
        static double f(double w, double[] x) {
            return Arrays.stream(x).map(v -> w * v).map(v -> v * v).sum();
        }
        """;
    show(a);
    String b = """
        static double f(double[] a, double[] b, int n) {
            return IntStream.range(0, n).mapToDouble(i -> a[i] * b[i]).sum();
        }
        """;
    show(b);
    String c = """
        static double f(double a, double b, double c) {
            return DoubleStream.of(a, b, c).max().getAsDouble() + Arrays.stream(new double[] {a, b}).reduce(1.0, (p, q) -> p * q);
        }
        """;
    show(c);
    check(a, r -> new Object[] {uniform(r, -2, 2), vector(r, 5, -1, 1)});
    check(b, r -> new Object[] {vector(r, 5, -1, 1), vector(r, 5, -1, 1), 4});
    check(c, r -> new Object[] {uniform(r, -2, 2), uniform(r, -2, 2), uniform(r, -2, 2)});
  }
}
