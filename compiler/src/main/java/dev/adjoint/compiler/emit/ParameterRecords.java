package dev.adjoint.compiler.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Var;
import javax.lang.model.element.Modifier;

/**
 * The record {@code MParameters} of a generated class: the differentiated inputs of one method, one
 * component per input of the input's own type, and the moves between them and the flat layout the
 * gradients and the runtime's optimizers use ({@code pack}, {@code unpack}); for the receiver's
 * fields, reading them from an object ({@code of}) and writing them back ({@code assignTo}).
 */
final class ParameterRecords {
  private ParameterRecords() {}

  static String name(Differentiated m) {
    return DerivativesEmitter.recordName(m).replaceAll("Gradient$", "Parameters");
  }

  /**
   * The record, named {@code name}; {@code offsets}: with the method giving each leaf's offset,
   * which the objective reads.
   */
  static TypeSpec type(String owner, Differentiated m, ClassName name, boolean offsets) {
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "The differentiated inputs of {@code $L.$L}, one component per input, and their flat layout\n"
                    + "(the point of the gradient and of the optimizers): {@link #pack} writes it, {@link #unpack}\n"
                    + "reads it back.\n\n",
                owner,
                m.request().methodName());
    for (Input input : m.inputs()) {
      ctor.addParameter(Inputs.type(input), input.name());
      doc.add(
          "@param $L the value of {@code $L}$L\n",
          input.name(),
          input.name(),
          Inputs.isField(m, input) ? ", a field of the receiver" : "");
    }
    TypeSpec.Builder b =
        TypeSpec.recordBuilder(name.simpleName())
            .addModifiers(Modifier.PUBLIC)
            .recordConstructor(ctor.build())
            .addJavadoc(doc.build())
            .addMethod(dimension(m))
            .addMethod(packNew())
            .addMethod(pack(m))
            .addMethod(unpack(m, name));
    if (offsets) {
      b.addMethod(ObjectiveMethods.offsets(m));
    }
    if (Inputs.hasFields(m)) {
      b.addMethod(of(owner, m, name));
      if (m.inputs().stream()
          .filter(i -> Inputs.isField(m, i))
          .allMatch(i -> Inputs.writable(m, i))) {
        b.addMethod(assignTo(owner, m));
      }
    }
    return b.build();
  }

  private static MethodSpec dimension(Differentiated m) {
    CodeBlock ret = CodeBlock.of("return $L;\n", Printer.expr(m.layout().length()));
    return Docs.complete(
        MethodSpec.methodBuilder("dimension")
            .addModifiers(Modifier.PUBLIC)
            .returns(int.class)
            .addJavadoc(
                "The length of the flat layout of these values.\n@return the number of doubles {@link #pack} writes\n")
            .addCode(Inputs.bindLeaves(m, ret))
            .addCode(ret)
            .build());
  }

  private static MethodSpec packNew() {
    return Docs.complete(
        MethodSpec.methodBuilder("pack")
            .addModifiers(Modifier.PUBLIC)
            .returns(double[].class)
            .addJavadoc(
                "These values in flat layout, in a new array.\n@return an array of length {@link #dimension}\n")
            .addStatement("double[] flat = new double[dimension()]")
            .addStatement("pack(flat)")
            .addStatement("return flat")
            .build());
  }

  private static MethodSpec pack(Differentiated m) {
    CodeBlock.Builder body = CodeBlock.builder();
    lengthCheck(body, m, "flat");
    for (Var leaf : Inputs.leaves(m)) {
      body.add(Flat.pack(leaf, CodeBlock.of("$L", leaf.name()), "flat", Inputs.offset(m, leaf)));
    }
    CodeBlock code = body.build();
    return Docs.complete(
        MethodSpec.methodBuilder("pack")
            .addModifiers(Modifier.PUBLIC)
            .addParameter(double[].class, "flat")
            .addJavadoc(
                "Writes these values into {@code flat} in flat layout.\n"
                    + "@param flat receives the values; every element is overwritten\n"
                    + "@throws IllegalArgumentException if {@code flat} does not have length {@link #dimension}\n")
            .addCode(Inputs.bindLeaves(m, code))
            .addCode(code)
            .build());
  }

  private static MethodSpec unpack(Differentiated m, ClassName name) {
    CodeBlock.Builder body = CodeBlock.builder();
    lengthCheck(body, m, "flat");
    CodeBlock.Builder args = CodeBlock.builder();
    for (int k = 0; k < m.inputs().size(); k++) {
      args.add(k == 0 ? "$L" : ", $L", GradientRecords.value(m, m.inputs().get(k), "flat"));
    }
    body.addStatement("return new $T($L)", name, args.build());
    CodeBlock code = body.build();
    return Docs.complete(
        MethodSpec.methodBuilder("unpack")
            .addModifiers(Modifier.PUBLIC)
            .returns(name)
            .addParameter(double[].class, "flat")
            .addJavadoc(
                "The values a flat point holds, in new arrays shaped like these: how to read an optimizer's\n"
                    + "result.\n"
                    + "@param flat a point in flat layout, only read\n"
                    + "@return new values, shaped like these\n"
                    + "@throws IllegalArgumentException if {@code flat} does not have length {@link #dimension}\n")
            .addCode(Inputs.bindLeaves(m, code))
            .addCode(code)
            .build());
  }

  private static MethodSpec of(String owner, Differentiated m, ClassName name) {
    Var self = Inputs.self(m).orElseThrow();
    MethodSpec.Builder b =
        MethodSpec.methodBuilder("of")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(name)
            .addJavadoc(
                "The current values of the inputs: the fields read from {@code self} (arrays shared, not copied)$L.\n",
                m.inputs().stream().allMatch(i -> Inputs.isField(m, i))
                    ? ""
                    : ", the others as given")
            .addParameter(DerivativesEmitter.typeName(m, self), self.name());
    CodeBlock.Builder args = CodeBlock.builder();
    for (int k = 0; k < m.inputs().size(); k++) {
      Input input = m.inputs().get(k);
      if (Inputs.isField(m, input)) {
        args.add(k == 0 ? "$L" : ", $L", Inputs.readField(m, input));
      } else {
        b.addParameter(Inputs.type(input), input.name());
        args.add(k == 0 ? "$L" : ", $L", input.name());
      }
    }
    b.addStatement("return new $T($L)", name, args.build());
    return Docs.of(owner, m).completed(b.build());
  }

  private static MethodSpec assignTo(String owner, Differentiated m) {
    Var self = Inputs.self(m).orElseThrow();
    CodeBlock.Builder body = CodeBlock.builder();
    for (Input input : m.inputs()) {
      if (!Inputs.isField(m, input)) {
        continue;
      }
      if (input.var() != null && input.var().type().isArray()) {
        body.addStatement("copyInto($L, $L)", input.name(), Inputs.readField(m, input));
      } else {
        body.add(Inputs.writeField(m, input, CodeBlock.of("$L", input.name())));
      }
    }
    return MethodSpec.methodBuilder("assignTo")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(
            "Writes the values of the receiver's fields among these inputs into the fields of {@code $L}:\n"
                + "an array's elements in place, a number or record by assignment.\n"
                + "@param $L the receiver of {@code $L.$L}\n"
                + "@throws IllegalArgumentException if an array does not have the shape of the field's\n",
            self.name(),
            self.name(),
            owner,
            m.request().methodName())
        .addParameter(DerivativesEmitter.typeName(m, self), self.name())
        .addCode(body.build())
        .build();
  }

  /** Throws {@code IllegalArgumentException} when {@code array} is not of the layout's length. */
  static void lengthCheck(CodeBlock.Builder body, Differentiated m, String array) {
    String length = Printer.expr(m.layout().length());
    body.beginControlFlow("if ($L.length != $L)", array, length)
        .addStatement(
            "throw new IllegalArgumentException($S + $L.length + $S + ($L))",
            array + " has length ",
            array,
            ", expected ",
            length)
        .endControlFlow();
  }
}
