package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.NewArray;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import java.util.ArrayList;
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

  private static void collect(Expr e, Set<Var> out) {
    if (e instanceof Ref r) {
      out.add(r.var());
    }
    for (Expr c : children(e)) {
      collect(c, out);
    }
  }

  /** Direct sub-expressions. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Index ix) {
      return List.of(ix.array(), ix.index());
    }
    if (e instanceof Length l) {
      return List.of(l.array());
    }
    if (e instanceof Unary u) {
      return List.of(u.operand());
    }
    if (e instanceof Binary b) {
      return List.of(b.left(), b.right());
    }
    if (e instanceof Call c) {
      return c.args();
    }
    if (e instanceof Expr.Invoke i) {
      return i.args();
    }
    if (e instanceof Cast c) {
      return List.of(c.operand());
    }
    if (e instanceof Cond c) {
      return List.of(c.cond(), c.then(), c.otherwise());
    }
    if (e instanceof NewArray n) {
      return List.of(n.size());
    }
    if (e instanceof Expr.CopyOf c) {
      return List.of(c.array(), c.length());
    }
    if (e instanceof Expr.NewMatrix m) {
      return m.cols() == null ? List.of(m.rows()) : List.of(m.rows(), m.cols());
    }
    return List.of();
  }

  /** Rebuilds {@code e} bottom-up, applying {@code f} to every node after its children. */
  public static Expr rewrite(Expr e, UnaryOperator<Expr> f) {
    Expr rebuilt;
    if (e instanceof Index ix) {
      rebuilt = new Index(rewrite(ix.array(), f), rewrite(ix.index(), f));
    } else if (e instanceof Length l) {
      rebuilt = new Length(rewrite(l.array(), f));
    } else if (e instanceof Unary u) {
      rebuilt = new Unary(u.op(), rewrite(u.operand(), f), u.type());
    } else if (e instanceof Binary b) {
      rebuilt = new Binary(b.op(), rewrite(b.left(), f), rewrite(b.right(), f), b.type());
    } else if (e instanceof Call c) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(rewrite(a, f));
      }
      rebuilt = new Call(c.owner(), c.fn(), args, c.type());
    } else if (e instanceof Expr.Invoke i) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : i.args()) {
        args.add(rewrite(a, f));
      }
      rebuilt = new Expr.Invoke(i.method(), args, i.type(), i.partials());
    } else if (e instanceof Cast c) {
      rebuilt = new Cast(c.type(), rewrite(c.operand(), f));
    } else if (e instanceof Cond c) {
      rebuilt =
          new Cond(rewrite(c.cond(), f), rewrite(c.then(), f), rewrite(c.otherwise(), f), c.type());
    } else if (e instanceof NewArray n) {
      rebuilt = new NewArray(n.type(), rewrite(n.size(), f));
    } else if (e instanceof Expr.NewMatrix m) {
      rebuilt =
          new Expr.NewMatrix(rewrite(m.rows(), f), m.cols() == null ? null : rewrite(m.cols(), f));
    } else if (e instanceof Expr.CopyOf c) {
      rebuilt = new Expr.CopyOf(rewrite(c.array(), f), rewrite(c.length(), f));
    } else {
      rebuilt = e;
    }
    return f.apply(rebuilt);
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
    Type t;
    if (op.isComparison() || op.isLogical()) {
      t = Type.BOOLEAN;
    } else if (op.precedence() == BinOp.SHL.precedence()) {
      t = l.type();
    } else {
      t = Type.promote(l.type(), r.type());
    }
    return new Binary(op, l, r, t);
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
    Type promoted = Type.promote(args[0].type(), args[args.length - 1].type());
    Type t =
        fn.integralOverload() && promoted != Type.DOUBLE
                || fn == Fn.SIGNUM && promoted == Type.FLOAT
            ? promoted
            : Type.DOUBLE;
    return new Call(owner, fn, List.of(args), t);
  }

  public static Expr cond(Expr c, Expr a, Expr b) {
    Type t = a.type() == b.type() ? a.type() : Type.promote(a.type(), b.type());
    return new Cond(c, a, b, t);
  }

  public static Const num(double v) {
    return Const.of(v);
  }

  /** Whether {@code e} is the constant {@code v}. */
  public static boolean isConst(Expr e, double v) {
    return e instanceof Const c && c.is(v);
  }
}
