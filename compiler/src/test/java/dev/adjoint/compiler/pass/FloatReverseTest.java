package dev.adjoint.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Verifier;
import dev.adjoint.compiler.testing.Sources;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * float methods: the generated code keeps float arithmetic and float adjoints. The oracle is the
 * same method written with double, whose gradient must agree to float precision.
 */
class FloatReverseTest {
  private static final String FLOAT_VERSION =
      """
      static double f(float w, double b, int n) {
          float acc = 0.5f;
          for (int i = 0; i < n; i++) {
              acc = acc * w + (float) Math.sin(acc) * 0.25f;
              acc += 1;
          }
          float m = Math.max(acc, w);
          double mixed = m * b + Math.abs(w) * 2.0;
          return mixed + (float) (b * b);
      }
      """;
  private static final String DOUBLE_VERSION =
      FLOAT_VERSION
          .replace("float", "double")
          .replace("0.5f", "0.5")
          .replace("0.25f", "0.25")
          .replace("(double) Math.sin", "Math.sin");

  @Test
  void floatGradientMatchesTheDoubleVersionToFloatPrecision() {
    Function fg = gradient(FLOAT_VERSION);
    Function dg = gradient(DOUBLE_VERSION);
    String text = Printer.function(fg);
    assertTrue(text.contains("float accBar"), text);
    assertTrue(text.contains("float wBar"), text);
    Random r = new Random(3);
    for (int k = 0; k < 5; k++) {
      float w = 0.3f + 0.5f * r.nextFloat();
      double b = r.nextGaussian();
      double[] g1 = new double[2];
      double[] g2 = new double[2];
      double v1 = (double) Interpreter.run(fg, w, b, 4, g1);
      double v2 = (double) Interpreter.run(dg, (double) w, b, 4, g2);
      assertEquals(v2, v1, 1e-5 * Math.max(1, Math.abs(v2)));
      for (int j = 0; j < 2; j++) {
        assertEquals(
            g2[j], g1[j], 1e-4 * Math.max(1, Math.abs(g2[j])), "gradient[" + j + "]\n" + text);
      }
    }
  }

  private static Function gradient(String src) {
    Lowered l = Sources.lower(src);
    Function g = Pipeline.gradient(l.function(), l.wrt());
    Verifier.check(g);
    return g;
  }
}
