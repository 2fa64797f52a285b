package dev.adjoint.compiler.ir;

import static dev.adjoint.compiler.ir.Verifier.exprText;

import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.CopyOf;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Invoke;
import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.NewArray;
import dev.adjoint.compiler.ir.Expr.NewMatrix;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The expression half of the {@link Verifier}: checks that every expression's recorded type is the
 * one {@link Typing} gives its operands, and that the variables it reads are declared.
 */
final class VerifierExprs {
  private final Verifier.Checker checker;

  VerifierExprs(Verifier.Checker checker) {
    this.checker = checker;
  }

  private void problem(String p) {
    checker.problem(p);
  }

  /** Checks {@code e}; returns its type, or null if it is too broken to have one. */
  /** The initialiser of the declaration being checked: the one place verbatim code may be. */
  private Expr declarationInit;

  /** Checks a declaration's initialiser. */
  Type checkInit(Expr e) {
    declarationInit = e;
    try {
      return check(e);
    } finally {
      declarationInit = null;
    }
  }

  Type check(Expr e) {
    if (e instanceof Ref r) {
      checker.use(r.var(), "read", checker.where(e));
      if (r.var().type() == Type.OBJECT) {
        problem("a String or enum value is only compared with constants: " + exprText(e));
      }
      return r.var().type();
    } else if (e instanceof Const c) {
      return constant(c);
    } else if (e instanceof Binary b) {
      return binary(b);
    } else if (e instanceof Unary u) {
      return unary(u);
    } else if (e instanceof Index ix) {
      return index(ix);
    } else if (e instanceof Length l) {
      Type at = check(l.array());
      if (at != null && !at.isArray()) {
        problem(".length of a non-array of type " + at.javaName() + ": " + exprText(e));
      }
      return Type.INT;
    } else if (e instanceof Call c) {
      return call(c);
    } else if (e instanceof Cast c) {
      Type ot = check(c.operand());
      if (ot != null && !Typing.castable(ot, c.type())) {
        problem("cannot cast " + ot.javaName() + " to " + c.type().javaName() + ": " + exprText(e));
      }
      return c.type();
    } else if (e instanceof Cond c) {
      return cond(c);
    } else if (e instanceof Invoke i) {
      for (Expr a : i.args()) {
        check(a);
      }
      if (i.partials().size() != i.args().size()) {
        problem("one partial per argument expected: " + exprText(e));
      }
      return i.type();
    } else if (e instanceof Expr.Apply a) {
      return apply(a);
    } else if (e instanceof NewMatrix m) {
      Type rt = check(m.rows());
      Type ct = m.cols() == null ? Type.INT : check(m.cols());
      if ((rt != null && rt != Type.INT) || (ct != null && ct != Type.INT)) {
        problem("matrix dimensions must be int: " + exprText(e));
      }
      if (!m.type().isMatrix()) {
        problem("new matrix of type " + m.type().javaName() + ": " + exprText(e));
      }
      return m.type();
    } else if (e instanceof Expr.Opaque o) {
      if (o != declarationInit) {
        problem("Java code kept verbatim is only a declaration's initialiser: " + exprText(e));
      }
      for (Expr operand : o.operands()) {
        if (!(operand instanceof Ref r && r.var().type() == Type.OBJECT)) {
          check(operand);
        } else {
          checker.use(r.var(), "read", checker.where(e));
        }
      }
      return o.type();
    } else if (e instanceof Expr.DataEquals d) {
      if (d.subject() instanceof Ref r) {
        checker.use(r.var(), "read", checker.where(e));
      }
      if (!(d.subject() instanceof Ref r) || r.var().type() != Type.OBJECT) {
        problem("a data test needs a String or enum variable: " + exprText(e));
      }
      return Type.BOOLEAN;
    } else if (e instanceof CopyOf c) {
      Type at = check(c.array());
      Type lt = check(c.length());
      if (lt != null && lt != Type.INT) {
        problem("copyOf length must be int: " + exprText(e));
      }
      if (at != null && !at.isArray()) {
        problem("copyOf of a non-array: " + exprText(e));
      }
      return at;
    } else if (e instanceof NewArray n) {
      Type st = check(n.size());
      if (st != null && st != Type.INT) {
        problem("array size must be int, is " + st.javaName() + ": " + exprText(e));
      }
      if (!n.type().isArray()) {
        problem("new of non-array type " + n.type().javaName() + ": " + exprText(e));
        return null;
      }
      return n.type();
    }
    throw new IllegalStateException("unknown expression kind " + e.getClass().getSimpleName());
  }

  /** A call of a program function: one argument per parameter, each assignable to it. */
  private Type apply(Expr.Apply a) {
    if (a.args().size() != a.params().size()) {
      problem(a.params().size() + " arguments expected: " + exprText(a));
    }
    for (int j = 0; j < a.args().size(); j++) {
      Type t = check(a.args().get(j));
      if (j < a.params().size() && t != null && !Type.assignable(t, a.params().get(j).type())) {
        problem(
            "argument "
                + (j + 1)
                + " of type "
                + t.javaName()
                + " does not fit parameter "
                + a.params().get(j)
                + ": "
                + exprText(a));
      }
    }
    return a.type();
  }

  private Type index(Index ix) {
    Type at = check(ix.array());
    Type it = check(ix.index());
    if (it != null && it != Type.INT) {
      problem("array index must be int, is " + it.javaName() + ": " + exprText(ix));
    }
    if (at == null) {
      return null;
    }
    if (!at.isArray()) {
      problem("indexing a non-array of type " + at.javaName() + ": " + exprText(ix));
      return null;
    }
    return at.elementType();
  }

