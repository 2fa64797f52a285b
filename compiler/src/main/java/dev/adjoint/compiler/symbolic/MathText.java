package dev.adjoint.compiler.symbolic;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The last step of the formulas: an expression in math notation, as HTML for Javadoc that is ASCII
 * in the source file, which may be written in any charset: HTML entities for ∂ · − ² ³ Σ, {@code
 * <sup>} for other powers, numeric references for a name's non-ASCII letters. {@code a * a * b}
 * reads 2·a·b once differentiated in a. Variables are spelled as the user writes them ({@code
 * labels}); parentheses only where precedence needs them. What it cannot show (a conditional, an
 * int division) is {@link Unsupported}.
 */
final class MathText {
  private static final int SUM = 1;
  static final int PRODUCT = 2;
  private static final int POWER = 3;
  private static final int ATOM = 4;

  private final Map<Var, String> labels;

  MathText(Map<Var, String> labels) {
    this.labels = labels;
  }

  String text(Expr e) {
    return text(e, SUM);
  }

  /** {@code e}, parenthesised if it binds looser than {@code context}. */
  String text(Expr e, int context) {
    String s = bare(e);
    return precedence(e) < context ? "(" + s + ")" : s;
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op() == BinOp.ADD || b.op() == BinOp.SUB ? SUM : PRODUCT;
    }
    if (e instanceof Expr.Unary || (e instanceof Expr.Const c && c.value() < 0)) {
      return SUM; // −x in a product or as a base reads better in parentheses
    }
    if (e instanceof Expr.Call c && c.fn() == Fn.POW) {
      return POWER;
    }
    if (e instanceof Expr.Cast c) {
      return precedence(c.operand());
    }
    return ATOM;
  }

  private String bare(Expr e) {
    if (e instanceof Expr.Const c && c.type() != Type.BOOLEAN) {
      return number(c.value());
    }
    if (e instanceof Expr.Ref r) {
      return escape(labels.getOrDefault(r.var(), r.var().name()));
    }
    if (e instanceof Expr.Index i) {
      return text(i.array(), ATOM) + "[" + text(i.index()) + "]";
    }
    if (e instanceof Expr.Length l) {
      return text(l.array(), ATOM) + ".length";
    }
    if (e instanceof Expr.Unary u && u.op() == UnOp.NEG) {
      return "&minus;" + text(u.operand(), PRODUCT);
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    if (e instanceof Expr.Call c) {
      return call(c);
    }
    if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE) {
      return bare(c.operand()); // the same number
    }
    throw new Unsupported("no notation for " + e.getClass().getSimpleName());
  }

  private String binary(Expr.Binary b) {
    if (b.type() == Type.INT && (b.op() == BinOp.DIV || b.op() == BinOp.REM)) {
      throw new Unsupported("int division"); // i / 2 would read as a real quotient
    }
    return switch (b.op()) {
      case ADD -> text(b.left(), SUM) + " + " + text(b.right(), PRODUCT);
      case SUB -> text(b.left(), SUM) + " &minus; " + text(b.right(), PRODUCT);
      case MUL -> text(b.left(), PRODUCT) + "&middot;" + text(b.right(), POWER);
      case DIV -> text(b.left(), PRODUCT) + "/" + text(b.right(), POWER);
      default -> throw new Unsupported("operator " + b.op().symbol());
    };
  }

  private String call(Expr.Call c) {
    if (c.fn() == Fn.POW) {
      return text(c.args().get(0), ATOM) + exponent(c.args().get(1));
    }
    return c.fn().javaName()
        + c.args().stream().map(this::text).collect(Collectors.joining(", ", "(", ")"));
  }

  private String exponent(Expr e) {
    if (e instanceof Expr.Const c && c.value() == 2) {
      return "&sup2;";
    }
    if (e instanceof Expr.Const c && c.value() == 3) {
      return "&sup3;";
    }
    return "<sup>" + text(e) + "</sup>";
  }

  /** A number as a reader writes it: {@code 2}, not {@code 2.0}; π for {@code Math.PI}. */
  static String number(double v) {
    if (v < 0) {
      return "&minus;" + number(-v);
    }
    if (v == Math.PI) {
      return "&pi;";
    }
    if (v == Math.rint(v) && v < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** HTML-safe and ASCII-only: less-than, greater-than, ampersand and non-ASCII as references. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> {
                  if (c < 0x20 || c > 0x7e) {
                    out.append("&#").append(c).append(';');
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }
}
