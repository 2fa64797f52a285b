package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
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
 * Array variables that exchange references, the double buffer of stencil and time-stepping code:
 * {@code double[] t = cur; cur = nxt; nxt = t;}. The IR has no array references to reassign, so a
 * group of {@code double[]} variables linked by such assignments (and by aliases declared from
 * them) lowers to one matrix {@code buffers} with a row per array the group makes, and an {@code
 * int} per variable that says which row it refers to: {@code cur[i]} reads {@code buffers[cur][i]},
 * and {@code cur = nxt} assigns an int. Every pass then handles the swap as integer state (the
 * reverse sweep restores the ints, which swaps back) and the rows as a local matrix.
 *
 * <p>The lowering is exact when each array of the group is made once per lifetime of the group: the
 * arrays are made in one block ({@code new}, an initialiser, {@code clone()}, a method returning a
 * new array), every other member is declared after the first of them in that block or inside it,
 * and all have the same length (a run-time check, as for a reassignment by copy). An array
 * parameter of the differentiable method may join a group: its row starts as a copy, which keeps
 * the generated methods' promise to leave the caller's arrays as they were. AD304 reports every
 * other case with its reason.
 */
final class BufferBanks {
  /** {@code target = source} between two array variables, written at {@code at}. */
  record Reference(Var target, Var source, Node at) {}

  private final Context cx;
  private final List<Var> params;
  private final boolean annotated;
  private final Reference first;
  private final Set<Var> members;
  private final Map<Var, Var> slots = new HashMap<>();
  private final List<Var> rows = new ArrayList<>();
  private Var bank;

  /** The length every row has: what {@code cur.length} reads (not the bank, which loops write). */
  private Expr length;

  private Set<Var> written = Set.of();
  private Object bankBlock;
  private boolean failed;

  private BufferBanks(
      Context cx, List<Var> params, boolean annotated, Reference first, Set<Var> members) {
    this.cx = cx;
    this.params = params;
    this.annotated = annotated;
    this.first = first;
    this.members = members;
  }

  /** {@code body} with each group of exchanged array variables lowered to a bank of rows. */
  static List<Stmt> lower(Context cx, List<Var> params, boolean annotated, List<Stmt> body) {
    if (cx.references.isEmpty()) {
      return body;
    }
    List<Stmt> out = HandOvers.lower(cx, body);
    for (Set<Var> group : ReferenceGroups.of(cx.references, out)) {
      cx.swapped.addAll(group);
      Reference first =
          cx.references.stream().filter(r -> group.contains(r.target())).findFirst().orElseThrow();
      out = new BufferBanks(cx, params, annotated, first, group).rewrite(out);
    }
    return out;
  }

  private List<Stmt> rewrite(List<Stmt> body) {
    Optional<Var> wrongType =
        members.stream()
            .filter(v -> v.type() != first.target().type() || !exchangeable(v.type()))
            .findFirst();
    if (wrongType.isPresent()) {
      return fail(
          "only double[] or float[] variables of one type can exchange arrays; '"
              + wrongType.get().name()
              + "' is a "
              + wrongType.get().type().javaName());
    }
    Type arrayType = first.target().type();
    List<Var> owners = new ArrayList<>();
    for (Var p : params) {
      if (members.contains(p)) {
        if (!annotated) {
          return fail(
              "'"
                  + p.name()
                  + "' is an array parameter of a called method, whose writes the caller sees;"
                  + " exchange local arrays (double[] "
                  + p.name()
                  + "Copy = "
                  + p.name()
                  + ".clone())");
        }
        owners.add(p);
      }
    }
    for (Stmt s : Stmts.all(body)) {
      if (s instanceof Stmt.Declare d && members.contains(d.var())) {
        if (d.init() instanceof Expr.NewArray) {
          owners.add(d.var());
        } else if (d.init() != null && !(d.init() instanceof Expr.Ref)) {
          return fail(
              "'"
                  + d.var().name()
                  + "' refers to a part of another array; make it a copy (clone()) first");
        }
      }
    }
    rows.addAll(owners);
    bank = new Var(cx.scope.freshName("buffers"), arrayType.arrayOf());
    for (Var v : members) {
      slots.put(
          v,
          params.contains(v)
              ? new Var(cx.scope.freshName(v.name() + "Row"), Type.INT)
              : new Var(v.name(), Type.INT));
    }
    written = Stmts.writes(body);
    List<Stmt> out = new ArrayList<>();
    List<Var> parameterRows = owners.stream().filter(params::contains).toList();
    if (!parameterRows.isEmpty()) {
      length = new Expr.Length(Exprs.ref(parameterRows.get(0)));
      out.add(
          new Stmt.Declare(
              bank, new Expr.NewMatrix(bank.type(), Expr.Const.ofInt(rows.size()), length)));
      for (Var p : parameterRows) {
        out.addAll(rowOfParameter(p));
      }
      bankBlock = body;
    }
    out.addAll(block(body, !parameterRows.isEmpty()));
    return failed ? body : returned(out);
  }

