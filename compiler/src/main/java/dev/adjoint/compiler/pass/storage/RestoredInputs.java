package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Aliases;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last step of the tangent pipeline: a method that writes into an array parameter (in-place
 * time stepping) makes its tangent write into that parameter too, and into the {@code direction}
 * slice that holds the parameter's tangent. The reverse sweep restores what it overwrote; forward
 * mode has no reverse sweep, so this pass copies each written parameter array first and copies it
 * back before returning: the generated method leaves the caller's arrays as it found them.
 */
public final class RestoredInputs {
  private RestoredInputs() {}

  /**
   * {@code f} restoring its written array parameters, except {@code outputs} (written on purpose).
   */
  public static Function run(Function f, Set<Var> outputs) {
    Aliases aliases = Aliases.of(f);
    Set<Var> written = new HashSet<>();
    for (Var root : Aliases.stored(f.body())) {
      written.addAll(aliases.of(root));
    }
    List<Var> restored =
        f.params().stream()
            .filter(
                p ->
                    written.contains(p)
                        && !outputs.contains(p)
                        && (p.type().carriesDerivatives() || p.type() == Type.INT_ARRAY)
                        && p.type().isArray())
            .toList();
    if (restored.isEmpty() || !(f.body().get(f.body().size() - 1) instanceof Stmt.Return ret)) {
      return f;
    }
    NameSupply names = NameSupply.of(f);
    List<Stmt> out = new ArrayList<>();
    List<Stmt> restores = new ArrayList<>();
    for (Var p : restored) {
      Var saved = names.fresh(p.name() + "Saved", p.type());
      if (p.type().isMatrix()) {
        Var r = names.fresh("r", Type.INT);
        Expr row = new Expr.Index(Exprs.ref(p), Exprs.ref(r));
        out.add(
            new Stmt.Declare(
                saved, new Expr.NewMatrix(p.type(), new Expr.Length(Exprs.ref(p)), null)));
        out.add(
            loop(
                r,
                new Expr.Length(Exprs.ref(p)),
                List.of(
                    new Stmt.Store(
                        Exprs.ref(saved),
                        Exprs.ref(r),
                        new Expr.CopyOf(row, new Expr.Length(row))))));
        Var j = names.fresh("j", Type.INT);
        Var r2 = names.fresh("r", Type.INT);
        Expr target = new Expr.Index(Exprs.ref(p), Exprs.ref(r2));
        Expr source = new Expr.Index(Exprs.ref(saved), Exprs.ref(r2));
        // bounds from the saved copy: a loop's bound must not read what its body writes
        restores.add(
            loop(
                r2,
                new Expr.Length(Exprs.ref(saved)),
                List.of(
                    loop(
                        j,
                        new Expr.Length(source),
                        List.of(
                            new Stmt.Store(
                                target, Exprs.ref(j), new Expr.Index(source, Exprs.ref(j))))))));
      } else {
        out.add(
            new Stmt.Declare(saved, new Expr.CopyOf(Exprs.ref(p), new Expr.Length(Exprs.ref(p)))));
        Var k = names.fresh("k", Type.INT);
        restores.add(
            loop(
                k,
                new Expr.Length(Exprs.ref(saved)),
                List.of(
                    new Stmt.Store(
                        Exprs.ref(p),
                        Exprs.ref(k),
                        new Expr.Index(Exprs.ref(saved), Exprs.ref(k))))));
      }
    }
    out.addAll(f.body().subList(0, f.body().size() - 1));
    Expr value = ret.value();
    if (value != null && !(value instanceof Expr.Const)) {
      Var result = names.fresh("result", value.type());
      out.add(new Stmt.Declare(result, value));
      value = Exprs.ref(result);
    }
    out.addAll(restores);
    out.add(new Stmt.Return(value));
    return f.withBody(out);
  }

  private static Stmt loop(Var index, Expr bound, List<Stmt> body) {
    return new Stmt.For(index, Expr.Const.ofInt(0), BinOp.LT, bound, 1, body);
  }
}
