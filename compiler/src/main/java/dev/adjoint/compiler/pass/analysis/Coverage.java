package dev.adjoint.compiler.pass.analysis;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which statements overwrite every element of an array: {@code for (int i = 0; i < n; i++) { ...
 * a[i] = e; ... }} with the store unconditional and {@code n} the length of {@code a}, or {@code
 * Arrays.fill(a, v)}. The fact behind the reverse sweep's array storage: an array an iteration
 * overwrites whole before reading it needs no saving (a kill), one it overwrites whole after
 * reading it is saved with one copy per iteration (a snapshot), and dead-code elimination treats a
 * covering loop as killing what the array held before.
 *
 * <p>Lengths are compared through the declarations that fix them: an {@code int} local declared
 * once and never assigned stands for its initialiser, and the length of an array declared once and
 * never assigned for the size it was created with ({@code new double[n]}, {@code Arrays.copyOf(x,
 * n)}), so {@code n = u0.length; u = u0.clone(); next = new double[n]} have one length.
 */
public final class Coverage {
  /** Stable ints and their initialisers; stable arrays and the lengths they were created with. */
  private final Map<Var, Expr> definitions = new HashMap<>();

  private final Aliases aliases;

  /** Variables some assignment changes: their length is not fixed. */
  private final Set<Var> assigned = new HashSet<>();

  private Coverage(Aliases aliases) {
    this.aliases = aliases;
  }

  public static Coverage of(Function f) {
    Coverage c = new Coverage(Aliases.of(f));
    Set<Var> assigned = c.assigned;
    Map<Var, Integer> declarations = new HashMap<>();
    for (Stmt s : Stmts.all(f.body())) {
      if (s instanceof Stmt.Assign a) {
        assigned.add(a.var());
      } else if (s instanceof Stmt.Declare d) {
        declarations.merge(d.var(), 1, Integer::sum);
      }
    }
    for (Stmt s : Stmts.all(f.body())) {
      if (s instanceof Stmt.Declare d
          && d.init() != null
          && declarations.get(d.var()) == 1
          && !assigned.contains(d.var())
          && Exprs.reads(d.init()).stream().noneMatch(assigned::contains)) {
        Expr fact = fact(d.var(), d.init());
        if (fact != null) {
          c.definitions.put(d.var(), fact);
        }
      }
    }
    return c;
  }

  /** What a stable variable stands for in a length: an int's value, an array's length. */
  private static Expr fact(Var v, Expr init) {
    if (v.type() == Type.INT) {
      return init;
    }
    if (!v.type().isArray()) {
      return null;
    }
    if (init instanceof Expr.NewArray n) {
      return n.size();
    }
    if (init instanceof Expr.NewMatrix m) {
      return m.rows();
    }
    if (init instanceof Expr.CopyOf c) {
      return c.length();
    }
    return null;
  }

  /** {@code e} with stable names replaced by what they stand for, to a fixpoint. */
  private Expr canonical(Expr e) {
    Expr out = e;
    for (int round = 0; round < 8; round++) {
      Expr next =
          Exprs.rewrite(
              out,
              x -> {
                if (x instanceof Expr.Ref r
                    && r.var().type() == Type.INT
                    && definitions.containsKey(r.var())) {
                  return definitions.get(r.var());
                }
                if (x instanceof Expr.Length l
                    && l.array() instanceof Expr.Ref r
                    && definitions.containsKey(r.var())) {
                  return definitions.get(r.var());
                }
                return x;
              });
      if (next.equals(out)) {
        return out;
      }
      out = next;
    }
    return out;
  }

  /** Whether {@code a} has exactly {@code length} elements wherever both can be evaluated. */
  public boolean isLengthOf(Expr length, Var a) {
    return canonical(length).equals(canonical(new Expr.Length(Exprs.ref(a))));
  }

