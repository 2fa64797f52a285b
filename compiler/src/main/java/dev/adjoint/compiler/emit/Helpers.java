package dev.adjoint.compiler.emit;

import com.palantir.javapoet.MethodSpec;
import javax.lang.model.element.Modifier;

/**
 * Small private helpers the generated class gets when its methods differentiate a {@code
 * double[][]}.
 */
final class Helpers {
  private Helpers() {}

  /**
   * {@code totalLength(m)}: the number of elements of {@code m}, the slots it takes in the
   * gradient.
   */
  static MethodSpec totalLength() {
    return MethodSpec.methodBuilder("totalLength")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(int.class)
        .addParameter(double[][].class, "m")
        .addStatement("int n = 0")
        .beginControlFlow("for (double[] row : m)")
        .addStatement("n += row.length")
        .endControlFlow()
        .addStatement("return n")
        .build();
  }

  /** {@code unflatten(flat, offset, shape)}: the rows of a matrix's slice of a flat gradient. */
  static MethodSpec unflatten() {
    return MethodSpec.methodBuilder("unflatten")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(double[][].class)
        .addParameter(double[].class, "flat")
        .addParameter(int.class, "offset")
        .addParameter(double[][].class, "shape")
        .addStatement("double[][] out = new double[shape.length][]")
        .beginControlFlow("for (int r = 0; r < shape.length; r++)")
        .addStatement(
            "out[r] = java.util.Arrays.copyOfRange(flat, offset, offset + shape[r].length)")
        .addStatement("offset += shape[r].length")
        .endControlFlow()
        .addStatement("return out")
        .build();
  }
}
