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
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The direct sub-expressions of an expression per kind, and the node rebuilt around new ones:
 * {@link Exprs} builds its traversals from these two.
 */
final class ExprParts {
  private ExprParts() {}

  /** Direct sub-expressions, left to right. */
  static final ExprVisitor<List<Expr>> CHILDREN =
      new ExprVisitor<>() {
        @Override
        public List<Expr> visit(Const e) {
          return List.of();
        }

        @Override
        public List<Expr> visit(Ref e) {
          return List.of();
        }

        @Override
        public List<Expr> visit(Index e) {
          return List.of(e.array(), e.index());
        }

        @Override
        public List<Expr> visit(Length e) {
          return List.of(e.array());
        }

        @Override
        public List<Expr> visit(Unary e) {
          return List.of(e.operand());
        }

        @Override
        public List<Expr> visit(Binary e) {
          return List.of(e.left(), e.right());
        }

        @Override
        public List<Expr> visit(Call e) {
          return e.args();
        }

        @Override
        public List<Expr> visit(Invoke e) {
          return e.args();
        }

        @Override
        public List<Expr> visit(Expr.Apply e) {
          return e.args();
        }

        @Override
        public List<Expr> visit(Cast e) {
          return List.of(e.operand());
        }

        @Override
        public List<Expr> visit(Cond e) {
          return List.of(e.cond(), e.then(), e.otherwise());
        }

        @Override
        public List<Expr> visit(NewArray e) {
          return List.of(e.size());
        }

        @Override
        public List<Expr> visit(NewMatrix e) {
          return e.cols() == null ? List.of(e.rows()) : List.of(e.rows(), e.cols());
        }

        @Override
        public List<Expr> visit(CopyOf e) {
          return List.of(e.array(), e.length());
        }

        @Override
        public List<Expr> visit(Expr.DataEquals e) {
          return List.of(e.subject());
        }

        @Override
        public List<Expr> visit(Expr.Opaque e) {
          return e.operands();
        }
      };

  /**
   * The node rebuilt with {@code f} applied to each direct sub-expression, left to right; a leaf
   * stays as it is.
   */
  record Rebuild(UnaryOperator<Expr> f) implements ExprVisitor<Expr> {
    private List<Expr> all(List<Expr> args) {
      List<Expr> out = new ArrayList<>(args.size());
      for (Expr a : args) {
        out.add(f.apply(a));
      }
      return out;
    }

    @Override
    public Expr visit(Const e) {
      return e;
    }

    @Override
    public Expr visit(Ref e) {
      return e;
    }

    @Override
    public Expr visit(Index e) {
      return new Index(f.apply(e.array()), f.apply(e.index()));
    }

    @Override
    public Expr visit(Length e) {
      return new Length(f.apply(e.array()));
    }

    @Override
    public Expr visit(Unary e) {
      return new Unary(e.op(), f.apply(e.operand()), e.type());
    }

    @Override
    public Expr visit(Binary e) {
      return new Binary(e.op(), f.apply(e.left()), f.apply(e.right()), e.type());
    }

    @Override
    public Expr visit(Call e) {
      return new Call(e.owner(), e.fn(), all(e.args()), e.type());
    }

    @Override
    public Expr visit(Invoke e) {
      return new Invoke(e.method(), all(e.args()), e.type(), e.partials());
    }

    @Override
    public Expr visit(Expr.Apply e) {
      return e.withArgs(all(e.args()));
    }

    @Override
    public Expr visit(Cast e) {
      return new Cast(e.type(), f.apply(e.operand()));
    }

    @Override
    public Expr visit(Cond e) {
      return new Cond(f.apply(e.cond()), f.apply(e.then()), f.apply(e.otherwise()), e.type());
    }

    @Override
    public Expr visit(NewArray e) {
      return new NewArray(e.type(), f.apply(e.size()));
    }

    @Override
    public Expr visit(NewMatrix e) {
      return new NewMatrix(
          e.type(), f.apply(e.rows()), e.cols() == null ? null : f.apply(e.cols()));
    }

    @Override
    public Expr visit(CopyOf e) {
      return new CopyOf(f.apply(e.array()), f.apply(e.length()));
    }

    @Override
    public Expr visit(Expr.DataEquals e) {
      return new Expr.DataEquals(f.apply(e.subject()), e.enumType(), e.constant(), e.nullThrows());
    }

    @Override
    public Expr visit(Expr.Opaque e) {
      return e.withOperands(all(e.operands()));
    }
  }
}
