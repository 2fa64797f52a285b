package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The canonical text of IR: Java syntax with minimal parentheses. Tests assert on it, and the
 * emitter uses {@link #expr} for expression text, so what the tests see is what users read.
 */
public final class Printer {
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
    StmtText text = new StmtText(depth, out);
    for (Stmt s : stmts) {
      s.accept(text);
    }
  }

  /** Appends one statement, nested blocks included, at an indentation depth. */
  private record StmtText(int depth, StringBuilder out) implements StmtVisitor<Void> {
    private String pad() {
      return "  ".repeat(depth);
    }

    private Void line(Stmt s) {
      out.append(pad()).append(simple(s)).append('\n');
      return null;
    }

    @Override
    public Void visit(Stmt.Declare s) {
      return line(s);
    }

    @Override
    public Void visit(Stmt.Assign s) {
      return line(s);
    }

    @Override
    public Void visit(Stmt.Store s) {
      return line(s);
    }

    @Override
    public Void visit(Stmt.If s) {
      out.append(pad())
          .append("if (")
          .append(expr(s.cond()))
          .append(s.guard() ? ") { // adjoint guard\n" : ") {\n");
      block(s.then(), depth + 1, out);
      if (!s.otherwise().isEmpty()) {
        out.append(pad()).append("} else {\n");
        block(s.otherwise(), depth + 1, out);
      }
      out.append(pad()).append("}\n");
      return null;
    }

    @Override
    public Void visit(Stmt.For s) {
      out.append(pad()).append(forHeader(s)).append(" {\n");
      block(s.body(), depth + 1, out);
      out.append(pad()).append("}\n");
      return null;
    }

    @Override
    public Void visit(Stmt.While s) {
      out.append(pad()).append("while (").append(expr(s.cond())).append(") {\n");
      block(s.body(), depth + 1, out);
      out.append(pad()).append("}\n");
      return null;
    }

    @Override
    public Void visit(Stmt.Loop s) {
      out.append(pad())
          .append(s.label())
          .append(": ")
          .append(s.testAtEnd() ? "do" : "while (" + expr(s.cond()) + ")")
          .append(" {\n");
      block(s.body(), depth + 1, out);
      if (!s.update().isEmpty()) {
        out.append(pad()).append("  // update\n");
        block(s.update(), depth + 1, out);
      }
      out.append(pad()).append(s.testAtEnd() ? "} while (" + expr(s.cond()) + ");\n" : "}\n");
      return null;
    }

    @Override
    public Void visit(Stmt.Break s) {
      return line(s);
    }

    @Override
    public Void visit(Stmt.Continue s) {
      return line(s);
    }

    @Override
    public Void visit(Stmt.Return s) {
      return line(s);
    }

    @Override
    public Void visit(Stmt.Fill s) {
      return line(s);
    }

    @Override
    public Void visit(Stmt.Require s) {
      return line(s);
    }

    @Override
    public Void visit(Stmt.Comment s) {
      return line(s);
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
      update = name + " -= " + -f.step();
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
    return s.accept(SIMPLE);
  }

  private static final StmtVisitor<String> SIMPLE =
      new StmtVisitor<>() {
        @Override
        public String visit(Stmt.Declare s) {
          // a reference kept verbatim has the type javac gives it
          String type =
              s.var().type() == Type.OBJECT && s.init() instanceof Expr.Opaque
                  ? "var"
                  : s.var().type().javaName();
          String head = type + " " + s.var().name();
          return s.init() == null ? head + ";" : head + " = " + expr(s.init()) + ";";
        }

        @Override
        public String visit(Stmt.Assign s) {
          return assignment(s.var().name(), new Ref(s.var()), s.value()) + ";";
        }

        @Override
        public String visit(Stmt.Store s) {
          Expr target = new Index(s.array(), s.index());
          return assignment(expr(target), target, s.value()) + ";";
        }

        @Override
        public String visit(Stmt.If s) {
          throw notSimple(s);
        }

        @Override
        public String visit(Stmt.For s) {
          throw notSimple(s);
        }

        @Override
        public String visit(Stmt.While s) {
          throw notSimple(s);
        }

        @Override
        public String visit(Stmt.Loop s) {
          throw notSimple(s);
        }

        @Override
        public String visit(Stmt.Break s) {
          return "break " + s.label() + ";";
        }

        @Override
        public String visit(Stmt.Continue s) {
          return "continue " + s.label() + ";";
        }

        @Override
        public String visit(Stmt.Return s) {
          return s.value() == null ? "return;" : "return " + expr(s.value()) + ";";
        }

        @Override
        public String visit(Stmt.Fill s) {
          return "java.util.Arrays.fill(" + expr(s.array()) + ", " + expr(s.value()) + ");";
        }

        @Override
        public String visit(Stmt.Require s) {
          return "if (!("
              + expr(s.cond())
              + ")) throw new IllegalArgumentException(\""
              + s.message()
              + "\");";
        }

        @Override
        public String visit(Stmt.Comment s) {
          return "// " + s.text();
        }
      };

  private static IllegalArgumentException notSimple(Stmt s) {
    return new IllegalArgumentException("not a simple statement: " + s);
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
    return ExprText.of(e);
  }
}
