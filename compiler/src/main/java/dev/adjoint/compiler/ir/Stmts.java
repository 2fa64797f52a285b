package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Stmt.For;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Queries and rewrites over statements and blocks (nested blocks included). All of them are built
 * on per-kind visitors ({@link StmtParts}, {@link StmtRebuild}), so none skips a statement kind.
 */
public final class Stmts {
  private Stmts() {}

  /** Variables a statement (or anything nested in it) may assign, arrays written included. */
  public static Set<Var> writes(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    writes(s, out);
    return out;
  }

  public static Set<Var> writes(List<Stmt> block) {
    Set<Var> out = new LinkedHashSet<>();
    for (Stmt s : block) {
      writes(s, out);
    }
    return out;
  }

  private static void writes(Stmt s, Set<Var> out) {
    out.addAll(s.accept(StmtParts.OWN_WRITES));
    for (List<Stmt> b : blocks(s)) {
      b.forEach(c -> writes(c, out));
    }
  }

  /** Variables declared anywhere inside the statement (including loop indices). */
  public static Set<Var> declared(List<Stmt> block) {
    Set<Var> out = new LinkedHashSet<>();
    declared(block, out);
    return out;
  }

  private static void declared(List<Stmt> block, Set<Var> out) {
    for (Stmt s : block) {
      out.addAll(s.accept(StmtParts.OWN_DECLARED));
      for (List<Stmt> b : blocks(s)) {
        declared(b, out);
      }
    }
  }

  /** Variables a statement (or anything nested in it) may read. */
  public static Set<Var> reads(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    reads(s, out);
    return out;
  }

  public static Set<Var> reads(List<Stmt> block) {
    Set<Var> out = new LinkedHashSet<>();
    for (Stmt s : block) {
      reads(s, out);
    }
    return out;
  }

  /** Adds what {@code s} reads to {@code out}: one set for a whole block, not one per node. */
  private static void reads(Stmt s, Set<Var> out) {
    for (Expr e : exprs(s)) {
      Exprs.collect(e, out);
    }
    if (s instanceof For f) {
      out.add(f.index()); // the loop's update reads its index
    }
    for (List<Stmt> b : blocks(s)) {
      for (Stmt c : b) {
        reads(c, out);
      }
    }
  }

  /** The expressions a statement evaluates itself (not those of nested statements). */
  public static List<Expr> exprs(Stmt s) {
    return s.accept(StmtParts.EXPRS);
  }

  /** The blocks nested directly in a statement, in source order; empty for a simple statement. */
  public static List<List<Stmt>> blocks(Stmt s) {
    return s.accept(StmtParts.BLOCKS);
  }

  /** The statement with each directly nested block replaced by {@code f} of it. */
  public static Stmt withBlocks(Stmt s, UnaryOperator<List<Stmt>> f) {
    return s.accept(new StmtRebuild.BlockMapper(f));
  }

  /** Applies {@code f} to every expression of the statement, nested blocks included. */
  public static Stmt mapExprs(Stmt s, UnaryOperator<Expr> f) {
    return s.accept(new StmtRebuild.ExprMapper(f));
  }

  public static List<Stmt> mapExprs(List<Stmt> block, UnaryOperator<Expr> f) {
    List<Stmt> out = new ArrayList<>(block.size());
    for (Stmt s : block) {
      out.add(mapExprs(s, f));
    }
    return out;
  }

  /** Every statement of {@code block} and of the blocks nested in it. */
  public static List<Stmt> all(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    mapBlocks(
        block,
        b -> {
          out.addAll(b);
          return b;
        });
    return out;
  }

  /** Applies a block rewrite to this block and, bottom-up, to every nested block. */
  public static List<Stmt> mapBlocks(List<Stmt> block, UnaryOperator<List<Stmt>> f) {
    List<Stmt> out = new ArrayList<>(block.size());
    for (Stmt s : block) {
      out.add(withBlocks(s, b -> mapBlocks(b, f)));
    }
    return f.apply(out);
  }
}
