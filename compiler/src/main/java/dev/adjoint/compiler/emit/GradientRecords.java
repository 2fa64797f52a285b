package dev.adjoint.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.pass.ad.GradientLayout;
import java.util.Arrays;
import javax.lang.model.element.Modifier;

/**
 * The components of a {@code MGradient} record, read from the flat gradient: one per differentiated
 * input, a number, an array, the rows of a matrix, or for a record an instance of the same record
 * holding its components' partial derivatives (its tangent vector, in Swift's words), built with
 * the record's canonical constructor.
 */
final class GradientRecords {
  private GradientRecords() {}

  /** The component for {@code input}, read from the flat gradient {@code g}. */
  static CodeBlock component(Differentiated m, Input input, String g) {
    return component(m, input, g, false);
  }

  /**
   * The value of {@code input} read from the flat point {@code flat}, of the input's own type (a
   * single precision number stays one): how the adapters unpack a point.
   */
  static CodeBlock value(Differentiated m, Input input, String flat) {
    return component(m, input, flat, true);
  }

  /** {@code inRecord}: a component of a user's record, which keeps the component's own type. */
  private static CodeBlock component(Differentiated m, Input input, String g, boolean inRecord) {
    if (input.record() != null) {
      CodeBlock.Builder args = CodeBlock.builder();
      for (int k = 0; k < input.components().size(); k++) {
        args.add(k == 0 ? "$L" : ", $L", component(m, input.components().get(k), g, true));
      }
      return CodeBlock.of("new $T($L)", Parameters.type(input.record().spelling()), args.build());
    }
    GradientLayout.Slot s =
        m.layout().slots().stream()
            .filter(x -> x.param().equals(input.var()))
            .findFirst()
            .orElseThrow();
    String offset = Printer.expr(s.offset());
    Type t = input.var().type();
    if (t.isMatrix()) {
      return CodeBlock.of("unflatten($L, $L, $L)", g, offset, input.var().name());
    }
    String end = Printer.expr(GradientLayout.plus(s.offset(), s.size()));
    if (t == Type.FLOAT_ARRAY && inRecord) {
      return CodeBlock.of("floats($L, $L, $L)", g, offset, end);
    }
    if (t.isArray()) {
      return CodeBlock.of("$T.copyOfRange($L, $L, $L)", Arrays.class, g, offset, end);
    }
    if (t == Type.FLOAT && inRecord) {
      return CodeBlock.of("(float) $L[$L]", g, offset);
    }
    return CodeBlock.of("$L[$L]", g, offset);
  }

  /** Whether some record component is a {@code float[]}: the class then needs {@link #floats}. */
  static boolean needsFloats(Differentiated m) {
    return m.inputs().stream().anyMatch(GradientRecords::hasFloatArrayComponent);
  }

  /** Whether some input is a {@code float[]}, which the adapters unpack with {@link #floats}. */
  static boolean hasFloatArrayInput(Differentiated m) {
    return m.inputs().stream().anyMatch(i -> i.var() != null && i.var().type() == Type.FLOAT_ARRAY);
  }

  private static boolean hasFloatArrayComponent(Input input) {
    return input.record() != null
        && input.components().stream()
            .anyMatch(
                c ->
                    (c.var() != null && c.var().type() == Type.FLOAT_ARRAY)
                        || hasFloatArrayComponent(c));
  }

  /** {@code floats(flat, from, to)}: a slice of the flat gradient as a {@code float[]}. */
  static MethodSpec floats() {
    return MethodSpec.methodBuilder("floats")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(float[].class)
        .addParameter(double[].class, "flat")
        .addParameter(int.class, "from")
        .addParameter(int.class, "to")
        .addStatement("float[] out = new float[to - from]")
        .beginControlFlow("for (int k = from; k < to; k++)")
        .addStatement("out[k - from] = (float) flat[k]")
        .endControlFlow()
        .addStatement("return out")
        .build();
  }
}
