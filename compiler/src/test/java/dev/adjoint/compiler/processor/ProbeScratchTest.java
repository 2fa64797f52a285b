package dev.adjoint.compiler.processor;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProbeScratchTest {
  static void probe(String label, String members, Object... args) throws Exception {
    Source s = Source.of("corner.C", "package corner;\n\nimport dev.adjoint.Differentiable;\n"
        + "import dev.adjoint.NoDerivative;\n\npublic final class C {\n  private C() {}\n\n" + members + "}\n");
    Compilation c = ProcessorHarness.compile(s);
    System.out.println("=== " + label + "\n" + ProcessorHarness.describe(c));
    if (c.status() == Compilation.Status.SUCCESS) {
      System.out.println(c.generatedSourceFile("corner.CDerivatives").get().getCharContent(true));
      if (args.length > 0) {
        var l = new ProcessorHarness.GeneratedClassLoader(c);
        Class<?> d = l.loadClass("corner.CDerivatives");
        for (Method m : d.getDeclaredMethods()) {
          if (m.getName().equals("fValueAndGradient")) {
            Object[] a = Arrays.copyOf(args, args.length);
            double v = (double) m.invoke(null, a);
            System.out.println("value " + v + " gradient " + Arrays.toString((double[]) a[a.length - 1]));
          }
        }
      }
    }
  }

  @Test
  void probe() throws Exception {
    probe("blocks", """
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
            return s;
          }
        """);
    probe("block+for", """
          @Differentiable
          static double f(double x) {
            double s = 0;
            {
              double t = x;
              s += t;
            }
            for (int i = 0; i < 2; i++) {
              double t = s * x;
              s += t;
            }
            return s;
          }
        """);
    probe("log", """
          @Differentiable
          static double f(double x) {
            double l = Math.log(x);
            return x > 0 ? l : x * x;
          }
        """, 0.0, new double[1]);
    probe("sqrt", """
          @Differentiable
          static double f(double x) {
            double l = Math.sqrt(x);
            return x > 0 ? l : x * x;
          }
        """, 0.0, new double[1]);
    probe("recip", """
          @Differentiable
          static double f(double x) {
            double l = 1 / x;
            return x > 0 ? l : x * x;
          }
        """, 0.0, new double[1]);
    probe("asin", """
          @Differentiable
          static double f(double x, double y) {
            double a = Math.asin(y);
            return x > 0 ? a : x * x + y;
          }
        """, 0.0, 2.0, new double[2]);
    probe("ifbranch", """
          @Differentiable
          static double f(double x) {
            double l = Math.log(x);
            double r;
            if (x > 0) {
              r = l;
            } else {
              r = x * x;
            }
            return r;
          }
        """, 0.0, new double[1]);
  }
}
