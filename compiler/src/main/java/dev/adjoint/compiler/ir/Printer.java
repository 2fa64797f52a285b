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
import java.util.List;
import java.util.stream.Collectors;

/**
 * The canonical text of IR: Java syntax with minimal parentheses. Tests assert on it, and the
 * emitter uses {@link #expr} for expression text, so what the tests see is what users read.
 */
public final class Printer {
  private static final int COND = 2;
  private static final int UNARY = 13;
  private static final int PRIMARY = 15;

  private Printer() {}

  /** The whole function as a Java method. */
  public static String function(Function f) {
    String params =
        f.params().stream()
            .map(p -> p.type().javaName() + " " + p.name())
            .collect(Collectors.joining(", "));
    StringBuilder out = new StringBuilder();
    out.append(f.returnType().javaName())
        .append(' ')
        .append(f.name())
        .append('(')
        .append(params)
        .append(") {\n");
    block(f.body(), 1, out);
    return out.append("}\n").toString();
  }

  /** Statements, one per line, indented by two spaces per level. */
  public static String block(List<Stmt> stmts) {
    StringBuilder out = new StringBuilder();
    block(stmts, 0, out);
    return out.toString();
  }

  private static void block(List<Stmt> stmts, int depth, StringBuilder out) {
    for (Stmt s : stmts) {
      stmt(s, depth, out);
    }
  }

  private static void stmt(Stmt s, int depth, StringBuilder out) {
    String pad = "  ".repeat(depth);
    if (s instanceof Stmt.If i) {
      out.append(pad)
          .append("if (")
          .append(expr(i.cond()))
          .append(i.guard() ? ") { // adjoint guard\n" : ") {\n");
      block(i.then(), depth + 1, out);
      if (!i.otherwise().isEmpty()) {
        out.append(pad).append("} else {\n");
        block(i.otherwise(), depth + 1, out);
      }
      out.append(pad).append("}\n");
    } else if (s instanceof Stmt.For f) {
      out.append(pad).append(forHeader(f)).append(" {\n");
      block(f.body(), depth + 1, out);
      out.append(pad).append("}\n");
    } else if (s instanceof Stmt.While w) {
      out.append(pad).append("while (").append(expr(w.cond())).append(") {\n");
      block(w.body(), depth + 1, out);
      out.append(pad).append("}\n");
    } else if (s instanceof Stmt.Loop l) {
      out.append(pad)
          .append(l.label())
          .append(": ")
          .append(l.testAtEnd() ? "do" : "while (" + expr(l.cond()) + ")")
          .append(" {\n");
      block(l.body(), depth + 1, out);
      if (!l.update().isEmpty()) {
        out.append(pad).append("  // update\n");
        block(l.update(), depth + 1, out);
      }
      out.append(pad).append(l.testAtEnd() ? "} while (" + expr(l.cond()) + ");\n" : "}\n");
    } else {
      out.append(pad).append(simple(s)).append('\n');
    }
  }

  /** The header of a counted loop, e.g. {@code for (int i = 0; i < n; i++)}. */
  public static String forHeader(Stmt.For f) {
    String name = f.index().name();
    String update;
    if (f.step() == 1) {
      update = name + "++";
    } else if (f.step() == -1) {
      update = name + "--";
    } else if (f.step() > 0) {
      update = name + " += " + f.step();
    } else {
      update = name + " -= " + (-f.step());
    }
    return "for ("
        + f.index().type().javaName()
        + " "
        + name
        + " = "
        + expr(f.from())
        + "; "
        + name
        + " "
        + f.cmp().symbol()
        + " "
        + expr(f.bound())
        + "; "
        + update
        + ")";
  }

