package dev.adjoint.compiler.frontend;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls into a cycle of recursive methods, which inlining cannot express: each method of the cycle
 * stays a function of the program, called by an {@link Expr.Apply}, and the passes derive its
 * tangents as functions of their own. Such a call is a pure expression, hence the restrictions
 * (AD114): a scalar result, scalar and array parameters, array parameters only read.
 */
final class RecursiveCalls {
  private static final Set<Type> RESULTS =
      Set.of(Type.DOUBLE, Type.FLOAT, Type.INT, Type.LONG, Type.BOOLEAN);

  private RecursiveCalls() {}

  /**
   * A call of a method whose lowering is under way (the call closes a cycle): its signature comes
   * from its declaration. What it must not be is reported where the cycle is entered ({@link
   * #call}), once it is lowered; a type outside the language is reported by its lowering.
   */
  static Expr closing(CalleeResolver.Callee c, Program program, List<Expr> args) {
    program.recursionInto(c.key());
    MethodDeclaration d = StaticJavaParser.parseMethodDeclaration(c.request().source());
    Type returns = d.getType().isVoidType() ? Type.VOID : Types.of(d.getType()).orElse(Type.DOUBLE);
    List<Var> params = new ArrayList<>();
    for (Parameter p : d.getParameters()) {
      params.add(new Var(p.getNameAsString(), Types.of(p.getType()).orElse(Type.DOUBLE)));
    }
    String name = program.name(c.key(), c.request().methodName());
    return new Expr.Apply(name, params, returns, args);
  }

  /** A call of a method of a cycle, lowered: checked once lowered, then called as a function. */
  static Expr call(
      Context cx, MethodCallExpr m, CalleeResolver.Callee c, Function f, List<Expr> args) {
    String name = c.request().methodName();
    if (!RESULTS.contains(f.returnType())) {
      return cx.error(
          DiagnosticCode.AD114,
          m,
          Type.DOUBLE,
          name,
          "it returns " + (f.returnType() == Type.VOID ? "nothing" : f.returnType().javaName()));
    }
    Optional<Var> written = writtenArrayParameter(f);
    if (written.isPresent()) {
      return cx.error(
          DiagnosticCode.AD114,
          m,
          Type.DOUBLE,
          name,
          "it writes to its array parameter '" + written.get().name() + "'");
    }
    return new Expr.Apply(cx.program.name(c.key(), name), f.params(), f.returnType(), args);
  }

  /** An array parameter the function writes, directly or through an alias, if any. */
  private static Optional<Var> writtenArrayParameter(Function f) {
    Map<Var, Var> origin = new HashMap<>(); // an array variable -> the parameter it aliases
    f.params().stream().filter(p -> p.type().isArray()).forEach(p -> origin.put(p, p));
    List<Stmt> all = Stmts.all(f.body());
    boolean grown = true;
    while (grown) { // aliases of parameters and of their rows
      grown = false;
      for (Stmt s : all) {
        Var v =
            s instanceof Stmt.Declare d && d.init() != null
                ? d.var()
                : s instanceof Stmt.Assign a ? a.var() : null;
        Expr init =
            s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Assign a ? a.value() : null;
        Var from = v == null || !v.type().isArray() ? null : origin.get(Exprs.root(init));
        if (from != null && !origin.containsKey(v)) {
          origin.put(v, from);
          grown = true;
        }
      }
    }
    for (Stmt s : all) {
      Expr target =
          s instanceof Stmt.Store st ? st.array() : s instanceof Stmt.Fill fl ? fl.array() : null;
      Var param = target == null ? null : origin.get(Exprs.root(target));
      if (param != null) {
        return Optional.of(param);
      }
    }
    return Optional.empty();
  }
}