  /**
   * Whether {@code s} writes every element of the one-dimensional array {@code a}, which nothing
   * aliases and nothing reassigns.
   */
  public boolean covers(Stmt s, Var a) {
    if (!a.type().isArray()
        || a.type().isMatrix()
        || aliases.of(a).size() > 1
        || assigned.contains(a)) {
      return false;
    }
    if (s instanceof Stmt.Fill fl) {
      return fl.array().equals(Exprs.ref(a));
    }
    if (!(s instanceof Stmt.For f)
        || !Exprs.isConst(f.from(), 0)
        || f.cmp() != BinOp.LT
        || f.step() != 1
        || !isLengthOf(f.bound(), a)) {
      return false;
    }
    Expr index = Exprs.ref(f.index());
    for (Stmt b : f.body()) {
      if (b instanceof Stmt.Store st
          && st.array().equals(Exprs.ref(a))
          && st.index().equals(index)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code s} overwrites all of {@code a} and reads none of its elements first: what {@code
   * a} held before {@code s} is dead.
   */
  public boolean kills(Stmt s, Var a) {
    return covers(s, a) && !readsElements(List.of(s), a);
  }

  /**
   * Whether every iteration of a loop with {@code body} (and index {@code index}, null for a while
   * loop) writes the same elements of {@code a} before reading any, and writes it nowhere else: one
   * top-level counted loop stores into it unconditionally, at indices that depend only on that
   * loop's own index and on values every iteration shares (RK4's {@code k[i]} and {@code k[m + i]}
   * for {@code i < m = u.length / 2}), nothing before reads it and nothing after writes it. What
   * such an array holds when an iteration starts is dead: the elements the writer does not reach
   * keep the value they had before the loop.
   */
  public static boolean rewrittenEachIteration(List<Stmt> body, Var a, Var index) {
    int writer = -1;
    for (int k = 0; k < body.size(); k++) {
      if (Aliases.stored(List.of(body.get(k))).contains(a)) {
        writer = k;
        break;
      }
      if (readsElements(List.of(body.get(k)), a)) {
        return false;
      }
    }
    if (writer < 0 || !(body.get(writer) instanceof Stmt.For w) || readsElements(List.of(w), a)) {
      return false;
    }
    for (Stmt s : body.subList(writer + 1, body.size())) {
      if (Aliases.stored(List.of(s)).contains(a)) {
        return false;
      }
    }
    Set<Var> assigned = new HashSet<>();
    for (Stmt s : Stmts.all(body)) {
      if (s instanceof Stmt.Assign as) {
        assigned.add(as.var());
      }
    }
    if (index != null) {
      assigned.add(index);
    }
    Map<Var, Expr> shared = new HashMap<>();
    for (Stmt s : body.subList(0, writer)) {
      if (s instanceof Stmt.Declare d && d.init() != null && !assigned.contains(d.var())) {
        shared.put(d.var(), d.init());
      }
    }
    Set<Var> declaredInside = Stmts.declared(body);
    List<Expr> indices = new java.util.ArrayList<>(List.of(w.from(), w.bound()));
    int stores = 0;
    for (Stmt s : w.body()) {
      if (s instanceof Stmt.Store st && st.array().equals(Exprs.ref(a))) {
        indices.add(st.index());
        stores++;
      }
    }
    if (stores == 0 || stores != countStores(w.body(), a)) {
      return false; // a store in a branch or an inner loop: not every iteration writes it
    }
    for (Expr e : indices) {
      if (!shared(e, w.index(), shared, assigned, declaredInside, 0)) {
        return false;
      }
    }
    return true;
  }

  private static int countStores(List<Stmt> block, Var a) {
    int n = 0;
    for (Stmt s : Stmts.all(block)) {
      if ((s instanceof Stmt.Store st && a.equals(Exprs.root(st.array())))
          || (s instanceof Stmt.Fill fl && a.equals(Exprs.root(fl.array())))) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code e} has the same value in every iteration, {@code own} aside. */
  private static boolean shared(
      Expr e, Var own, Map<Var, Expr> shared, Set<Var> assigned, Set<Var> declared, int depth) {
    if (depth > 8) {
      return false;
    }
    if (e instanceof Expr.Index) {
      return false; // an element may change from one iteration to the next
    }
    if (e instanceof Expr.Length l && l.array() instanceof Expr.Ref r) {
      return !assigned.contains(r.var()) && !declared.contains(r.var());
    }
    if (e instanceof Expr.Ref r) {
      Var v = r.var();
      if (v.equals(own)) {
        return true;
      }
      if (shared.containsKey(v)) {
        return shared(shared.get(v), own, shared, assigned, declared, depth + 1);
      }
      return !assigned.contains(v) && !declared.contains(v) && !v.type().isArray();
    }
    return Exprs.children(e).stream()
        .allMatch(c -> shared(c, own, shared, assigned, declared, depth + 1));
  }

  /**
   * Whether every use of {@code a}'s elements in {@code block} is at {@code index} ({@code a[i]}
   * read or written, its length read): iterations of a loop over {@code i} touch disjoint elements.
   */
  public static boolean onlyAt(List<Stmt> block, Var a, Var index) {
    Expr at = Exprs.ref(index);
    for (Stmt s : Stmts.all(block)) {
      List<Expr> exprs = new java.util.ArrayList<>(Stmts.exprs(s));
      if (s instanceof Stmt.Store st
          && Exprs.root(st.array()) != null
          && Exprs.root(st.array()).equals(a)) {
        if (!st.array().equals(Exprs.ref(a)) || !st.index().equals(at)) {
          return false;
        }
        exprs.remove(st.array());
        exprs.remove(st.index());
      } else if (s instanceof Stmt.Fill fl
          && Exprs.root(fl.array()) != null
          && Exprs.root(fl.array()).equals(a)) {
        return false;
      }
      for (Expr e : exprs) {
        if (readsOtherThanAt(e, a, at)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean readsOtherThanAt(Expr e, Var a, Expr at) {
    if (e instanceof Expr.Index ix && ix.array().equals(Exprs.ref(a))) {
      return !ix.index().equals(at);
    }
    if (e instanceof Expr.Length l && l.array() instanceof Expr.Ref) {
      return false;
    }
    if (e instanceof Expr.Ref r) {
      return r.var().equals(a);
    }
    return Exprs.children(e).stream().anyMatch(c -> readsOtherThanAt(c, a, at));
  }

  /**
   * Whether {@code block} reads an element of {@code a} or lets it escape: anything but its length
   * and the array of a store into it.
   */
  public static boolean readsElements(List<Stmt> block, Var a) {
    for (Stmt s : Stmts.all(block)) {
      List<Expr> exprs = new java.util.ArrayList<>(Stmts.exprs(s));
      if (s instanceof Stmt.Store st && st.array() instanceof Expr.Ref) {
        exprs.remove(st.array());
      } else if (s instanceof Stmt.Fill fl && fl.array() instanceof Expr.Ref) {
        exprs.remove(fl.array());
      }
      for (Expr e : exprs) {
        if (readsContents(e, a)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean readsContents(Expr e, Var a) {
    if (e instanceof Expr.Ref r) {
      return r.var().equals(a);
    }
    if (e instanceof Expr.Length l && l.array() instanceof Expr.Ref) {
      return false;
    }
    return Exprs.children(e).stream().anyMatch(c -> readsContents(c, a));
  }
}
