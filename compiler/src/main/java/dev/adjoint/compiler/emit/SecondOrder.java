package dev.adjoint.compiler.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Signature;
import dev.adjoint.compiler.ir.Signature.Role;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The forward-mode and second-order methods of a derivatives class: {@code mTangent} (directional
 * derivative), and with {@code order = 2} {@code mHessianVector} (forward over reverse) and {@code
 * mHessian} (one Hessian-vector product per flat input).
 */
final class SecondOrder {
  private SecondOrder() {}

  static MethodSpec tangent(String owner, Differentiated m) {
    Function t = m.tangent();
    Var direction = t.signature().get(Role.DIRECTION);
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(m.request().methodName() + "Tangent")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(double.class)
            .addJavadoc(
                "Forward mode: the directional derivative of {@code $L.$L(...)} along {@code $L} (flat layout\n"
                    + "over $L), that is the gradient dotted with {@code $L}, computed without storing anything.\n",
                owner,
                m.request().methodName(),
                direction.name(),
                wrt(m),
                direction.name());
    Parameters.declare(b, m, t);
    b.addCode(Parameters.prologue(m));
    check(b, direction.name(), Printer.expr(m.layout().length()));
    b.addCode(Statements.of(t.body()));
    return b.build();
  }

  static MethodSpec hessianVector(String owner, Differentiated m, Pipeline.SecondOrder second) {
    Signature ps = second.hessianVector().signature();
    Var hv = ps.get(Role.HESSIAN_VECTOR);
    Var v = ps.get(Role.DIRECTION);
    Var gradient = ps.get(Role.GRADIENT);
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(m.request().methodName() + "HessianVector")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(DerivativesEmitter.typeName(second.hessianVector().returnType()))
            .addJavadoc(
                "Returns {@code $L.$L(...)}, overwrites {@code $L} with its gradient and {@code $L} with the\n"
                    + "Hessian times {@code $L} (forward mode over the reverse-mode gradient), without forming the Hessian.\n",
                owner,
                m.request().methodName(),
                gradient.name(),
                hv.name(),
                v.name());
    Parameters.declareUser(b, m);
    b.addParameter(double[].class, v.name());
    b.addParameter(double[].class, gradient.name());
    b.addParameter(double[].class, hv.name());
    b.addCode(Parameters.prologue(m));
    String n = Printer.expr(m.layout().length());
    check(b, v.name(), n);
    check(b, gradient.name(), n);
    check(b, hv.name(), n);
    b.addCode(Statements.of(second.hessianVector().body()));
    return b.build();
  }

  /**
   * {@code mHessian}: the unrolled one-pass Hessian, or a loop over the rows of {@link
   * #hessianRow}.
   */
  static MethodSpec hessian(String owner, Differentiated m, Pipeline.SecondOrder second) {
    Function h = second.hessian();
    Signature ps = h.signature();
    boolean unrolled = ps.has(Role.HESSIAN);
    List<Var> params = Parameters.taken(m);
    String gradient = unrolled ? ps.get(Role.GRADIENT).name() : fresh("gradient", params);
    String hessian = unrolled ? ps.get(Role.HESSIAN).name() : fresh("hessian", params);
    List<Var> taken = new ArrayList<>(ps.params());
    taken.addAll(Stmts.declared(h.body()));
    String n = fresh("n", taken);
    String k = fresh("k", taken);
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(m.request().methodName() + "Hessian")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(DerivativesEmitter.typeName(h.returnType()))
            .addJavadoc(
                "Returns {@code $L.$L(...)}, overwrites {@code $L} with its gradient and {@code $L}\n"
                    + "with its Hessian (flat layout by flat layout), $L Allocates nothing.\n",
                owner,
                m.request().methodName(),
                gradient,
                hessian,
                unrolled
                    ? "in one pass: forward mode along every unit direction over the\nreverse-mode gradient, "
                        + "sharing the value and gradient work between the rows."
                    : "one Hessian-vector product along each unit direction per row.");
    Parameters.declareUser(b, m);
    b.addParameter(double[].class, gradient);
    b.addParameter(double[][].class, hessian);
    b.addCode(Parameters.prologue(m));
    b.addStatement("int $L = $L", n, Printer.expr(m.layout().length()));
    b.beginControlFlow("if ($L.length != $L || $L.length != $L)", gradient, n, hessian, n)
        .addStatement(
            "throw new $T($S + $L)",
            IllegalArgumentException.class,
            gradient + " and " + hessian + " must have length ",
            n)
        .endControlFlow();
    b.beginControlFlow("for (int $L = 0; $L < $L; $L++)", k, k, n, k)
        .beginControlFlow("if ($L[$L] == null || $L[$L].length != $L)", hessian, k, hessian, k, n)
        .addStatement(
            "throw new $T($S + $L + $S + $L)",
            IllegalArgumentException.class,
            hessian + " row ",
            k,
            " must have length ",
            n)
        .endControlFlow()
        .endControlFlow();
    if (unrolled) {
      b.addCode(Statements.of(h.body()));
      return b.build();
    }
    String args = m.primal().params().stream().map(Var::name).collect(Collectors.joining(", "));
    String value = fresh("value", params);
    b.addStatement("$T $L = 0", DerivativesEmitter.typeName(h.returnType()), value);
    b.beginControlFlow("for (int $L = 0; $L < $L; $L++)", k, k, n, k)
        .addStatement("$L = $L($L, $L, $L, $L[$L])", value, h.name(), args, k, gradient, hessian, k)
        .endControlFlow();
    b.addStatement("return $L", value);
    return b.build();
  }

  /**
   * The private row method behind a Hessian with array inputs: the product with the k-th unit
   * vector.
   */
  static MethodSpec hessianRow(Differentiated m, Pipeline.SecondOrder second) {
    Function h = second.hessian();
    Signature ps = h.signature();
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(h.name())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(DerivativesEmitter.typeName(h.returnType()))
            .addJavadoc(
                "Row {@code $L} of the Hessian into {@code $L} (the Hessian-vector product with the unit vector\n"
                    + "e_$L, the direction written as an index instead of an array), the gradient into {@code $L}.\n",
                ps.get(Role.ROW).name(),
                ps.get(Role.HESSIAN_VECTOR).name(),
                ps.get(Role.ROW).name(),
                ps.get(Role.GRADIENT).name());
    params(b, m, ps.params());
    b.addCode(Statements.of(h.body()));
    return b.build();
  }

  static String fresh(String base, List<Var> params) {
    String name = base;
    for (int i = 2; params.stream().map(Var::name).anyMatch(name::equals); i++) {
      name = base + i;
    }
    return name;
  }

  private static void params(MethodSpec.Builder b, Differentiated m, List<Var> params) {
    for (Var p : params) {
      b.addParameter(ParameterSpec.builder(DerivativesEmitter.typeName(m, p), p.name()).build());
    }
  }

  static void check(MethodSpec.Builder b, String array, String length) {
    b.beginControlFlow("if ($L.length != $L)", array, length)
        .addStatement(
            "throw new $T($S + $L.length + $S + ($L))",
            IllegalArgumentException.class,
            array + " has length ",
            array,
            ", expected ",
            length)
        .endControlFlow();
  }

  private static String wrt(Differentiated m) {
    return DerivativesEmitter.wrtList(m);
  }
}
