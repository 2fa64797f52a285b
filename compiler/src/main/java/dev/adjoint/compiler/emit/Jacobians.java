package dev.adjoint.compiler.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Signature.Role;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The methods of an array-valued {@code double[] m(...)} (or {@code float[]}: the value keeps its
 * type, the derivatives are doubles): {@code mPullback} (vector-Jacobian product, reverse mode),
 * {@code mTangent} (Jacobian-vector product, forward mode) and {@code mJacobian}, which takes rows
 * by pullbacks when there are fewer outputs than inputs and columns by tangents otherwise.
 */
final class Jacobians {
  private Jacobians() {}

  static MethodSpec pullback(String owner, Differentiated m) {
    Function g = m.gradient();
    Var gradient = g.signature().get(Role.GRADIENT);
    Var seed = g.signature().get(Role.OUTPUT_ADJOINT);
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(m.request().methodName() + "Pullback")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(DerivativesEmitter.typeName(g.returnType()))
            .addJavadoc(
                "Returns {@code $L.$L(...)} and overwrites {@code $L} with {@code $L} times its Jacobian\n"
                    + "(a vector-Jacobian product, reverse mode; flat layout over the differentiated parameters).\n",
                owner,
                m.request().methodName(),
                gradient.name(),
                seed.name());
    Parameters.declare(b, m, g);
    b.addCode(Parameters.prologue(m));
    SecondOrder.check(b, gradient.name(), Printer.expr(m.layout().length()));
    b.addCode(Statements.of(g.body()));
    return b.build();
  }

  static MethodSpec tangent(String owner, Differentiated m) {
    Function t = m.tangent();
    Var out = t.signature().get(Role.TANGENT);
    Var direction = t.signature().get(Role.DIRECTION);
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(m.request().methodName() + "Tangent")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(DerivativesEmitter.typeName(t.returnType()))
            .addJavadoc(
                "Returns {@code $L.$L(...)} and overwrites {@code $L} with its Jacobian times {@code $L}\n"
                    + "(a Jacobian-vector product, forward mode; {@code $L} has the result's length).\n",
                owner,
                m.request().methodName(),
                out.name(),
                direction.name(),
                out.name());
    Parameters.declare(b, m, t);
    b.addCode(Parameters.prologue(m));
    SecondOrder.check(b, direction.name(), Printer.expr(m.layout().length()));
    b.addCode(Statements.of(t.body()));
    return b.build();
  }

  static MethodSpec jacobian(String owner, Differentiated m) {
    List<Var> params = Parameters.taken(m);
    String args = Parameters.args(m);
    String name = m.request().methodName();
    String jac = SecondOrder.fresh("jacobian", params);
    String n = SecondOrder.fresh("n", params);
    String rows = SecondOrder.fresh("m", params);
    String unit = SecondOrder.fresh("unit", params);
    String column = SecondOrder.fresh("column", params);
    String value = SecondOrder.fresh("value", params);
    String i = SecondOrder.fresh("i", params);
    String j = SecondOrder.fresh("j", params);
    TypeName result = DerivativesEmitter.typeName(m.primal().returnType());
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(name + "Jacobian")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(result)
            .addJavadoc(
                "Returns {@code $L.$L(...)} and overwrites {@code $L} (one row per output, flat layout\n"
                    + "over the differentiated parameters) with its Jacobian: by reverse sweeps when there are fewer\n"
                    + "outputs than inputs, by forward sweeps otherwise.\n",
                owner,
                name,
                jac);
    Parameters.declareUser(b, m);
    b.addParameter(double[][].class, jac);
    b.addCode(Parameters.prologue(m));
    b.addStatement("int $L = $L", n, Printer.expr(m.layout().length()));
    b.addStatement("int $L = $L.length", rows, jac);
    b.beginControlFlow("for (double[] row : $L)", jac)
        .beginControlFlow("if (row == null || row.length != $L)", n)
        .addStatement(
            "throw new $T($S + $L)",
            IllegalArgumentException.class,
            jac + " rows must have length ",
            n)
        .endControlFlow()
        .endControlFlow();
    b.addStatement("$T $L = null", result, value);
    b.beginControlFlow("if ($L <= $L)", rows, n)
        .addStatement("double[] $L = new double[$L]", unit, rows)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, rows, i)
        .addStatement("$L[$L] = 1", unit, i)
        .addStatement("$L = $LPullback($L, $L, $L[$L])", value, name, args, unit, jac, i)
        .addStatement("$L[$L] = 0", unit, i)
        .endControlFlow()
        .nextControlFlow("else")
        .addStatement("double[] $L = new double[$L]", unit, n)
        .addStatement("double[] $L = new double[$L]", column, rows)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j)
        .addStatement("$L[$L] = 1", unit, j)
        .addStatement("$L = $LTangent($L, $L, $L)", value, name, args, unit, column)
        .addStatement("$L[$L] = 0", unit, j)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, rows, i)
        .addStatement("$L[$L][$L] = $L[$L]", jac, i, j, column, i)
        .endControlFlow()
        .endControlFlow()
        .endControlFlow();
    b.beginControlFlow("if ($L != null && $L.length != $L)", value, value, rows)
        .addStatement(
            "throw new $T($S + $L.length + $S)",
            IllegalArgumentException.class,
            "the result has ",
            value,
            " entries: " + jac + " needs one row per entry")
        .endControlFlow();
    b.addStatement("return $L", value);
    return b.build();
  }
}
