package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Ref;
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
import java.util.Set;

/**
 * Inlines a lowered callee at a call site: its parameters become locals initialised by the
 * arguments (arrays are passed by reference, as in Java), its locals get fresh names, and its
 * return value becomes an expression of the caller. Differentiating the caller then differentiates
 * the callee's code in place, with array arguments it reads or writes.
 */
final class Inliner {
  private Inliner() {}

  /** The statements to run before the call's value, and that value (null for void). */
  record Inlined(List<Stmt> statements, Expr value, Map<Var, Expr> renamed) {}

  static Inlined inline(Function callee, List<Expr> args, Scope scope) {
    Map<Var, Expr> subst = new HashMap<>();
    List<Stmt> out = new ArrayList<>();
    Set<Var> assigned = Stmts.writes(callee.body());
    for (int k = 0; k < args.size(); k++) {
      Var p = callee.params().get(k);
      Expr arg = args.get(k);
      if (p.type().isArray() || (Exprs.isTrivial(arg) && !assigned.contains(p))) {
        subst.put(p, arg);
      } else {
        Var local = scope.fresh(p.name(), p.type());
        out.add(new Stmt.Declare(local, arg));
        subst.put(p, Exprs.ref(local));
      }
    }
    for (Var v : Stmts.declared(callee.body())) {
      if (!subst.containsKey(v)) {
        subst.put(v, Exprs.ref(scope.fresh(v.name(), v.type())));
      }
    }
    List<Stmt> body = callee.body();
    if (returnsEarly(body)) {
      return early(callee, body, subst, scope, out);
    }
    Expr value = null;
    if (!body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return r) {
      body = body.subList(0, body.size() - 1);
      value = rename(r.value(), subst);
    }
    out.addAll(rename(body, subst));
    if (value != null && !Exprs.isTrivial(value)) {
      Var result = scope.fresh(callee.name(), value.type());
      out.add(new Stmt.Declare(result, value));
      value = Exprs.ref(result);
    }
    return new Inlined(out, value, subst);
  }

  /** Whether a {@code return} sits anywhere but at the end of the body (inside a loop, say). */
  private static boolean returnsEarly(List<Stmt> body) {
    long returns = Stmts.all(body).stream().filter(s -> s instanceof Stmt.Return).count();
    boolean finalReturn = !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return;
    return returns > (finalReturn ? 1 : 0);
  }

  /**
   * A callee returning from inside a loop (or anywhere before its end): its body runs inside a
   * labelled loop that runs once, and each {@code return e} becomes {@code result = e; break
   * label;}, so that the return leaves the callee, not the caller. Exit normalisation then handles
   * the labelled break like any other.
   */
  private static Inlined early(
      Function callee, List<Stmt> body, Map<Var, Expr> subst, Scope scope, List<Stmt> out) {
    String label = scope.freshName(callee.name());
    Var result =
        callee.returnType() == Type.VOID ? null : scope.fresh(callee.name(), callee.returnType());
    if (result != null) {
      out.add(
          new Stmt.Declare(
              result,
              result.type() == Type.BOOLEAN
                  ? Expr.Const.ofBoolean(false)
                  : Expr.Const.zero(result.type())));
    }
    List<Stmt> renamed =
        Stmts.mapBlocks(
            rename(body, subst),
            block -> {
              List<Stmt> b = new ArrayList<>();
              for (Stmt s : block) {
                if (s instanceof Stmt.Return r) {
                  if (result != null && r.value() != null) {
                    b.add(new Stmt.Assign(result, r.value()));
                  }
                  b.add(new Stmt.Break(label));
                } else {
                  b.add(s);
                }
              }
              return b;
            });
    out.add(new Stmt.Loop(label, Expr.Const.ofBoolean(false), renamed, List.of(), true));
    return new Inlined(out, result == null ? null : Exprs.ref(result), subst);
  }

  private static Expr rename(Expr e, Map<Var, Expr> subst) {
    return Exprs.rewrite(
        e, n -> n instanceof Ref r && subst.containsKey(r.var()) ? subst.get(r.var()) : n);
  }

  private static Var var(Var v, Map<Var, Expr> subst) {
    Expr e = subst.get(v);
    return e instanceof Ref r ? r.var() : v;
  }

  private static List<Stmt> rename(List<Stmt> block, Map<Var, Expr> subst) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      out.add(rename(s, subst));
    }
    return out;
  }

  private static Stmt rename(Stmt s, Map<Var, Expr> subst) {
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(
          var(d.var(), subst), d.init() == null ? null : rename(d.init(), subst));
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(var(a.var(), subst), rename(a.value(), subst));
    }
    if (s instanceof Stmt.If i) {
      return i.with(rename(i.cond(), subst), rename(i.then(), subst), rename(i.otherwise(), subst));
    }
    if (s instanceof Stmt.For f) {
      return new Stmt.For(
          var(f.index(), subst),
          rename(f.from(), subst),
          f.cmp(),
          rename(f.bound(), subst),
          f.step(),
          rename(f.body(), subst));
    }
    if (s instanceof Stmt.While w) {
      return new Stmt.While(rename(w.cond(), subst), rename(w.body(), subst));
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(
          l.label(),
          rename(l.cond(), subst),
          rename(l.body(), subst),
          rename(l.update(), subst),
          l.testAtEnd());
    }
    if (!Stmts.blocks(s).isEmpty()) {
      throw new IllegalStateException("unknown statement: " + s);
    }
    // no nested statements left: only expressions to rename (a store's array and index included)
    return Stmts.mapExprs(s, e -> rename(e, subst));
  }
}
