package dev.adjoint.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Modifier;

/**
 * Small private helpers the generated class gets when its methods differentiate a {@code
 * double[][]} or a {@code float[][]}: one overload per matrix type.
 */
final class Helpers {
  private Helpers() {}

  /**
   * {@code totalLength(m)}: the number of elements of {@code m}, the slots it takes in the
   * gradient.
   */
  static MethodSpec totalLength(TypeName matrix) {
    return MethodSpec.methodBuilder("totalLength")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(int.class)
        .addParameter(matrix, "m")
        .addStatement("int n = 0")
        .beginControlFlow("for ($T row : m)", ((ArrayTypeName) matrix).componentType())
        .addStatement("n += row.length")
        .endControlFlow()
        .addStatement("return n")
        .build();
  }

  /** {@code unflatten(flat, offset, shape)}: the rows of a matrix's slice of a flat gradient. */
  static MethodSpec unflatten(TypeName shape) {
    return MethodSpec.methodBuilder("unflatten")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(double[][].class)
        .addParameter(double[].class, "flat")
        .addParameter(int.class, "offset")
        .addParameter(shape, "shape")
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
