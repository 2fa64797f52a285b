package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Element stacks for arrays that a loop or branch overwrites: the forward sweep pushes each
 * overwritten element (index and old value) before the write; the reverse sweep pops them to bring
 * the array back to the state an iteration (or the branch) started from, before recomputing it. The
 * stacks are primitive arrays grown by doubling, so the cost is amortised O(1) per write.
 */
public final class ArrayStacks {
  private static final int INITIAL = 16;

  /**
   * The stack of one array: old values, their indices (one stack per dimension: row and column for
   * a matrix), and the height.
   */
  record Stack(Var array, Var values, List<Var> indices, Var top) {}

  private final Map<Var, Stack> stacks = new LinkedHashMap<>();

  private ArrayStacks() {}

  /**
   * Stacks for the arrays declared outside {@code s} that it writes, but those in {@code saved}
   * (stored whole instead, see {@link ArraySnapshots}); empty if none.
   */
  public static ArrayStacks of(Stmt s, NameSupply names, Set<Var> saved) {
    ArrayStacks out = new ArrayStacks();
    Set<Var> declaredInside = Stmts.declared(List.of(s));
    for (Var a : writtenArrays(s)) {
      if (!declaredInside.contains(a) && !saved.contains(a)) {
        boolean matrix = a.type().isMatrix();
        Type values = matrix ? a.type().elementType() : a.type();
        List<Var> indices =
            matrix
                ? List.of(
                    names.fresh(a.name() + "Rows", Type.INT_ARRAY),
                    names.fresh(a.name() + "Columns", Type.INT_ARRAY))
                : List.of(names.fresh(a.name() + "Indices", Type.INT_ARRAY));
        out.stacks.put(
            a,
            new Stack(
                a,
                names.fresh(a.name() + "Values", values),
                indices,
                names.fresh(a.name() + "Top", Type.INT)));
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return stacks.isEmpty();
  }

  /** The arrays whose elements {@code s} stores into, by root variable, in order of appearance. */
  public static Set<Var> writtenArrays(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    collect(List.of(s), out);
    return out;
  }

  private static void collect(List<Stmt> block, Set<Var> out) {
    for (Stmt s : block) {
      // a filter: element stores are the writes the stacks record
      if (s instanceof Stmt.Store st && Exprs.root(st.array()) != null) {
        out.add(Exprs.root(st.array()));
      }
      for (List<Stmt> nested : Stmts.blocks(s)) {
        collect(nested, out);
      }
    }
  }

  /** The declarations of the empty stacks. */
  public List<Stmt> allocate() {
    List<Stmt> out = new ArrayList<>();
    Expr size = Expr.Const.ofInt(INITIAL);
    for (Stack s : stacks.values()) {
      out.add(new Stmt.Declare(s.values(), new Expr.NewArray(s.values().type(), size)));
      for (Var i : s.indices()) {
        out.add(new Stmt.Declare(i, new Expr.NewArray(Type.INT_ARRAY, size)));
      }
      out.add(new Stmt.Declare(s.top(), Expr.Const.ofInt(0)));
    }
    return out;
  }

  /** The stacks emptied again, for a block run many times with its declarations hoisted. */
  public List<Stmt> resets() {
    List<Stmt> out = new ArrayList<>();
    for (Stack s : stacks.values()) {
      out.add(new Stmt.Assign(s.top(), Expr.Const.ofInt(0)));
    }
    return out;
  }

  /** {@code s} with every write into a stacked array preceded by a push of the old element. */
  public Stmt pushing(Stmt s) {
    return pushing(List.of(s)).get(0);
  }

  private List<Stmt> pushing(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Store st && stacks.containsKey(Exprs.root(st.array()))) {
        out.addAll(push(stacks.get(Exprs.root(st.array())), st));
        out.add(s);
      } else {
        out.add(Stmts.withBlocks(s, this::pushing));
      }
    }
    return out;
  }

  private static List<Stmt> push(Stack s, Stmt.Store store) {
    Expr top = Exprs.ref(s.top());
    Expr values = Exprs.ref(s.values());
    Expr doubled = Exprs.add(Exprs.mul(Expr.Const.ofInt(2), top), Expr.Const.ofInt(1));
    List<Stmt> grow = new ArrayList<>();
    grow.add(new Stmt.Assign(s.values(), new Expr.CopyOf(values, doubled)));
    for (Var i : s.indices()) {
      grow.add(new Stmt.Assign(i, new Expr.CopyOf(Exprs.ref(i), doubled)));
    }
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.If(Exprs.binary(BinOp.EQ, top, new Expr.Length(values)), grow, List.of()));
    List<Expr> path = path(store);
    for (int d = 0; d < path.size(); d++) {
      out.add(new Stmt.Store(Exprs.ref(s.indices().get(d)), top, path.get(d)));
    }
    out.add(new Stmt.Store(values, top, new Expr.Index(store.array(), store.index())));
    out.add(new Stmt.Assign(s.top(), Exprs.add(top, Expr.Const.ofInt(1))));
    return out;
  }

  /**
   * The indices of a store: {@code [i]} for {@code a[i] = v}, {@code [i, j]} for {@code m[i][j] =
   * v}.
   */
  private static List<Expr> path(Stmt.Store store) {
    List<Expr> out = new ArrayList<>();
    Expr array = store.array();
    out.add(0, store.index());
    while (array instanceof Expr.Index ix) {
      out.add(0, ix.index());
      array = ix.array();
    }
    return out;
  }

  /**
   * Pops every stacked array down to its height in {@code marks} (an expression per stack top; a
   * stack not in it goes down to the height it started at), restoring the elements in reverse order
   * of their writes.
   */
  public List<Stmt> undo(Map<Var, Expr> marks, NameSupply names) {
    List<Stmt> out = new ArrayList<>();
    for (Stack s : stacks.values()) {
      Expr mark = marks.getOrDefault(s.top(), Expr.Const.ofInt(0));
      Var p = names.fresh("p", Type.INT);
      Expr pi = Exprs.ref(p);
      Expr target = Exprs.ref(s.array());
      List<Var> indices = s.indices();
      for (int d = 0; d < indices.size() - 1; d++) {
        target = new Expr.Index(target, new Expr.Index(Exprs.ref(indices.get(d)), pi));
      }
      Stmt restore =
          new Stmt.Store(
              target,
              new Expr.Index(Exprs.ref(indices.get(indices.size() - 1)), pi),
              new Expr.Index(Exprs.ref(s.values()), pi));
      out.add(
          new Stmt.For(
              p,
              Exprs.sub(Exprs.ref(s.top()), Expr.Const.ofInt(1)),
              BinOp.GE,
              mark,
              -1,
              List.of(restore)));
    }
    return out;
  }

  /** The height variables, which loops tape per iteration like any carried scalar. */
  public Set<Var> tops() {
    Set<Var> out = new LinkedHashSet<>();
    stacks.values().forEach(s -> out.add(s.top()));
    return out;
  }
}
