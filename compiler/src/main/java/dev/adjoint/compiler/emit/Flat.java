package dev.adjoint.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.EnumSet;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Moving the user's values in and out of the flat layout, leaf by leaf, for the generated adapters
 * ({@link ParameterRecords}, {@link Objectives}): a number is one slot, an array or matrix goes
 * through the private helpers {@code packInto} and {@code unpackInto} of the generated class, one
 * overload per array type.
 */
final class Flat {
  /** The leaf types the adapters move; a method with another differentiated type gets none. */
  private static final Set<Type> LEAVES =
      EnumSet.of(Type.DOUBLE, Type.FLOAT, Type.DOUBLE_ARRAY, Type.FLOAT_ARRAY, Type.DOUBLE_MATRIX);

  private Flat() {}

  /** Whether every differentiated leaf of {@code m} is of a type the adapters move. */
  static boolean movable(Differentiated m) {
    return m.inputs().stream()
        .flatMap(i -> i.leaves().stream())
        .allMatch(v -> LEAVES.contains(v.type()));
  }

  /** The array types among {@code m}'s leaves: the overloads of the helpers it needs. */
  static Set<Type> arrayTypes(Differentiated m) {
    Set<Type> out = EnumSet.noneOf(Type.class);
    for (Input i : m.inputs()) {
      for (Var v : i.leaves()) {
        if (v.type().isArray()) {
          out.add(v.type());
        }
      }
    }
    return out;
  }

  /** Writes the leaf {@code value} (of {@code v}'s type) into {@code flat} at {@code offset}. */
  static CodeBlock pack(Var v, CodeBlock value, String flat, String offset) {
    return v.type().isArray()
        ? CodeBlock.of("packInto($L, $L, $L);\n", flat, offset, value)
        : CodeBlock.of("$L[$L] = $L;\n", flat, offset, value);
  }

  /** Overwrites the array or matrix {@code target} with its slice of {@code flat}, in place. */
  static CodeBlock unpackInto(String flat, String offset, CodeBlock target) {
    return CodeBlock.of("unpackInto($L, $L, $L);\n", flat, offset, target);
  }

  /** The number at {@code offset} of {@code flat}, as the leaf {@code v}'s type. */
  static CodeBlock number(Var v, String flat, String offset) {
    return v.type() == Type.FLOAT
        ? CodeBlock.of("(float) $L[$L]", flat, offset)
        : CodeBlock.of("$L[$L]", flat, offset);
  }

  /** {@code packInto(flat, at, from)} for one array type. */
  static MethodSpec packHelper(Type t) {
    TypeName type = DerivativesEmitter.typeName(t);
    MethodSpec.Builder b =
        MethodSpec.methodBuilder("packInto")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addJavadoc("Copies {@code from} into {@code flat} from position {@code at} on.\n")
            .addParameter(double[].class, "flat")
            .addParameter(int.class, "at")
            .addParameter(type, "from");
    if (t == Type.DOUBLE_ARRAY) {
      b.addStatement("System.arraycopy(from, 0, flat, at, from.length)");
    } else if (t.isMatrix()) {
      TypeName row = ((ArrayTypeName) type).componentType();
      b.addStatement("int k = at")
          .beginControlFlow("for ($T row : from)", row)
          .addStatement("packInto(flat, k, row)")
          .addStatement("k += row.length")
          .endControlFlow();
    } else {
      b.beginControlFlow("for (int k = 0; k < from.length; k++)")
          .addStatement("flat[at + k] = from[k]")
          .endControlFlow();
    }
    return b.build();
  }

  /** {@code unpackInto(flat, at, to)} for one array type. */
  static MethodSpec unpackHelper(Type t) {
    TypeName type = DerivativesEmitter.typeName(t);
    MethodSpec.Builder b =
        MethodSpec.methodBuilder("unpackInto")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addJavadoc(
                "Overwrites {@code to} with the elements of {@code flat} from position {@code at}"
                    + " on.\n")
            .addParameter(double[].class, "flat")
            .addParameter(int.class, "at")
            .addParameter(type, "to");
    if (t == Type.DOUBLE_ARRAY) {
      b.addStatement("System.arraycopy(flat, at, to, 0, to.length)");
    } else if (t.isMatrix()) {
      TypeName row = ((ArrayTypeName) type).componentType();
      b.addStatement("int k = at")
          .beginControlFlow("for ($T row : to)", row)
          .addStatement("unpackInto(flat, k, row)")
          .addStatement("k += row.length")
          .endControlFlow();
    } else {
      b.beginControlFlow("for (int k = 0; k < to.length; k++)")
          .addStatement("to[k] = (float) flat[at + k]")
          .endControlFlow();
    }
    return b.build();
  }

  /** {@code copyInto(from, to)}: the elements of one array or matrix into another of its shape. */
  static MethodSpec copyHelper(Type t) {
    TypeName type = DerivativesEmitter.typeName(t);
    MethodSpec.Builder b =
        MethodSpec.methodBuilder("copyInto")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addJavadoc(
                "Overwrites {@code to} with the elements of {@code from}, which has its shape.\n"
                    + "@throws IllegalArgumentException if the shapes differ\n")
            .addParameter(type, "from")
            .addParameter(type, "to")
            .beginControlFlow("if (from.length != to.length)")
            .addStatement(
                "throw new IllegalArgumentException($S + from.length + $S + to.length)",
                "cannot copy ",
                " elements into an array of ")
            .endControlFlow();
    if (t.isMatrix()) {
      b.beginControlFlow("for (int r = 0; r < from.length; r++)")
          .addStatement("copyInto(from[r], to[r])")
          .endControlFlow();
    } else {
      b.addStatement("System.arraycopy(from, 0, to, 0, from.length)");
    }
    return b.build();
  }
}
