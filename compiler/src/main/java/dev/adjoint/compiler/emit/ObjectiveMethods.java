package dev.adjoint.compiler.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import javax.lang.model.element.Modifier;

/** The methods of an {@link Objectives objective class}. */
final class ObjectiveMethods {
  private ObjectiveMethods() {}

  static MethodSpec constructor(
      String owner, Differentiated m, ClassName parameters, Objectives.Fields fields, Names n) {
    MethodSpec.Builder b = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE);
    Parameters.declareUser(b, m);
    for (Var data : fields.data()) {
      b.addStatement("this.$L = $L", data.name(), data.name());
    }
    CodeBlock.Builder given = CodeBlock.builder();
    for (int k = 0; k < m.inputs().size(); k++) {
      Input input = m.inputs().get(k);
      given.add(
          k == 0 ? "$L" : ", $L",
          Inputs.isField(m, input) ? Inputs.readField(m, input) : input.name());
    }
    b.addStatement("$T $L = new $T($L)", parameters, n.given(), parameters, given.build());
    b.addComment("copies: the caller's arrays stay as they are");
    b.addStatement("this.$L = $L.unpack($L.pack())", n.initial(), n.given(), n.given());
    if (!fields.buffers().isEmpty()) {
      b.addStatement("$T $L = $L.unpack($L.pack())", parameters, n.copy(), n.given(), n.given());
      for (Input input : m.inputs()) {
        for (Var leaf : input.leaves()) {
          if (fields.buffers().contains(leaf)) {
            b.addStatement(
                "this.$L = $L", leaf.name(), Objectives.Fields.fromCopy(m, input, leaf, n.copy()));
          }
        }
      }
    }
    b.addStatement("int[] $L = $L.offsets()", n.offsets(), n.initial());
    List<Var> leaves = Inputs.leaves(m);
    for (int k = 0; k < leaves.size(); k++) {
      b.addStatement("this.$L = $L[$L]", n.offset(leaves.get(k)), n.offsets(), k);
    }
    b.addStatement("this.$L = $L.dimension()", n.dimension(), n.initial());
    return Docs.of(owner, m)
        .completed(b.addJavadoc("The objective of one call's arguments.\n").build());
  }

  /** The record's {@code offsets()}: where each leaf starts, in flat-layout order. */
  static MethodSpec offsets(Differentiated m) {
    CodeBlock.Builder list = CodeBlock.builder();
    List<Var> leaves = Inputs.leaves(m);
    for (int k = 0; k < leaves.size(); k++) {
      list.add(k == 0 ? "$L" : ", $L", Inputs.offset(m, leaves.get(k)));
    }
    CodeBlock ret = CodeBlock.of("return new int[] {$L};\n", list.build());
    return Docs.complete(
        MethodSpec.methodBuilder("offsets")
            .addModifiers(Modifier.PRIVATE)
            .returns(int[].class)
            .addJavadoc(
                "Where each number, array and matrix of these values starts in the flat layout.\n"
                    + "@return the offsets, in flat-layout order\n")
            .addCode(Inputs.bindLeaves(m, ret))
            .addCode(ret)
            .build());
  }

  static MethodSpec dimension(Names n, boolean override) {
    MethodSpec.Builder b = MethodSpec.methodBuilder("dimension");
    if (override) {
      b.addAnnotation(Override.class);
    }
    return b.addModifiers(Modifier.PUBLIC)
        .returns(int.class)
        .addJavadoc(
            "The length of the flat layout.\n@return the length of every point and gradient\n")
        .addStatement("return $L", n.dimension())
        .build();
  }

  static MethodSpec valueAndGradient(Differentiated m, boolean reuse, Names n) {
    return MethodSpec.methodBuilder("valueAndGradient")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addParameter(double[].class, n.point())
        .addParameter(double[].class, n.gradient())
        .addJavadoc(
            "Evaluates {@link #$L} at {@code $L}.\n"
                + "@param $L the point in flat layout, only read\n"
                + "@param $L receives the gradient; overwritten\n"
                + "@return the value at {@code $L}\n"
                + "@throws IllegalArgumentException if an array does not have length {@link #dimension}\n",
            m.request().methodName() + "Objective",
            n.point(),
            n.point(),
            n.gradient(),
            n.point())
        .addCode(prelude(m, n))
        .addStatement(
            "return $L($L, $L$L)",
            m.gradient().name(),
            Parameters.args(m),
            n.gradient(),
            reuse ? ", " + n.workspace() : "")
        .build();
  }

  static MethodSpec residuals(Differentiated m, Names n) {
    return MethodSpec.methodBuilder("residuals")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(double[].class)
        .addParameter(double[].class, n.point())
        .addParameter(double[][].class, n.jacobian())
        .addJavadoc(
            "Evaluates {@link #$LLeastSquares} and its Jacobian at {@code $L}.\n"
                + "@param $L the point in flat layout, only read\n"
                + "@param $L receives the Jacobian, one row per residual, {@link #dimension} columns;"
                + " overwritten\n"
                + "@return the residuals at {@code $L}\n"
                + "@throws IllegalArgumentException if an array does not have the right shape\n",
            m.request().methodName(),
            n.point(),
            n.point(),
            n.jacobian(),
            n.point())
        .addCode(prelude(m, n))
        .addStatement(
            "return $LJacobian($L, $L)", m.request().methodName(), Parameters.args(m), n.jacobian())
        .build();
  }

  static MethodSpec valueGradientAndHessian(Differentiated m, Names n) {
    return MethodSpec.methodBuilder("valueGradientAndHessian")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addParameter(double[].class, n.point())
        .addParameter(double[].class, n.gradient())
        .addParameter(double[][].class, n.hessian())
        .addJavadoc(
            "Evaluates {@link #$L} and its Hessian at {@code $L}.\n"
                + "@param $L the point in flat layout, only read\n"
                + "@param $L receives the gradient; overwritten\n"
                + "@param $L receives the Hessian, {@link #dimension} rows of {@link #dimension};"
                + " overwritten\n"
                + "@return the value at {@code $L}\n"
                + "@throws IllegalArgumentException if an array does not have the right shape\n",
            m.request().methodName() + "Objective",
            n.point(),
            n.point(),
            n.gradient(),
            n.hessian(),
            n.point())
        .beginControlFlow("if ($L.length != $L)", n.hessian(), n.dimension())
        .addStatement(
            "throw new IllegalArgumentException($S + $L.length + $S + $L)",
            "hessian has ",
            n.hessian(),
            " rows, expected ",
            n.dimension())
        .endControlFlow()
        .addCode(prelude(m, n))
        .addStatement(
            "return $LHessian($L, $L, $L)",
            m.request().methodName(),
            Parameters.args(m),
            n.gradient(),
            n.hessian())
        .build();
  }

  /**
   * Checks the point and moves it where the generated method reads it: numbers into locals named as
   * the parameters, arrays into the buffers, records rebuilt, the receiver's fields written.
   */
  private static CodeBlock prelude(Differentiated m, Names n) {
    CodeBlock.Builder b = CodeBlock.builder();
    b.beginControlFlow("if ($L.length != $L)", n.point(), n.dimension())
        .addStatement(
            "throw new IllegalArgumentException($S + $L.length + $S + $L)",
            "point has length ",
            n.point(),
            ", expected ",
            n.dimension())
        .endControlFlow();
    for (Input input : m.inputs()) {
      boolean field = Inputs.isField(m, input);
      if (input.var() != null && input.var().type().isArray()) {
        CodeBlock target =
            field ? Inputs.readField(m, input) : CodeBlock.of("$L", input.var().name());
        b.add(Flat.unpackInto(n.point(), n.offset(input.var()), target));
        continue;
      }
      CodeBlock value = value(input, b, n);
      if (field) {
        b.add(Inputs.writeField(m, input, value));
      } else {
        b.addStatement("$T $L = $L", Inputs.type(input), input.name(), value);
      }
    }
    return b.build();
  }

  /** A number or record input's value at the point; its arrays unpacked into their buffers. */
  private static CodeBlock value(Input input, CodeBlock.Builder before, Names n) {
    if (input.record() == null) {
      return Flat.number(input.var(), n.point(), n.offset(input.var()));
    }
    CodeBlock.Builder args = CodeBlock.builder();
    for (int k = 0; k < input.components().size(); k++) {
      Input c = input.components().get(k);
      CodeBlock arg;
      if (c.var() != null && c.var().type().isArray()) {
        before.add(
            Flat.unpackInto(n.point(), n.offset(c.var()), CodeBlock.of("$L", c.var().name())));
        arg = CodeBlock.of("$L", c.var().name());
      } else {
        arg = value(c, before, n);
      }
      args.add(k == 0 ? "$L" : ", $L", arg);
    }
    return CodeBlock.of("new $T($L)", Inputs.type(input), args.build());
  }

  static MethodSpec value(Names n) {
    return MethodSpec.methodBuilder("value")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addParameter(double[].class, n.point())
        .addJavadoc(
            "The value at {@code $L}, through the gradient (into an array made once).\n"
                + "@param $L the point in flat layout, only read\n"
                + "@return the value at {@code $L}\n",
            n.point(),
            n.point(),
            n.point())
        .beginControlFlow("if ($L == null)", n.scratch())
        .addStatement("$L = new double[$L]", n.scratch(), n.dimension())
        .endControlFlow()
        .addStatement("return valueAndGradient($L, $L)", n.point(), n.scratch())
        .build();
  }

  static MethodSpec start(Names n) {
    return MethodSpec.methodBuilder("start")
        .addModifiers(Modifier.PUBLIC)
        .returns(double[].class)
        .addJavadoc(
            "The differentiated arguments the objective was made with, in flat layout: a starting point.\n"
                + "@return a new array of length {@link #dimension}\n")
        .addStatement("return $L.pack()", n.initial())
        .build();
  }

  static MethodSpec parameters(ClassName parameters, Names n) {
    return MethodSpec.methodBuilder("parameters")
        .addModifiers(Modifier.PUBLIC)
        .returns(parameters)
        .addParameter(double[].class, "point")
        .addJavadoc(
            "The values a point holds, shaped like the arguments the objective was made with: how to\n"
                + "read an optimizer's result.\n"
                + "@param point a point in flat layout, only read\n"
                + "@return new values\n"
                + "@throws IllegalArgumentException if {@code point} does not have length {@link #dimension}\n")
        .addStatement("return $L.unpack(point)", n.initial())
        .build();
  }

  static MethodSpec assign(Differentiated m, Names n) {
    return MethodSpec.methodBuilder("assign")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(double[].class, "point")
        .addJavadoc(
            "Writes a point into the receiver's fields in {@code wrt}, such as an optimizer's best point\n"
                + "at the end (evaluations leave the last point evaluated there).\n"
                + "@param point a point in flat layout, only read\n"
                + "@throws IllegalArgumentException if {@code point} does not have length {@link #dimension}\n")
        .addStatement(
            "$L.unpack(point).assignTo($L)", n.initial(), Inputs.self(m).orElseThrow().name())
        .build();
  }
}
