package dev.adjoint.compiler.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Binding;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The class {@code MObjective} of a generated class: one method as the runtime's {@code
 * DifferentiableFunction} of its flat layout (a {@code TwiceDifferentiableFunction} with {@code
 * order = 2}), the other arguments bound, made by the factory {@code mObjective} from a call's
 * arguments. It owns the arrays the point is unpacked into and the method's workspace, so an
 * evaluation allocates nothing (a record input is rebuilt per call); the receiver's fields in
 * {@code wrt} are evaluated where they live: the point is written into them.
 */
final class Objectives {
  static final String RUNTIME = "dev.adjoint.runtime";

  private Objectives() {}

  /** What the class implements. */
  enum Kind {
    /** {@code DifferentiableFunction}, through {@code mValueAndGradient}. */
    FUNCTION("Objective"),
    /** {@code TwiceDifferentiableFunction}, also through {@code mHessian} ({@code order = 2}). */
    TWICE("Objective"),
    /** {@code LevenbergMarquardt.ResidualsAndJacobian}, through {@code mJacobian}. */
    RESIDUALS("LeastSquares");

    final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }

    static Kind of(Differentiated m) {
      return m.primal().returnType().isArray()
          ? RESIDUALS
          : m.secondOrder().isPresent() ? TWICE : FUNCTION;
    }
  }

  static String name(Differentiated m) {
    return DerivativesEmitter.recordName(m).replaceAll("Gradient$", Kind.of(m).suffix);
  }

  /**
   * Whether {@code m} gets an objective: every input movable, every field input writable, and a
   * {@code double} or {@code double[]} result.
   */
  static boolean applies(Differentiated m) {
    return (m.primal().returnType() == Type.DOUBLE || m.primal().returnType() == Type.DOUBLE_ARRAY)
        && Flat.movable(m)
        && m.inputs().stream().allMatch(i -> !Inputs.isField(m, i) || Inputs.writable(m, i));
  }

  /** {@code mObjective(...)}: the objective of a call's arguments. */
  static MethodSpec factory(String owner, Differentiated m, ClassName name) {
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(m.request().methodName() + Kind.of(m).suffix)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(name)
            .addJavadoc(
                "{@code $L.$L} as a function of its flat layout for the runtime's optimizers and checks: the\n"
                    + "differentiated arguments give the starting point ({@code start()}) and the shapes, the others\n"
                    + "are bound$L.\n",
                owner,
                m.request().methodName(),
                Inputs.hasFields(m)
                    ? "; the receiver's fields in {@code wrt} receive every point evaluated"
                    : "");
    Parameters.declareUser(b, m);
    b.addStatement("return new $T($L)", name, Parameters.args(m));
    return Docs.of(owner, m).completed(b.build());
  }

  /** The class. */
  static TypeSpec type(
      String owner, Differentiated m, ClassName name, ClassName parameters, ClassName workspace) {
    String method = owner + "." + m.request().methodName();
    Kind kind = Kind.of(m);
    TypeSpec.Builder t =
        TypeSpec.classBuilder(name.simpleName())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addSuperinterface(
                switch (kind) {
                  case FUNCTION -> ClassName.get(RUNTIME, "DifferentiableFunction");
                  case TWICE -> ClassName.get(RUNTIME, "TwiceDifferentiableFunction");
                  case RESIDUALS ->
                      ClassName.get(RUNTIME, "LevenbergMarquardt", "ResidualsAndJacobian");
                })
            .addJavadoc(
                "{@code $L} as a $L of its flat layout, the arguments not differentiated bound (and\n"
                    + "replaceable by their setters, such as a batch of samples): made by {@link #$L$L}.\n"
                    + "An evaluation allocates $L$L. Not thread-safe: one per thread.\n",
                method,
                kind == Kind.RESIDUALS
                    ? "least-squares model (residuals and Jacobian)"
                    : "function",
                m.request().methodName(),
                kind.suffix,
                kind == Kind.RESIDUALS ? "only the residuals it returns" : "nothing",
                Inputs.hasFields(m)
                    ? " and writes the point into the receiver's fields in {@code wrt}"
                    : "");
    Fields fields = Fields.of(m);
    Names n = Names.of(m);
    for (Var data : fields.data()) {
      t.addField(
          FieldSpec.builder(DerivativesEmitter.typeName(m, data), data.name(), Modifier.PRIVATE)
              .addJavadoc("The argument {@code $L}, bound.\n", data.name())
              .build());
      t.addMethod(setter(m, data));
    }
    t.addField(
        FieldSpec.builder(parameters, n.initial(), Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("The differentiated arguments the objective was made with: the start.\n")
            .build());
    for (Var leaf : fields.buffers()) {
      t.addField(
          FieldSpec.builder(
                  DerivativesEmitter.typeName(leaf.type()),
                  leaf.name(),
                  Modifier.PRIVATE,
                  Modifier.FINAL)
              .addJavadoc(
                  "The array the point's slice for {@code $L} is unpacked into.\n", leaf.name())
              .build());
    }
    for (Var leaf : Inputs.leaves(m)) {
      t.addField(
          FieldSpec.builder(int.class, n.offset(leaf), Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc("Where {@code $L} starts in the flat layout.\n", leaf.name())
              .build());
    }
    t.addField(
        FieldSpec.builder(int.class, n.dimension(), Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("The length of the flat layout.\n")
            .build());
    if (workspace != null) {
      t.addField(
          FieldSpec.builder(workspace, n.workspace(), Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc("The arrays of the reverse sweep, kept between evaluations.\n")
              .initializer("new $T()", workspace)
              .build());
    }
    if (kind != Kind.RESIDUALS) {
      t.addField(
          FieldSpec.builder(double[].class, n.scratch(), Modifier.PRIVATE)
              .addJavadoc("The gradient {@link #value} discards, made on first use.\n")
              .build());
    }
    t.addMethod(ObjectiveMethods.constructor(owner, m, parameters, fields, n));
    t.addMethod(ObjectiveMethods.dimension(n, kind != Kind.RESIDUALS));
    if (kind == Kind.RESIDUALS) {
      t.addMethod(ObjectiveMethods.residuals(m, n));
    } else {
      t.addMethod(ObjectiveMethods.valueAndGradient(m, workspace != null, n));
      if (kind == Kind.TWICE) {
        t.addMethod(ObjectiveMethods.valueGradientAndHessian(m, n));
      }
      t.addMethod(ObjectiveMethods.value(n));
    }
    t.addMethod(ObjectiveMethods.start(n));
    t.addMethod(ObjectiveMethods.parameters(parameters, n));
    if (Inputs.hasFields(m)) {
      t.addMethod(ObjectiveMethods.assign(m, n));
    }
    return t.build();
  }

  private static MethodSpec setter(Differentiated m, Var data) {
    String name = "set" + Character.toUpperCase(data.name().charAt(0)) + data.name().substring(1);
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(
            "Binds another {@code $L}: the next evaluations use it (kept, not copied).\n"
                + "@param $L the new argument\n",
            data.name(),
            data.name())
        .addParameter(DerivativesEmitter.typeName(m, data), data.name())
        .addStatement("this.$L = $L", data.name(), data.name())
        .build();
  }

  /**
   * The objective's state: the arguments bound as they are ({@code data}) and the arrays the
   * differentiated parameters' slices are unpacked into ({@code buffers}, named as their leaves).
   */
  record Fields(List<Var> data, List<Var> buffers) {
    static Fields of(Differentiated m) {
      List<Var> data =
          m.visible().stream()
              .filter(v -> m.inputs().stream().noneMatch(i -> i.name().equals(v.name())))
              .toList();
      List<Var> buffers =
          m.inputs().stream()
              .filter(i -> !Inputs.isField(m, i) || i.record() != null)
              .flatMap(i -> i.leaves().stream())
              .filter(v -> v.type().isArray())
              .toList();
      return new Fields(data, buffers);
    }

    /** The read of a buffer from a copy of the inputs named {@code copy}. */
    static CodeBlock fromCopy(Differentiated m, Input input, Var leaf, String copy) {
      Binding binding = m.bound().get(leaf);
      CodeBlock root = CodeBlock.of("$L.$L()", copy, input.name());
      // a field's path starts at the field, which the copy's component already is
      return binding == null
          ? root
          : Parameters.read(binding, root, Inputs.isField(m, input) ? 1 : 0);
    }
  }
}
