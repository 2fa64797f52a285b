package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code u = next;} where {@code next} was made by {@code new} earlier in the same block and is
 * never used after: the time-stepping idiom of a new array per step. The array is handed over,
 * which a copy of its elements reproduces exactly, so such a reference becomes a copy (checked by
 * {@link Reassignments} like any other) before {@link BufferBanks} groups the references that
 * remain.
 */
final class HandOvers {
  private HandOvers() {}

  /** {@code body} with every handed-over array copied instead. */
  static List<Stmt> lower(Context cx, List<Stmt> body) {
    return Stmts.mapBlocks(body, b -> block(cx, b, body));
  }

  private static List<Stmt> block(Context cx, List<Stmt> block, List<Stmt> body) {
    List<Stmt> out = new ArrayList<>(block.size());
    for (int j = 0; j < block.size(); j++) {
      Stmt s = block.get(j);
      int position = j;
      Optional<BufferBanks.Reference> handOver =
          s instanceof Stmt.Assign a && a.value() instanceof Expr.Ref r
              ? cx.references.stream()
                  .filter(ref -> ref.target().equals(a.var()) && ref.source().equals(r.var()))
                  .findFirst()
                  .filter(ref -> handedOver(cx, ref, block, position, body))
              : Optional.empty();
      if (handOver.isEmpty()) {
        out.add(s);
        continue;
      }
      BufferBanks.Reference ref = handOver.get();
      cx.references.remove(ref);
      Expr source = Exprs.ref(ref.source());
      cx.reassignments.add(new Reassignments.Copy(ref.target(), source, ref.at(), true));
      out.addAll(
          Reassignments.copy(ref.target(), source, new Var(cx.scope.freshName("k"), Type.INT)));
    }
    return out;
  }

  private static boolean handedOver(
      Context cx, BufferBanks.Reference ref, List<Stmt> block, int at, List<Stmt> body) {
    Var source = ref.source();
    boolean madeHere =
        block.subList(0, at).stream()
            .anyMatch(
                s ->
                    s instanceof Stmt.Declare d
                        && d.var().equals(source)
                        && d.init() instanceof Expr.NewArray);
    boolean usedAfter = Stmts.reads(block.subList(at + 1, block.size())).contains(source);
    boolean referredTo =
        cx.references.stream()
                    .filter(r -> r.source().equals(source) || r.target().equals(source))
                    .count()
                > 1
            || Stmts.all(body).stream()
                .anyMatch(
                    s ->
                        s instanceof Stmt.Declare d
                            && d.init() instanceof Expr.Ref r
                            && r.var().equals(source));
    return madeHere && !usedAfter && !referredTo && !ref.target().type().isMatrix();
  }
}
