package dev.adjoint.compiler.pass.normalise;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exit normalisation, the first pass: replaces {@code break}, {@code continue} and early {@code
 * return} by boolean flags, guards the statements after a possible exit with them, and turns every
 * labelled {@code Loop} into a plain {@code while}. Afterwards every block runs from its start to
 * its end and the function's only return is its last statement, which is what the reverse sweep
 * needs to replay control flow exactly.
 */
public final class ExitNormalisation {
  private final NameSupply names;
  private final Map<String, Var> broke = new HashMap<>();
  private final Map<String, Var> continued = new HashMap<>();
  private final Type returnType;
  private Var returned;
  private Var result;

  private ExitNormalisation(Function f) {
    this.names = NameSupply.of(f);
    this.returnType = f.returnType();
  }

  public static Function run(Function f) {
    if (structured(f)) {
      return f;
    }
    return new ExitNormalisation(f).normalize(initialised(f));
  }

  /**
   * Scalars declared without a value and assigned inside a loop get a zero first. javac proved each
   * is assigned before it is read in the user's code; once a do/while or an exit becomes a
   * flag-controlled while loop, javac can no longer prove it for the generated code. The zero is
   * never read, so no value changes.
   */
  private static Function initialised(Function f) {
    Set<Var> inLoops = new HashSet<>();
    for (Stmt s : Stmts.all(f.body())) {
      if (s instanceof Stmt.Loop || s instanceof Stmt.While || s instanceof Stmt.For) {
        inLoops.addAll(Stmts.writes(List.of(s)));
      }
    }
    return f.withBody(
        Stmts.mapBlocks(
            f.body(),
            block -> {
              List<Stmt> out = new ArrayList<>(block.size());
              for (Stmt s : block) {
                out.add(
                    s instanceof Stmt.Declare d
                            && d.init() == null
                            && !d.var().type().isArray()
                            && inLoops.contains(d.var())
                        ? new Stmt.Declare(
                            d.var(),
                            d.var().type() == Type.BOOLEAN
                                ? Expr.Const.ofBoolean(false)
                                : Expr.Const.zero(d.var().type()))
                        : s);
              }
              return out;
            }));
  }

