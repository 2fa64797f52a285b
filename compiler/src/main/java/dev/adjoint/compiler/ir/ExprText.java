package dev.adjoint.compiler.ir;

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
import java.util.List;

/**
 * The Java text of one expression with minimal parentheses: the expression half of {@link Printer}.
 * An operand is parenthesised when its precedence is below what its context requires.
 */
final class ExprText implements ExprVisitor<Void> {
  private static final int COND = 2;
  private static final int UNARY = 13;
  private static final int PRIMARY = 15;

  private final StringBuilder out;

  private ExprText(StringBuilder out) {
    this.out = out;
  }

  static String of(Expr e) {
    StringBuilder out = new StringBuilder();
    new ExprText(out).expr(e, 0);
    return out.toString();
  }

  /** How tightly the expression's text binds, in Java's precedence levels. */
  private static final ExprVisitor<Integer> PRECEDENCE =
      new ExprVisitor<>() {
        @Override
        public Integer visit(Const e) {
          return e.text().startsWith("-") ? UNARY : PRIMARY;
        }

        @Override
        public Integer visit(Ref e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(Index e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(Length e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(Unary e) {
          return UNARY;
        }

        @Override
        public Integer visit(Binary e) {
          return e.op().precedence();
        }

        @Override
        public Integer visit(Call e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(Invoke e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(Expr.Apply e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(Cast e) {
          return UNARY;
        }

        @Override
        public Integer visit(Cond e) {
          return COND;
        }

        @Override
        public Integer visit(NewArray e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(NewMatrix e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(CopyOf e) {
          return PRIMARY;
        }

        @Override
        public Integer visit(Expr.DataEquals e) {
          return e.isEnum() && !e.nullThrows() ? BinOp.EQ.precedence() : PRIMARY;
        }

        @Override
        public Integer visit(Expr.Opaque e) {
          return 0; // any Java expression: parenthesised wherever it is an operand
        }
      };

  private static int precedence(Expr e) {
    return e.accept(PRECEDENCE);
  }

  private void expr(Expr e, int context) {
    boolean parens = precedence(e) < context;
    if (parens) {
      out.append('(');
    }
    e.accept(this);
    if (parens) {
      out.append(')');
    }
  }

  private void args(List<Expr> args) {
    out.append('(');
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      expr(args.get(i), 0);
    }
    out.append(')');
  }

  @Override
  public Void visit(Const e) {
    out.append(e.text());
    return null;
  }

  @Override
  public Void visit(Ref e) {
    out.append(e.var().name());
    return null;
  }

  @Override
  public Void visit(Index e) {
    expr(e.array(), PRIMARY);
    out.append('[');
    expr(e.index(), 0);
    out.append(']');
    return null;
  }

  @Override
  public Void visit(Length e) {
    expr(e.array(), PRIMARY);
    out.append(".length");
    return null;
  }

  @Override
  public Void visit(Unary e) {
    out.append(e.op().symbol());
    // "- -x" and "-(-1.0)": a unary operand of a unary operator keeps its parentheses
    boolean nested = e.operand() instanceof Unary || precedence(e.operand()) == UNARY;
    expr(e.operand(), nested ? PRIMARY : UNARY);
    return null;
  }

  @Override
  public Void visit(Binary e) {
    int p = e.op().precedence();
    expr(e.left(), p);
    out.append(' ').append(e.op().symbol()).append(' ');
    expr(e.right(), p + 1);
    return null;
  }

  @Override
  public Void visit(Call e) {
    if (!e.owner().isEmpty()) {
      out.append(e.owner()).append('.');
    }
    out.append(e.fn().javaName());
    args(e.args());
    return null;
  }

  @Override
  public Void visit(Invoke e) {
    out.append(e.method());
    args(e.args());
    return null;
  }

  @Override
  public Void visit(Expr.Apply e) {
    out.append(e.function());
    args(e.args());
    return null;
  }

  @Override
  public Void visit(Cast e) {
    out.append('(').append(e.type().javaName()).append(") ");
    expr(e.operand(), UNARY);
    return null;
  }

  @Override
  public Void visit(Cond e) {
    expr(e.cond(), COND + 1);
    out.append(" ? ");
    expr(e.then(), COND + 1);
    out.append(" : ");
    expr(e.otherwise(), COND);
    return null;
  }

  @Override
  public Void visit(NewArray e) {
    out.append("new ").append(e.type().elementType().javaName()).append('[');
    expr(e.size(), 0);
    out.append(']');
    return null;
  }

  @Override
  public Void visit(NewMatrix e) {
    out.append("new ").append(e.type().scalar().javaName()).append('[');
    expr(e.rows(), 0);
    out.append("][");
    if (e.cols() != null) {
      expr(e.cols(), 0);
    }
    out.append(']');
    return null;
  }

  @Override
  public Void visit(CopyOf e) {
    out.append("java.util.Arrays.copyOf(");
    expr(e.array(), 0);
    out.append(", ");
    expr(e.length(), 0);
    out.append(')');
    return null;
  }

  @Override
  public Void visit(Expr.Opaque e) {
    for (int k = 0; k < e.operands().size(); k++) {
      out.append(e.parts().get(k));
      expr(e.operands().get(k), PRIMARY);
    }
    out.append(e.parts().get(e.parts().size() - 1));
    return null;
  }

  @Override
  public Void visit(Expr.DataEquals e) {
    String constant = e.isEnum() ? e.enumType() + "." + e.constant() : stringLiteral(e.constant());
    if (e.nullThrows()) {
      expr(e.subject(), PRIMARY); // a switch throws on a null selector: so does equals
      out.append(".equals(").append(constant).append(')');
    } else if (e.isEnum()) {
      expr(e.subject(), BinOp.EQ.precedence());
      out.append(" == ").append(constant);
    } else {
      out.append(constant).append(".equals(");
      expr(e.subject(), 0);
      out.append(')');
    }
    return null;
  }

  /** The Java literal of a string: quoted, with quotes, backslashes and controls escaped. */
  static String stringLiteral(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
