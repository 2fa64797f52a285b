package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.ad.GradientLayout;
import java.util.List;

/**
 * The element-copy loop the frontend lowers array copies to ({@code clone()}, {@code
 * System.arraycopy}, a reassignment by copy, a buffer's first row): one definition, so every copy
 * reads the same in the generated code.
 */
final class CopyLoops {
  private CopyLoops() {}

  /** {@code for (k = 0; k < length; k++) dst[dstPos + k] = src[srcPos + k];}. */
  static Stmt.For copy(Var k, Expr src, Expr srcPos, Expr dst, Expr dstPos, Expr length) {
    Expr ki = Exprs.ref(k);
    return new Stmt.For(
        k,
        Expr.Const.ofInt(0),
        BinOp.LT,
        length,
        1,
        List.of(
            new Stmt.Store(
                dst,
                GradientLayout.plus(ki, dstPos),
                new Expr.Index(src, GradientLayout.plus(ki, srcPos)))));
  }

  /** The first {@code length} elements of {@code src} into {@code dst}. */
  static Stmt.For copy(Var k, Expr src, Expr dst, Expr length) {
    Expr zero = Expr.Const.ofInt(0);
    return copy(k, src, zero, dst, zero, length);
  }
}