  /** True when there is nothing to do: no loops with exits, and a single final return. */
  static boolean structured(Function f) {
    List<Stmt> body = f.body();
    for (int k = 0; k < body.size(); k++) {
      boolean last = k == body.size() - 1;
      if (!(last && body.get(k) instanceof Stmt.Return) && hasExit(body.get(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasExit(Stmt s) {
    if (s instanceof Stmt.Return
        || s instanceof Stmt.Break
        || s instanceof Stmt.Continue
        || s instanceof Stmt.Loop) {
      return true;
    }
    return Stmts.blocks(s).stream().flatMap(List::stream).anyMatch(ExitNormalisation::hasExit);
  }

  private Function normalize(Function f) {
    List<Stmt> body = new ArrayList<>(f.body());
    Stmt.Return last = null;
    if (!body.isEmpty()
        && body.get(body.size() - 1) instanceof Stmt.Return r
        && !containsReturn(body.subList(0, body.size() - 1))) {
      last = r; // only loops with break/continue: the final return can stay as it is
      body.remove(body.size() - 1);
    }
    List<Stmt> out = new ArrayList<>();
    if (last == null && containsReturn(body)) {
      returned = names.fresh("returned", Type.BOOLEAN);
      out.add(new Stmt.Declare(returned, Expr.Const.ofBoolean(false)));
      if (returnType != Type.VOID) {
        result = names.fresh("result", returnType);
        out.add(new Stmt.Declare(result, defaultValue(returnType)));
      }
    }
    out.addAll(block(body));
    if (last != null) {
      out.add(last);
    } else if (result != null) {
      out.add(new Stmt.Return(Exprs.ref(result)));
    }
    return f.withBody(out);
  }

  private static Expr defaultValue(Type t) {
    if (t.isArray()) {
      return new Expr.NewArray(t, Expr.Const.ofInt(0));
    }
    if (t == Type.BOOLEAN) {
      return Expr.Const.ofBoolean(false);
    }
    return Expr.Const.zero(t);
  }

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < stmts.size(); k++) {
      Stmt s = stmts.get(k);
      out.addAll(stmt(s));
      Set<Var> flags = flagsSetBy(s);
      if (!flags.isEmpty() && k + 1 < stmts.size()) {
        List<Stmt> rest = block(stmts.subList(k + 1, stmts.size()));
        if (!rest.isEmpty()) {
          out.add(new Stmt.If(not(any(flags)), rest, List.of()));
        }
        return out;
      }
    }
    return out;
  }

  private List<Stmt> stmt(Stmt s) {
    if (s instanceof Stmt.Return r) {
      List<Stmt> out = new ArrayList<>();
      if (r.value() != null && result != null) {
        out.add(new Stmt.Assign(result, r.value()));
      }
      out.add(new Stmt.Assign(returned, Expr.Const.ofBoolean(true)));
      return out;
    }
    if (s instanceof Stmt.Break b) {
      return List.of(new Stmt.Assign(flag(broke, b.label(), "broke"), Expr.Const.ofBoolean(true)));
    }
    if (s instanceof Stmt.Continue c) {
      return List.of(
          new Stmt.Assign(flag(continued, c.label(), "continued"), Expr.Const.ofBoolean(true)));
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l);
    }
    // every other kind keeps its place, with the exits in its blocks (if any) made structured
    return List.of(Stmts.withBlocks(s, this::block));
  }

  private List<Stmt> loop(Stmt.Loop l) {
    List<Stmt> out = new ArrayList<>();
    boolean breaks = targets(l.body(), l.label(), true);
    boolean continues = targets(l.body(), l.label(), false);
    Var brokeFlag = breaks ? flag(broke, l.label(), "broke") : null;
    Var continuedFlag = continues ? flag(continued, l.label(), "continued") : null;
    if (brokeFlag != null) {
      out.add(new Stmt.Declare(brokeFlag, Expr.Const.ofBoolean(false)));
    }
    if (continuedFlag != null) {
      out.add(new Stmt.Declare(continuedFlag, Expr.Const.ofBoolean(false)));
    }
    // the flags that end this loop: its own break, and every exit to outside it
    Set<Var> stop = new LinkedHashSet<>();
    for (Stmt s : l.body()) {
      stop.addAll(flagsSetBy(s));
    }
    if (continuedFlag != null) {
      stop.remove(continuedFlag);
    }
    if (brokeFlag != null) {
      stop.add(brokeFlag);
    }
    List<Stmt> body = new ArrayList<>();
    if (continuedFlag != null) {
      body.add(new Stmt.Assign(continuedFlag, Expr.Const.ofBoolean(false)));
    }
    body.addAll(block(l.body()));
    if (!l.update().isEmpty()) {
      body.addAll(
          stop.isEmpty()
              ? l.update()
              : List.of(new Stmt.If(not(any(stop)), l.update(), List.of())));
    }
    Expr go = stop.isEmpty() ? l.cond() : and(not(any(stop)), l.cond());
    if (!l.testAtEnd()) {
      out.add(new Stmt.While(go, body));
      return out;
    }
    if (l.update().isEmpty()
        && l.cond() instanceof Expr.Const c
        && c.type() == Type.BOOLEAN
        && c.value() == 0) {
      // do { … } while (false), such as the one a switch left by a break becomes: its body runs
      // once, so it is a block, not a loop (whose body the reverse sweep would run again)
      out.addAll(body);
      return out;
    }
    Var again = names.fresh("again", Type.BOOLEAN);
    out.add(new Stmt.Declare(again, Expr.Const.ofBoolean(true)));
    body.add(new Stmt.Assign(again, go));
    out.add(new Stmt.While(Exprs.ref(again), body));
    return out;
  }

  private Var flag(Map<String, Var> flags, String label, String base) {
    return flags.computeIfAbsent(
        label,
        l ->
            names.fresh(
                l.startsWith("$")
                    ? base
                    : base + Character.toUpperCase(l.charAt(0)) + l.substring(1),
                Type.BOOLEAN));
  }

  /** The flags that executing {@code s} may leave set for the statements after it. */
  private Set<Var> flagsSetBy(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    collectFlags(s, new ArrayList<>(), out);
    return out;
  }

  private void collectFlags(Stmt s, List<String> inner, Set<Var> out) {
    if (s instanceof Stmt.Return) {
      out.add(returned);
    } else if (s instanceof Stmt.Break b && !inner.contains(b.label())) {
      out.add(flag(broke, b.label(), "broke"));
    } else if (s instanceof Stmt.Continue c && !inner.contains(c.label())) {
      out.add(flag(continued, c.label(), "continued"));
    } else {
      List<String> deeper = inner;
      if (s instanceof Stmt.Loop l) {
        deeper = new ArrayList<>(inner);
        deeper.add(l.label());
      }
      for (List<Stmt> nested : Stmts.blocks(s)) {
        for (Stmt x : nested) {
          collectFlags(x, deeper, out);
        }
      }
    }
  }

  private static boolean targets(List<Stmt> block, String label, boolean isBreak) {
    for (Stmt s : block) {
      if ((isBreak && s instanceof Stmt.Break b && b.label().equals(label))
          || (!isBreak && s instanceof Stmt.Continue c && c.label().equals(label))) {
        return true;
      }
      for (List<Stmt> nested : Stmts.blocks(s)) {
        if (targets(nested, label, isBreak)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean containsReturn(List<Stmt> block) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Return) {
        return true;
      }
      for (List<Stmt> nested : Stmts.blocks(s)) {
        if (containsReturn(nested)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Expr any(Set<Var> flags) {
    Expr out = null;
    for (Var f : flags) {
      out = out == null ? Exprs.ref(f) : Exprs.binary(BinOp.OR, out, Exprs.ref(f));
    }
    return out;
  }

  private static Expr not(Expr e) {
    return new Expr.Unary(UnOp.NOT, e, Type.BOOLEAN);
  }

  private static Expr and(Expr a, Expr b) {
    if (b instanceof Expr.Const c && c.value() != 0) {
      return a;
    }
    return Exprs.binary(BinOp.AND, a, b);
  }
}