  /** A statement without nested blocks, with its semicolon. */
  public static String simple(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      String head = d.var().type().javaName() + " " + d.var().name();
      return d.init() == null ? head + ";" : head + " = " + expr(d.init()) + ";";
    }
    if (s instanceof Stmt.Assign a) {
      return assignment(a.var().name(), new Ref(a.var()), a.value()) + ";";
    }
    if (s instanceof Stmt.Store st) {
      Expr target = new Index(st.array(), st.index());
      return assignment(expr(target), target, st.value()) + ";";
    }
    if (s instanceof Stmt.Return r) {
      return r.value() == null ? "return;" : "return " + expr(r.value()) + ";";
    }
    if (s instanceof Stmt.Fill f) {
      return "java.util.Arrays.fill(" + expr(f.array()) + ", " + expr(f.value()) + ");";
    }
    if (s instanceof Stmt.Comment c) {
      return "// " + c.text();
    }
    if (s instanceof Stmt.Require q) {
      return "if (!("
          + expr(q.cond())
          + ")) throw new IllegalArgumentException(\""
          + q.message()
          + "\");";
    }
    if (s instanceof Stmt.Break b) {
      return "break " + b.label() + ";";
    }
    if (s instanceof Stmt.Continue c) {
      return "continue " + c.label() + ";";
    }
    throw new IllegalArgumentException("not a simple statement: " + s);
  }

  /**
   * {@code t = t + e} prints as {@code t += e}, {@code t = t - e} as {@code t -= e}, and so on; a
   * narrowing one ({@code k = (int) (k + 2.7)}) stays explicit, which javac 21+ would otherwise
   * lint as a possibly lossy compound assignment.
   */
  private static String assignment(String target, Expr targetExpr, Expr value) {
    if (value instanceof Binary b
        && b.left().equals(targetExpr)
        && b.op().isArithmetic()
        && b.type() == targetExpr.type()) {
      return target + " " + b.op().symbol() + "= " + expr(b.right());
    }
    return target + " = " + expr(value);
  }

  /** The Java text of an expression. */
  public static String expr(Expr e) {
    StringBuilder out = new StringBuilder();
    expr(e, 0, out);
    return out.toString();
  }

  private static int precedence(Expr e) {
    if (e instanceof Binary b) {
      return b.op().precedence();
    }
    if (e instanceof Cond) {
      return COND;
    }
    if (e instanceof Unary || e instanceof Cast) {
      return UNARY;
    }
    if (e instanceof Const c && (c.text().startsWith("-"))) {
      return UNARY;
    }
    return PRIMARY;
  }

  private static void expr(Expr e, int context, StringBuilder out) {
    boolean parens = precedence(e) < context;
    if (parens) {
      out.append('(');
    }
    if (e instanceof Const c) {
      out.append(c.text());
    } else if (e instanceof Ref r) {
      out.append(r.var().name());
    } else if (e instanceof Index ix) {
      expr(ix.array(), PRIMARY, out);
      out.append('[');
      expr(ix.index(), 0, out);
      out.append(']');
    } else if (e instanceof Length l) {
      expr(l.array(), PRIMARY, out);
      out.append(".length");
    } else if (e instanceof Unary u) {
      out.append(u.op().symbol());
      boolean nested = u.operand() instanceof Unary || precedence(u.operand()) == UNARY;
      expr(u.operand(), nested ? PRIMARY : UNARY, out);
    } else if (e instanceof Cast c) {
      out.append('(').append(c.type().javaName()).append(") ");
      expr(c.operand(), UNARY, out);
    } else if (e instanceof Binary b) {
      int p = b.op().precedence();
      expr(b.left(), p, out);
      out.append(' ').append(b.op().symbol()).append(' ');
      expr(b.right(), p + 1, out);
    } else if (e instanceof Cond c) {
      expr(c.cond(), COND + 1, out);
      out.append(" ? ");
      expr(c.then(), COND + 1, out);
      out.append(" : ");
      expr(c.otherwise(), COND, out);
    } else if (e instanceof Call c) {
      if (!c.owner().isEmpty()) {
        out.append(c.owner()).append('.');
      }
      out.append(c.fn().javaName()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        expr(c.args().get(i), 0, out);
      }
      out.append(')');
    } else if (e instanceof Expr.Invoke c) {
      out.append(c.method()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        expr(c.args().get(i), 0, out);
      }
      out.append(')');
    } else if (e instanceof Expr.NewMatrix m) {
      out.append("new double[");
      expr(m.rows(), 0, out);
      out.append("][");
      if (m.cols() != null) {
        expr(m.cols(), 0, out);
      }
      out.append(']');
    } else if (e instanceof Expr.CopyOf c) {
      out.append("java.util.Arrays.copyOf(");
      expr(c.array(), 0, out);
      out.append(", ");
      expr(c.length(), 0, out);
      out.append(')');
    } else if (e instanceof NewArray n) {
      out.append("new ").append(n.type().elementType().javaName()).append('[');
      expr(n.size(), 0, out);
      out.append(']');
    }
    if (parens) {
      out.append(')');
    }
  }
}
