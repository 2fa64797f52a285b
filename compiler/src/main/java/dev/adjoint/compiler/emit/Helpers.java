package dev.adjoint.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Var;
import javax.lang.model.element.Modifier;

/**
 * Private helpers of the generated class: small ones for methods that differentiate a {@code
 * double[][]} or a {@code float[][]} (one overload per matrix type), and the functions of the
 * program the derivatives call (recursive helpers, copied, and their tangents).
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

  /**
   * A function of the program: a copy of the user's recursive helper (which may be private to its
   * class), or a tangent of one, taking its parameters and then the tangents of the active ones.
   */
  static MethodSpec program(Function f) {
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(f.name())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(DerivativesEmitter.typeName(f.returnType()));
    for (Var p : f.params()) {
      b.addParameter(
          ParameterSpec.builder(DerivativesEmitter.typeName(p.type()), p.name()).build());
    }
    b.addCode(Statements.of(f.body()));
    return b.build();
  }
}
