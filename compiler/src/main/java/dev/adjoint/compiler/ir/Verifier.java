package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Stmt.Assign;
import dev.adjoint.compiler.ir.Stmt.Comment;
import dev.adjoint.compiler.ir.Stmt.Declare;
import dev.adjoint.compiler.ir.Stmt.Fill;
import dev.adjoint.compiler.ir.Stmt.For;
import dev.adjoint.compiler.ir.Stmt.If;
import dev.adjoint.compiler.ir.Stmt.Return;
import dev.adjoint.compiler.ir.Stmt.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that an IR function is well formed: variables are declared before use with Java's block
 * scoping, expressions are well typed, counted loops are really counted, and the only {@code
 * return} is the last statement. Every pass's output should pass; tests call {@link #check}.
 */
public final class Verifier {
  private Verifier() {}

  /** Throws {@link IllegalStateException} listing the problems and the function's text, if any. */
  public static void check(Function f) {
    List<String> problems = verify(f);
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder msg = new StringBuilder("ill-formed IR function ").append(f.name()).append(":\n");
    for (String p : problems) {
      msg.append("  - ").append(p).append('\n');
    }
    String text;
    try {
      text = Printer.function(f);
    } catch (RuntimeException e) {
      text = "(unprintable: " + e + ")\n";
    }
    throw new IllegalStateException(msg.append(text).toString());
  }

  /** The problems of {@code f}, in program order; empty if it is well formed. */
  public static List<String> verify(Function f) {
    return verify(f, false);
  }

