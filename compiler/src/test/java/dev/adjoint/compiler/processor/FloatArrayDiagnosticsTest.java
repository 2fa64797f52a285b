package dev.adjoint.compiler.processor;

import static dev.adjoint.compiler.processor.ExpectedDiagnostics.compile;

import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import org.junit.jupiter.api.Test;

/**
 * What stays outside the language around float arrays is a coded error at the exact sub-expression,
 * as for double arrays: a float[][] result, Hessians of a float[]-valued method, a double stored
 * into a float element without the cast Java requires, a row created later, and a loop variable the
 * elements do not convert to.
 */
class FloatArrayDiagnosticsTest {
  private static Source owner(String members) {
    return Source.of(
        "diag.FloatOwner",
        """
        package diag;

        import dev.adjoint.Differentiable;
        import dev.adjoint.NoDerivative;

        final class FloatOwner {
        """
            + members
            + "}\n");
  }

  @Test
  void unsupportedFloatArrayForms() {
    compile(
        owner(
            """
              @Differentiable
              static float[][] outer(float[] x) {
              //     ^^^^^^^^^ AD202 float[][]
                float[][] m = new float[1][1];
                m[0][0] = x[0];
                return m;
              }

              @Differentiable(order = 2)
            //^^^^^^^^^^^^^^^^^^^^^^^^^^ AD207 float[]
              static float[] twice(float[] x) {
                float[] r = new float[1];
                r[0] = x[0] * x[0];
                return r;
              }

              @Differentiable
              static double store(float[] x, double w) {
                float[] y = new float[x.length];
                y[0] = x[0] * w;
              //^^^^^^^^^^^^^^^ AD208 cannot store double in float[]
                float[][] rows = new float[2][];
              //                 ^^^^^^^^^^^^^^ AD204 float[][] without both dimensions
                for (int v : x) {
              //     ^^^^^ AD204 'v' has type int for elements of type float
                  w += v;
                }
                return y[0] + w;
              }
            """));
  }
}