  private Type constant(Const c) {
    double v = c.value();
    switch (c.type()) {
      case INT -> {
        if ((int) v != v) {
          problem("int constant " + c.text() + " has non-int value " + v);
        }
      }
      case LONG -> {
        if ((long) v != v) {
          problem("long constant " + c.text() + " has non-long value " + v);
        }
      }
      case BOOLEAN -> {
        if (v != 0 && v != 1) {
          problem("boolean constant " + c.text() + " has value " + v);
        }
      }
      case DOUBLE, FLOAT -> {}
      default -> problem("constant of array type " + c.type().javaName() + ": " + c.text());
    }
    return c.type();
  }

  private Type binary(Binary b) {
    Type l = check(b.left());
    Type r = check(b.right());
    if (l == null || r == null) {
      return b.type();
    }
    String op = "operator " + b.op().symbol();
    Typing.Result result = Typing.binary(b.op(), l, r);
    if (result instanceof Typing.Result.Rejected no) {
      problem(
          op
              + " needs "
              + no.needs().description()
              + " operands, has "
              + l.javaName()
              + " and "
              + r.javaName()
              + ": "
              + exprText(b));
    } else if (result instanceof Typing.Result.Typed t && b.type() != t.type()) {
      problem(
          op
              + " on "
              + l.javaName()
              + " and "
              + r.javaName()
              + " yields "
              + t.type().javaName()
              + ", but the expression is typed "
              + b.type().javaName()
              + ": "
              + exprText(b));
    }
    return b.type();
  }

  private Type unary(Unary u) {
    Type t = check(u.operand());
    if (t == null) {
      return u.type();
    }
    String op = "operator " + u.op().symbol();
    Typing.Result result = Typing.unary(u.op(), t);
    if (result instanceof Typing.Result.Rejected) {
      problem(op + " cannot apply to " + t.javaName() + ": " + exprText(u));
    } else if (result instanceof Typing.Result.Typed typed && u.type() != typed.type()) {
      problem(
          op
              + " on "
              + t.javaName()
              + " yields "
              + typed.type().javaName()
              + ", but the expression is typed "
              + u.type().javaName()
              + ": "
              + exprText(u));
    }
    return u.type();
  }

  private Type call(Call c) {
    Fn fn = c.fn();
    String name = (c.owner().isEmpty() ? "" : c.owner() + ".") + fn.javaName();
    if (!fn.owners().contains(c.owner())) {
      problem(
          "call owner must be "
              + String.join(" or ", fn.owners())
              + ", is "
              + c.owner()
              + ": "
              + exprText(c));
    }
    if (c.args().size() != fn.arity()) {
      problem(
          name
              + " takes "
              + fn.arity()
              + " argument"
              + (fn.arity() == 1 ? "" : "s")
              + ", has "
              + c.args().size()
              + ": "
              + exprText(c));
    }
    List<Type> types = new ArrayList<>();
    boolean typed = true;
    for (int j = 0; j < c.args().size(); j++) {
      Type t = check(c.args().get(j));
      if (t == null) {
        typed = false;
      } else if (j < fn.arity() && !Typing.accepts(fn, j, t)) {
        problem(
            "argument of "
                + name
                + " must be "
                + parameterDescription(fn, j)
                + ", is "
                + t.javaName()
                + ": "
                + exprText(c));
        typed = false;
      }
      types.add(t);
    }
    if (typed && c.args().size() == fn.arity()) {
      Optional<Overload> chosen = Typing.call(fn, types);
      if (chosen.isEmpty()) {
        problem(name + " has no overload for " + types + ": " + exprText(c));
      } else if (chosen.get().result() != c.type()) {
        problem(
            name
                + " of "
                + String.join(", ", types.stream().map(Type::javaName).toList())
                + " yields "
                + chosen.get().result().javaName()
                + ", but the call is typed "
                + c.type().javaName()
                + ": "
                + exprText(c));
      }
    }
    return c.type();
  }

  /** "numeric" when every overload takes a number there, else the parameter's type. */
  private static String parameterDescription(Fn fn, int j) {
    boolean numeric =
        fn.overloads().stream()
            .allMatch(o -> j >= o.params().size() || o.params().get(j).isNumeric());
    return numeric ? "numeric" : fn.overloads().get(0).params().get(j).javaName();
  }

  private Type cond(Cond c) {
    Type ct = check(c.cond());
    if (ct != null && ct != Type.BOOLEAN) {
      problem("condition of ?: must be boolean, is " + ct.javaName() + ": " + exprText(c));
    }
    Type a = check(c.then());
    Type b = check(c.otherwise());
    if (a == null || b == null) {
      return c.type();
    }
    Optional<Type> expected = Typing.conditional(a, b);
    if (expected.isEmpty()) {
      problem(
          "branches of ?: have incompatible types "
              + a.javaName()
              + " and "
              + b.javaName()
              + ": "
              + exprText(c));
    } else if (c.type() != expected.get()) {
      problem(
          "?: with branches "
              + a.javaName()
              + " and "
              + b.javaName()
              + " yields "
              + expected.get().javaName()
              + ", but it is typed "
              + c.type().javaName()
              + ": "
              + exprText(c));
    }
    return c.type();
  }
}