  /**
   * Checks a function as the frontend produces it, before exit normalisation: labelled {@code
   * Loop}s, {@code break}, {@code continue} and {@code return} anywhere are allowed.
   */
  public static void checkRaw(Function f) {
    List<String> problems = verify(f, true);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "ill-formed IR:\n  " + String.join("\n  ", problems) + "\n" + Printer.function(f));
    }
  }

  private static List<String> verify(Function f, boolean raw) {
    Checker c = new Checker();
    c.raw = raw;
    c.returnType = f.returnType();
    c.push();
    for (Var p : f.params()) {
      if (c.lookup(p.name()) != null) {
        c.problem("duplicate parameter '" + p.name() + "'");
      }
      c.declare(p);
    }
    List<Stmt> body = f.body();
    for (int k = 0; k < body.size(); k++) {
      Stmt s = body.get(k);
      if (s instanceof Return r) {
        c.current = s;
        if (k != body.size() - 1 && !raw) {
          c.problem("return must be the last statement of the function body: " + text(s));
        }
        if (r.value() == null) {
          continue;
        }
        Type t = c.expr(r.value());
        if (t != null && !Type.assignable(t, f.returnType())) {
          c.problem(
              "return value of type "
                  + t.javaName()
                  + " is not assignable to the return type "
                  + f.returnType().javaName()
                  + ": "
                  + text(s));
        }
      } else {
        c.stmt(s);
      }
    }
    if (!raw
        && f.returnType() != Type.VOID
        && (body.isEmpty() || !(body.get(body.size() - 1) instanceof Return))) {
      c.problem("function body does not end with a return");
    }
    return c.problems;
  }

  /** The state of one check: the problems so far and the scopes of the statement being checked. */
  static final class Checker {
    final List<String> problems = new ArrayList<>();
    private final VerifierExprs exprs = new VerifierExprs(this);

    /** Innermost scope last. */
    final List<Map<String, Var>> scopes = new ArrayList<>();

    /** The statement being checked, quoted in messages about the variables it reads. */
    Stmt current;

    boolean raw;
    Type returnType;
    final List<String> labels = new ArrayList<>();

    void problem(String p) {
      problems.add(p);
    }

    void push() {
      scopes.add(new HashMap<>());
    }

    void pop() {
      scopes.remove(scopes.size() - 1);
    }

    Var lookup(String name) {
      for (int k = scopes.size() - 1; k >= 0; k--) {
        Var v = scopes.get(k).get(name);
        if (v != null) {
          return v;
        }
      }
      return null;
    }

    void declare(Var v) {
      scopes.get(scopes.size() - 1).put(v.name(), v);
    }

    /** Declares {@code v} in the innermost scope, reporting a clash with a visible name. */
    void declareChecked(Var v, Object where) {
      Var old = lookup(v.name());
      if (old != null) {
        problem(
            "redeclaration of '"
                + v.name()
                + "', already visible as "
                + old.type().javaName()
                + " "
                + old.name()
                + ": "
                + where);
      }
      declare(v);
    }

    /** Reports a use of {@code v} that is not a visible declaration of the same type. */
    void use(Var v, String what, Object where) {
      Var decl = lookup(v.name());
      if (decl == null) {
        problem(what + " of undeclared variable '" + v.name() + "': " + where);
      } else if (decl.type() != v.type()) {
        problem(
            what
                + " of '"
                + v.name()
                + "' as "
                + v.type().javaName()
                + " but it is declared as "
                + decl.type().javaName()
                + ": "
                + where);
      }
    }

    void block(List<Stmt> stmts) {
      push();
      for (Stmt s : stmts) {
        stmt(s);
      }
      pop();
    }

    void stmt(Stmt s) {
      current = s;
      if (s instanceof Declare d) {
        if (d.init() != null) {
          Type t = d.init() instanceof Expr.Opaque ? exprs.checkInit(d.init()) : expr(d.init());
          requireAssignable(t, d.var().type(), s);
        }
        declareChecked(d.var(), new Lazy(s));
      } else if (s instanceof Assign a) {
        use(a.var(), "assignment", new Lazy(s));
        Type t = expr(a.value());
        requireAssignable(t, a.var().type(), s);
      } else if (s instanceof Store st) {
        Type at = expr(st.array());
        Type it = expr(st.index());
        Type vt = expr(st.value());
        if (at != null && !at.isArray()) {
          problem("store into a non-array of type " + at.javaName() + ": " + text(s));
        }
        if (it != null && it != Type.INT) {
          problem("array index must be int, is " + it.javaName() + ": " + text(s));
        }
        if (at != null && at.isArray()) {
          requireAssignable(vt, at.elementType(), s);
        }
      } else if (s instanceof Fill fl) {
        Type at = expr(fl.array());
        Type vt = expr(fl.value());
        if (at != null && !at.isArray()) {
          problem("fill of a non-array of type " + at.javaName() + ": " + text(s));
        } else if (at != null) {
          requireAssignable(vt, at.elementType(), s);
        }
      } else if (s instanceof If i) {
        Type ct = expr(i.cond());
        if (ct != null && ct != Type.BOOLEAN) {
          problem(
              "if condition must be boolean, is "
                  + ct.javaName()
                  + ": if ("
                  + exprText(i.cond())
                  + ")");
        }
        block(i.then());
        block(i.otherwise());
      } else if (s instanceof For f) {
        loop(f);
      } else if (s instanceof Stmt.Require q) {
        Type ct = expr(q.cond());
        if (ct != null && ct != Type.BOOLEAN) {
          problem("require condition must be boolean: " + exprText(q.cond()));
        }
      } else if (s instanceof Stmt.While w) {
        Type ct = expr(w.cond());
        if (ct != null && ct != Type.BOOLEAN) {
          problem("while condition must be boolean: " + exprText(w.cond()));
        }
        block(w.body());
      } else if (s instanceof Stmt.Loop l && raw) {
        Type ct = expr(l.cond());
        if (ct != null && ct != Type.BOOLEAN) {
          problem("loop condition must be boolean: " + exprText(l.cond()));
        }
        labels.add(l.label());
        block(l.body());
        block(l.update());
        labels.remove(labels.size() - 1);
      } else if ((s instanceof Stmt.Break || s instanceof Stmt.Continue) && raw) {
        String label = s instanceof Stmt.Break b ? b.label() : ((Stmt.Continue) s).label();
        if (!labels.contains(label)) {
          problem("no enclosing loop labelled '" + label + "': " + text(s));
        }
      } else if (s instanceof Return r && raw) {
        if (r.value() != null) {
          Type t = expr(r.value());
          requireAssignable(t, returnType, s);
        }
      } else if (s instanceof Return) {
        problem("return is only allowed as the last statement of the function body: " + text(s));
      } else if (s instanceof Stmt.Loop || s instanceof Stmt.Break || s instanceof Stmt.Continue) {
        problem("labelled loops, break and continue are removed by exit normalisation: " + s);
      } else if (!(s instanceof Comment)) {
        throw new IllegalStateException("unknown statement kind " + s.getClass().getSimpleName());
      }
    }

    void requireAssignable(Type from, Type to, Stmt where) {
      if (from != null && !Type.assignable(from, to)) {
        problem(
            from.javaName() + " value is not assignable to " + to.javaName() + ": " + text(where));
      }
    }

    void loop(For f) {
      String header = header(f);
      Var index = f.index();
      if (!index.type().isIntegral()) {
        problem(
            "loop index '"
                + index.name()
                + "' must be int or long, is "
                + index.type().javaName()
                + ": "
                + header);
      }
      if (!f.cmp().isComparison()) {
        problem("loop condition operator " + f.cmp().symbol() + " is not a comparison: " + header);
      }
      if (f.step() == 0) {
        problem("loop step must not be zero: " + header);
      }
      Type ft = expr(f.from());
      if (ft != null && !Type.assignable(ft, index.type())) {
        problem(
            ft.javaName()
                + " start value is not assignable to loop index '"
                + index.name()
                + "': "
                + header);
      }
      push();
      declareChecked(index, header);
      Type bt = expr(f.bound());
      if (bt != null && !bt.isNumeric()) {
        problem("loop bound must be numeric, is " + bt.javaName() + ": " + header);
      }
      block(f.body());
      pop();

      Set<String> assigned = new LinkedHashSet<>();
      Set<String> stored = new LinkedHashSet<>();
      writes(f.body(), assigned, stored);
      if (assigned.contains(index.name())) {
        problem("loop index '" + index.name() + "' is assigned in the loop body: " + header);
      }
      Set<String> lengthOnly = new LinkedHashSet<>();
      Set<String> otherReads = new LinkedHashSet<>();
      boundReads(f.bound(), lengthOnly, otherReads);
      lengthOnly.removeAll(otherReads);
      Set<String> boundVars = new LinkedHashSet<>(otherReads);
      boundVars.addAll(lengthOnly);
      for (String v : boundVars) {
        if (v.equals(index.name())) {
          continue;
        }
        // An array's length never changes, so element writes only matter if the bound reads
        // elements.
        if (assigned.contains(v) || (stored.contains(v) && !lengthOnly.contains(v))) {
          problem(
              "variable '"
                  + v
                  + "' read by the loop bound is assigned in the loop body: "
                  + header);
        }
      }
    }

    /** Names assigned (by {@code Assign}) and arrays written (by {@code Store}/{@code Fill}). */
    void writes(List<Stmt> stmts, Set<String> assigned, Set<String> stored) {
      for (Stmt s : stmts) {
        if (s instanceof Assign a) {
          assigned.add(a.var().name());
        } else if (s instanceof Store st) {
          rootName(st.array(), stored);
        } else if (s instanceof Fill fl) {
          rootName(fl.array(), stored);
        } else if (s instanceof If i) {
          writes(i.then(), assigned, stored);
          writes(i.otherwise(), assigned, stored);
        } else if (s instanceof For f) {
          writes(f.body(), assigned, stored);
        } else if (s instanceof Stmt.While w) {
          writes(w.body(), assigned, stored);
        } else if (s instanceof Stmt.Loop l) {
          writes(l.body(), assigned, stored);
          writes(l.update(), assigned, stored);
        } else if (!(s instanceof Declare
            || s instanceof Return
            || s instanceof Stmt.Require
            || s instanceof Stmt.Break
            || s instanceof Stmt.Continue
            || s instanceof Comment)) {
          // the kinds above write no variable and no array
          throw new IllegalStateException("unknown statement kind " + s.getClass().getSimpleName());
        }
      }
    }

    /** The array a store writes: {@code m} for {@code m[i][j] = v}, not the index variables. */
    private void rootName(Expr array, Set<String> stored) {
      Var root = Exprs.root(array);
      if (root != null) {
        stored.add(root.name());
      } else {
        Exprs.reads(array).forEach(v -> stored.add(v.name()));
      }
    }

    /**
     * Splits the variables {@code e} reads into those read only as {@code v.length} and the rest.
     */
    void boundReads(Expr e, Set<String> lengthOnly, Set<String> other) {
      if (e instanceof Length l && l.array() instanceof Ref r) {
        lengthOnly.add(r.var().name());
        return;
      }
      if (e instanceof Ref r) {
        other.add(r.var().name());
        return;
      }
      for (Expr c : Exprs.children(e)) {
        boundReads(c, lengthOnly, other);
      }
    }

    /** Checks {@code e}; returns its type, or null if it is too broken to have one. */
    Type expr(Expr e) {
      return exprs.check(e);
    }

    /** Where a read in {@code e} happens, for messages: the statement being checked. */
    Object where(Expr e) {
      return new Lazy(current == null ? e : current);
    }
  }

  /** Text for a message, built only if the message is. */
  private record Lazy(Object node) {
    @Override
    public String toString() {
      return node instanceof Stmt s ? text(s) : exprText((Expr) node);
    }
  }

  private static String header(For f) {
    try {
      return Printer.forHeader(f);
    } catch (RuntimeException e) {
      return "for (" + f.index().name() + " ...)";
    }
  }

  private static String text(Stmt s) {
    try {
      if (s instanceof If i) {
        return "if (" + exprText(i.cond()) + ") {...}";
      }
      if (s instanceof For f) {
        return header(f) + " {...}";
      }
      return Printer.simple(s);
    } catch (RuntimeException e) {
      return s.toString();
    }
  }

  static String exprText(Expr e) {
    try {
      return Printer.expr(e);
    } catch (RuntimeException ex) {
      return e.toString();
    }
  }
}
