package dev.adjoint.compiler.symbolic;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The first step of the formulas: forward substitution of a normalised primal's locals into its
 * result, which yields one {@link Formula} over the parameters. Straight-line code substitutes into
 * a {@link Formula.Closed}; one counted loop that only adds to one accumulator (which the method
 * then returns) becomes a {@link Formula.Summed} of one iteration's term. Anything else (branches,
 * other loops, array writes, a second loop) is {@link Unsupported}.
 */
final class Substitution {
  /** Nodes an expression may reach once substituted: repeated locals grow it exponentially. */
  static final int MAX_NODES = 2000;

  /** The value of each local, and of each parameter the method reassigns, over the parameters. */
  private final Map<Var, Expr> env = new HashMap<>();

  /** The size of each value in {@link #env}, counted without walking shared subtrees again. */
  private final Map<Var, Integer> sizes = new HashMap<>();

  /** The variables that stand for themselves: parameters and the loop's index. */
  private final Set<Var> free = new HashSet<>();

  private Substitution(Function f) {
    free.addAll(f.params());
  }

  /** The formula of {@code f}'s result, if {@code f} is in the language the formulas cover. */
  static Optional<Formula> of(Function f) {
    try {
      return Optional.of(new Substitution(f).result(f.body()));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  private Formula result(List<Stmt> body) {
    AccumulationLoop loop = null;
    for (Stmt s : body) {
      if (s instanceof Stmt.Return r && r.value() != null) {
        Expr value = substitute(r.value());
        if (loop == null) {
          return new Formula.Closed(value);
        }
        return loop.result(value);
      } else if (s instanceof Stmt.For f && loop == null) {
        loop = AccumulationLoop.of(f, this);
      } else {
        straightLine(s);
      }
    }
    throw new Unsupported("no result");
  }

  /** Applies one statement of straight-line code to the values of the variables. */
  void straightLine(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        env.remove(d.var());
        sizes.remove(d.var());
      } else {
        bind(d.var(), d.init());
      }
    } else if (s instanceof Stmt.Assign a) {
      bind(a.var(), a.value());
    } else if (!(s instanceof Stmt.Comment || s instanceof Stmt.Require)) {
      // an argument check changes no value; anything else may
      throw new Unsupported("statement " + s.getClass().getSimpleName());
    }
  }

  private void bind(Var v, Expr value) {
    int size = size(value);
    Expr substituted = substitute(value);
    env.put(v, substituted);
    sizes.put(v, size);
  }

  /** Binds {@code v} to an expression already over the parameters. */
  void bindSubstituted(Var v, Expr value, int size) {
    env.put(v, value);
    sizes.put(v, size);
  }

  /** Lets {@code v} stand for itself (a loop's index). */
  void free(Var v) {
    free.add(v);
  }

  /** The current value of {@code v}, over the parameters. */
  Expr valueOf(Var v) {
    Expr e = env.get(v);
    if (e != null) {
      return e;
    }
    if (free.contains(v)) {
      return Exprs.ref(v);
    }
    throw new Unsupported("read of " + v + " without a value");
  }

  /** {@code e} with every variable replaced by its value over the parameters. */
  Expr substitute(Expr e) {
    if (size(e) > MAX_NODES) {
      throw new Unsupported("too large");
    }
    return Exprs.rewrite(e, n -> n instanceof Expr.Ref r ? valueOf(r.var()) : n);
  }

  /** The size {@code e} has once substituted, from the sizes of the values it reads. */
  int size(Expr e) {
    if (e instanceof Expr.Ref r) {
      return sizes.getOrDefault(r.var(), 1);
    }
    int n = 1;
    for (Expr c : Exprs.children(e)) {
      n += size(c);
    }
    return n;
  }
}