  private List<Stmt> rowOfParameter(Var p) {
    List<Stmt> out = new ArrayList<>();
    Expr row = new Expr.Index(Exprs.ref(bank), Exprs.ref(slots.get(p)));
    if (rows.indexOf(p) > 0) {
      out.add(sameLength(new Expr.Length(Exprs.ref(p)), p));
    }
    out.add(new Stmt.Declare(slots.get(p), Expr.Const.ofInt(rows.indexOf(p))));
    out.add(
        CopyLoops.copy(
            new Var(cx.scope.freshName("k"), Type.INT),
            Exprs.ref(p),
            row,
            new Expr.Length(Exprs.ref(p))));
    return out;
  }

  private Stmt sameLength(Expr length, Var v) {
    return new Stmt.Require(
        Exprs.binary(BinOp.EQ, length, this.length),
        "'" + v.name() + "' must have the length of the arrays it exchanges with");
  }

  /** {@code block} rewritten; {@code inScope} says whether the bank is declared before it. */
  private List<Stmt> block(List<Stmt> block, boolean inScope) {
    List<Stmt> out = new ArrayList<>();
    boolean scope = inScope;
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d && members.contains(d.var())) {
        if (d.init() instanceof Expr.NewArray n) {
          Expr size = Exprs.rewrite(n.size(), this::reference);
          if (bankBlock == null) {
            length = size;
            if (!stable(size)) {
              Var l = new Var(cx.scope.freshName("bufferLength"), Type.INT);
              out.add(new Stmt.Declare(l, size));
              length = Exprs.ref(l);
            }
            out.add(
                new Stmt.Declare(
                    bank, new Expr.NewMatrix(bank.type(), Expr.Const.ofInt(rows.size()), length)));
            bankBlock = block;
            scope = true;
          } else if (bankBlock != block) {
            fail(
                "'"
                    + d.var().name()
                    + "' is made in another block than the arrays it exchanges with; make them"
                    + " all in one block, before the loop that exchanges them");
          } else {
            out.add(sameLength(size, d.var()));
          }
          out.add(new Stmt.Declare(slots.get(d.var()), Expr.Const.ofInt(rows.indexOf(d.var()))));
          continue;
        }
        if (!scope) {
          fail(
              "'"
                  + d.var().name()
                  + "' is declared before the arrays it exchanges with are made; declare it after"
                  + " them");
        }
        out.add(
            new Stmt.Declare(
                slots.get(d.var()), d.init() == null ? null : Exprs.rewrite(d.init(), this::slot)));
        continue;
      }
      if (s instanceof Stmt.Assign a && members.contains(a.var())) {
        out.add(new Stmt.Assign(slots.get(a.var()), Exprs.rewrite(a.value(), this::slot)));
        continue;
      }
      boolean nestedScope = scope;
      Stmt nested = Stmts.withBlocks(s, b -> block(b, nestedScope));
      out.add(Stmts.mapExprs(nested, e -> Exprs.rewrite(e, this::reference)));
    }
    return out;
  }

  /** The arrays a bank holds as rows: those a matrix type exists for. */
  private static boolean exchangeable(Type t) {
    return t == Type.DOUBLE_ARRAY || t == Type.FLOAT_ARRAY;
  }

  /** Whether {@code e} has the same value wherever it is read: constants and unassigned ints. */
  private boolean stable(Expr e) {
    if (e instanceof Expr.Index) {
      return false;
    }
    if (e instanceof Expr.Length l) {
      return l.array() instanceof Expr.Ref r && !written.contains(r.var());
    }
    if (e instanceof Expr.Ref r) {
      return !written.contains(r.var());
    }
    return Exprs.children(e).stream().allMatch(this::stable);
  }

  /** A read of a member array: its row of the bank; its length: the rows' length. */
  private Expr reference(Expr e) {
    if (e instanceof Expr.Ref r && members.contains(r.var())) {
      return new Expr.Index(Exprs.ref(bank), Exprs.ref(slots.get(r.var())));
    }
    if (e instanceof Expr.Length l
        && l.array() instanceof Expr.Index ix
        && ix.array().equals(Exprs.ref(bank))) {
      return length;
    }
    return e;
  }

  /** A member array as the value of a reference assignment: its slot. */
  private Expr slot(Expr e) {
    if (e instanceof Expr.Ref r && members.contains(r.var())) {
      return Exprs.ref(slots.get(r.var()));
    }
    return e;
  }

  /** A member returned at the end is returned as a copy of its row: a new local array. */
  private List<Stmt> returned(List<Stmt> body) {
    if (body.isEmpty()
        || !(body.get(body.size() - 1) instanceof Stmt.Return r)
        || !(r.value() instanceof Expr.Index ix)
        || !ix.array().equals(Exprs.ref(bank))) {
      return body;
    }
    List<Stmt> out = new ArrayList<>(body.subList(0, body.size() - 1));
    Var copy = new Var(cx.scope.freshName("result"), ix.type());
    out.add(new Stmt.Declare(copy, new Expr.NewArray(ix.type(), length)));
    out.add(
        CopyLoops.copy(new Var(cx.scope.freshName("k"), Type.INT), ix, Exprs.ref(copy), length));
    out.add(new Stmt.Return(Exprs.ref(copy)));
    return out;
  }

  private List<Stmt> fail(String reason) {
    if (!failed) {
      cx.report(DiagnosticCode.AD304, first.at(), first.target().name(), reason);
      failed = true;
    }
    return List.of();
  }
}
