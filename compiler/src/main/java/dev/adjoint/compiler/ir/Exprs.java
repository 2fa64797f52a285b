package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Queries and rewrites over expressions, plus the typed constructors the passes build with. */
public final class Exprs {
  private Exprs() {}

  /** The variables an expression reads, in first-occurrence order. */
  public static Set<Var> reads(Expr e) {
    Set<Var> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  /** Adds the variables {@code e} reads to {@code out}, in first-occurrence order. */
  static void collect(Expr e, Set<Var> out) {
    e.accept(new ExprReads(out));
  }

  /** Direct sub-expressions, left to right. */
  public static List<Expr> children(Expr e) {
    return e.accept(ExprParts.CHILDREN);
  }

  /** Rebuilds {@code e} bottom-up, applying {@code f} to every node after its children. */
  public static Expr rewrite(Expr e, UnaryOperator<Expr> f) {
    return new Rewriter(f).apply(e);
  }

  /** One visitor for a whole rewrite (not one per node: the clean-up passes rewrite a lot). */
  private static final class Rewriter implements UnaryOperator<Expr> {
    private final UnaryOperator<Expr> f;
    private final ExprParts.Rebuild rebuild;

    Rewriter(UnaryOperator<Expr> f) {
      this.f = f;
      this.rebuild = new ExprParts.Rebuild(this);
    }

    @Override
    public Expr apply(Expr e) {
      return f.apply(e.accept(rebuild));
    }
  }

  /** Replaces every read of {@code v} by {@code replacement}. */
  public static Expr substitute(Expr e, Var v, Expr replacement) {
    return rewrite(e, n -> n instanceof Ref r && r.var().equals(v) ? replacement : n);
  }

  /** Number of nodes, a rough cost measure. */
  public static int size(Expr e) {
    int n = 1;
    for (Expr c : children(e)) {
      n += size(c);
    }
    return n;
  }

  /** True for a constant or a variable read: cheap to repeat, nothing worth a temporary. */
  public static boolean isTrivial(Expr e) {
    return e instanceof Const || e instanceof Ref;
  }

  /** The variable an array expression ({@code a}, {@code a[i]}, ...) starts from, or null. */
  public static Var root(Expr array) {
    if (array instanceof Ref r) {
      return r.var();
    }
    if (array instanceof Index ix) {
      return root(ix.array());
    }
    return null;
  }

  public static Ref ref(Var v) {
    return new Ref(v);
  }

  public static Expr binary(BinOp op, Expr l, Expr r) {
    return new Binary(op, l, r, typed(Typing.binary(op, l.type(), r.type()), op.symbol()));
  }

  public static Expr add(Expr l, Expr r) {
    return binary(BinOp.ADD, l, r);
  }

  public static Expr sub(Expr l, Expr r) {
    return binary(BinOp.SUB, l, r);
  }

  public static Expr mul(Expr l, Expr r) {
    return binary(BinOp.MUL, l, r);
  }

  public static Expr div(Expr l, Expr r) {
    return binary(BinOp.DIV, l, r);
  }

  public static Expr neg(Expr e) {
    return new Unary(UnOp.NEG, e, e.type());
  }

  public static Expr call(String owner, Fn fn, Expr... args) {
    List<Type> types = Arrays.stream(args).map(Expr::type).toList();
    Overload o =
        Typing.call(fn, types)
            .orElseThrow(() -> new IllegalStateException("no overload " + fn + types));
    return new Call(owner, fn, List.of(args), o.result());
  }

  public static Expr cond(Expr c, Expr a, Expr b) {
    Type t =
        Typing.conditional(a.type(), b.type())
            .orElseThrow(() -> new IllegalStateException("no common type " + a + ", " + b));
    return new Cond(c, a, b, t);
  }

  /** The type of an operator application the passes build: ill-typed is a compiler bug. */
  private static Type typed(Typing.Result result, String operator) {
    if (result instanceof Typing.Result.Typed t) {
      return t.type();
    }
    throw new IllegalStateException("operator " + operator + " " + result);
  }

  public static Const num(double v) {
    return Const.of(v);
  }

  /** Whether {@code e} is the constant {@code v}. */
  public static boolean isConst(Expr e, double v) {
    return e instanceof Const c && c.is(v);
  }
}
