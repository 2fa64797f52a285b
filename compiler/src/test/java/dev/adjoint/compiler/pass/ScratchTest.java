package dev.adjoint.compiler.pass;

import dev.adjoint.compiler.ir.Printer;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() {
    String[] srcs = {
      """
      @Differentiable
      static double loss(double a, double b, double c, double d, @NoDerivative double[] x, @NoDerivative double[] y) {
          double sum = 0;
          for (int i = 0; i < x.length; i++) {
              double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
              sum += (yPred - y[i]) * (yPred - y[i]);
          }
          return sum;
      }
      """,
      """
      static double power(double x, int n) {
          double t = 1;
          for (int i = 0; i < n; i++) t *= x;
          return t;
      }
      """,
      """
      static double horner(double[] c, double x) {
          double p = 0;
          for (int i = c.length - 1; i >= 0; i--) p = p * x + c[i];
          return p;
      }
      """,
      """
      static double branchy(double x, double y) {
          if (x > y) {
              return Math.sin(x) * y;
          } else if (x < 0) {
              return x * x;
          }
          double z = Math.exp(-x * y);
          return z + Math.max(x, y);
      }
      """
    };
    for (String s : srcs) {
      System.out.println(Printer.function(Sources.lower(s).function()));
      System.out.println(Printer.function(Sources.gradient(s)));
    }
  }
}
