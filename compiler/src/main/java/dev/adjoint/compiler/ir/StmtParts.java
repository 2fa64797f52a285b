package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Stmt.Assign;
import dev.adjoint.compiler.ir.Stmt.Break;
import dev.adjoint.compiler.ir.Stmt.Comment;
import dev.adjoint.compiler.ir.Stmt.Continue;
import dev.adjoint.compiler.ir.Stmt.Declare;
import dev.adjoint.compiler.ir.Stmt.Fill;
import dev.adjoint.compiler.ir.Stmt.For;
import dev.adjoint.compiler.ir.Stmt.If;
import dev.adjoint.compiler.ir.Stmt.Loop;
import dev.adjoint.compiler.ir.Stmt.Require;
import dev.adjoint.compiler.ir.Stmt.Return;
import dev.adjoint.compiler.ir.Stmt.Store;
import dev.adjoint.compiler.ir.Stmt.While;
import java.util.List;
import java.util.Set;

/**
 * The parts of one statement, nested statements not included, per kind: the expressions it
 * evaluates, the blocks nested in it, the variables it declares and those it writes. {@link Stmts}
 * builds its recursive queries from these.
 */
final class StmtParts {
  private StmtParts() {}

  /** The expressions a statement evaluates itself, in evaluation order. */
  static final StmtVisitor<List<Expr>> EXPRS =
      new StmtVisitor<>() {
        @Override
        public List<Expr> visit(Declare s) {
          return s.init() == null ? List.of() : List.of(s.init());
        }

        @Override
        public List<Expr> visit(Assign s) {
          return List.of(s.value());
        }

        @Override
        public List<Expr> visit(Store s) {
          return List.of(s.array(), s.index(), s.value());
        }

        @Override
        public List<Expr> visit(If s) {
          return List.of(s.cond());
        }

        @Override
        public List<Expr> visit(For s) {
          return List.of(s.from(), s.bound());
        }

        @Override
        public List<Expr> visit(While s) {
          return List.of(s.cond());
        }

        @Override
        public List<Expr> visit(Loop s) {
          return List.of(s.cond());
        }

        @Override
        public List<Expr> visit(Break s) {
          return List.of();
        }

        @Override
        public List<Expr> visit(Continue s) {
          return List.of();
        }

        @Override
        public List<Expr> visit(Return s) {
          return s.value() == null ? List.of() : List.of(s.value());
        }

        @Override
        public List<Expr> visit(Fill s) {
          return List.of(s.array(), s.value());
        }

        @Override
        public List<Expr> visit(Require s) {
          return List.of(s.cond());
        }

        @Override
        public List<Expr> visit(Comment s) {
          return List.of();
        }
      };

  /** The blocks nested directly in a statement, in source order. */
  static final StmtVisitor<List<List<Stmt>>> BLOCKS =
      new StmtVisitor<>() {
        @Override
        public List<List<Stmt>> visit(Declare s) {
          return List.of();
        }

        @Override
        public List<List<Stmt>> visit(Assign s) {
          return List.of();
        }

        @Override
        public List<List<Stmt>> visit(Store s) {
          return List.of();
        }

        @Override
        public List<List<Stmt>> visit(If s) {
          return List.of(s.then(), s.otherwise());
        }

        @Override
        public List<List<Stmt>> visit(For s) {
          return List.of(s.body());
        }

        @Override
        public List<List<Stmt>> visit(While s) {
          return List.of(s.body());
        }

        @Override
        public List<List<Stmt>> visit(Loop s) {
          return List.of(s.body(), s.update());
        }

        @Override
        public List<List<Stmt>> visit(Break s) {
          return List.of();
        }

        @Override
        public List<List<Stmt>> visit(Continue s) {
          return List.of();
        }

        @Override
        public List<List<Stmt>> visit(Return s) {
          return List.of();
        }

        @Override
        public List<List<Stmt>> visit(Fill s) {
          return List.of();
        }

        @Override
        public List<List<Stmt>> visit(Require s) {
          return List.of();
        }

        @Override
        public List<List<Stmt>> visit(Comment s) {
          return List.of();
        }
      };

  /** The variables a statement declares itself: a declaration's variable, a loop's index. */
  static final StmtVisitor<Set<Var>> OWN_DECLARED =
      new StmtVisitor<>() {
        @Override
        public Set<Var> visit(Declare s) {
          return Set.of(s.var());
        }

        @Override
        public Set<Var> visit(Assign s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Store s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(If s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(For s) {
          return Set.of(s.index());
        }

        @Override
        public Set<Var> visit(While s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Loop s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Break s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Continue s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Return s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Fill s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Require s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Comment s) {
          return Set.of();
        }
      };

  /**
   * The variables a statement may write itself: what it declares or assigns, and the arrays it
   * stores into (the root variable, or every variable the array expression reads when it has none).
   */
  static final StmtVisitor<Set<Var>> OWN_WRITES =
      new StmtVisitor<>() {
        @Override
        public Set<Var> visit(Declare s) {
          return Set.of(s.var());
        }

        @Override
        public Set<Var> visit(Assign s) {
          return Set.of(s.var());
        }

        @Override
        public Set<Var> visit(Store s) {
          return arrayRoots(s.array());
        }

        @Override
        public Set<Var> visit(If s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(For s) {
          return Set.of(s.index());
        }

        @Override
        public Set<Var> visit(While s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Loop s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Break s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Continue s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Return s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Fill s) {
          return arrayRoots(s.array());
        }

        @Override
        public Set<Var> visit(Require s) {
          return Set.of();
        }

        @Override
        public Set<Var> visit(Comment s) {
          return Set.of();
        }
      };

  private static Set<Var> arrayRoots(Expr array) {
    Var root = Exprs.root(array);
    return root != null ? Set.of(root) : Exprs.reads(array);
  }
}
