package dev.adjoint.compiler.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one definition of how the derivatives of a program's functions are named and called: the
 * tangent of a function {@code f} with respect to its parameters {@code p, q} is the function
 * {@code fTangentPQ}, taking {@code f}'s parameters followed by {@code pDot, qDot} and returning
 * the directional derivative of {@code f}'s result; the gradient of {@code f}'s result with respect
 * to its array parameter {@code a} is the function {@code fGradientA}, taking {@code f}'s
 * parameters and returning a new array. The derivative passes write the calls ({@link #tangent},
 * {@link #gradient}); the pipeline builds the callees ({@code Pipeline.helpers}).
 */
public final class Applies {
  private Applies() {}

  /** The name of {@code function}'s tangent with respect to its parameters at {@code active}. */
  public static String tangentName(String function, List<Var> params, List<Integer> active) {
    StringBuilder name = new StringBuilder(function).append("Tangent");
    for (int j : active) {
      String p = params.get(j).name();
      name.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
    }
    return name.toString();
  }

  /**
   * The parameters of that tangent: the function's own, then one tangent per active parameter,
   * named {@code pDot} (made distinct from the others), of the parameter's type.
   */
  public static List<Var> tangentParams(List<Var> params, List<Integer> active) {
    List<Var> out = new ArrayList<>(params);
    Set<String> taken = new HashSet<>();
    params.forEach(p -> taken.add(p.name()));
    for (int j : active) {
      Var p = params.get(j);
      String name = p.name() + "Dot";
      for (int k = 2; !taken.add(name); k++) {
        name = p.name() + "Dot" + k;
      }
      out.add(new Var(name, p.type()));
    }
    return out;
  }

  /**
   * The call of {@code call}'s tangent with respect to its arguments at {@code active}, whose
   * tangents are {@code tangents} (one per active argument, in order).
   */
  public static Expr.Apply tangent(Expr.Apply call, List<Integer> active, List<Expr> tangents) {
    if (tangents.size() != active.size()) {
      throw new IllegalArgumentException("one tangent per active argument expected");
    }
    List<Expr> args = new ArrayList<>(call.args());
    args.addAll(tangents);
    return new Expr.Apply(
        tangentName(call.function(), call.params(), active),
        tangentParams(call.params(), active),
        Type.DOUBLE,
        args,
        new Expr.Derivation(Expr.Derivation.Kind.TANGENT, call.function(), active));
  }

  /** The name of the gradient of {@code function} with respect to its array parameter {@code j}. */
  public static String gradientName(String function, List<Var> params, int j) {
    String p = params.get(j).name();
    return function + "Gradient" + Character.toUpperCase(p.charAt(0)) + p.substring(1);
  }

  /**
   * The call of the gradient of {@code call}'s result with respect to its array argument {@code j}:
   * a new array of that argument's length, taking the same arguments.
   */
  public static Expr.Apply gradient(Expr.Apply call, int j) {
    return new Expr.Apply(
        gradientName(call.function(), call.params(), j),
        call.params(),
        Type.DOUBLE_ARRAY,
        call.args(),
        new Expr.Derivation(Expr.Derivation.Kind.GRADIENT, call.function(), List.of(j)));
  }

  /** Every call of a program function in {@code f}, in the order of its text. */
  public static List<Expr.Apply> in(Function f) {
    return in(f.body());
  }

  /** Every call of a program function in {@code block}. */
  public static List<Expr.Apply> in(List<Stmt> block) {
    List<Expr.Apply> out = new ArrayList<>();
    for (Stmt s : Stmts.all(block)) {
      for (Expr e : Stmts.exprs(s)) {
        collect(e, out);
      }
    }
    return out;
  }

  /** Every call of a program function in {@code e}. */
  public static List<Expr.Apply> in(Expr e) {
    List<Expr.Apply> out = new ArrayList<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, List<Expr.Apply> out) {
    if (e instanceof Expr.Apply a) {
      out.add(a);
    }
    for (Expr c : Exprs.children(e)) {
      collect(c, out);
    }
  }
}
