package dev.adjoint.compiler.pass;

import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The explicit pass pipeline: reverse mode, then the clean-ups to a fixpoint, then loop fusion and
 * the clean-ups again. Every step is a pure IR → IR function.
 */
public final class Pipeline {
  private static final int MAX_ROUNDS = 20;

  private Pipeline() {}

  /** The value-and-gradient function of {@code primal}, cleaned up. */
  public static Function gradient(Function primal, List<Var> wrt) {
    Set<Var> userVars = new HashSet<>(primal.params());
    userVars.addAll(Stmts.declared(primal.body()));
    Function f = ReverseMode.transform(UniqueNames.run(Exits.run(primal)), wrt);
    f = cleanUp(f, userVars);
    f = LoopFusion.run(f);
    f = cleanUp(f, userVars);
    f = cleanUp(CommonSubexpressions.run(f), userVars);
    f = cleanUp(ScaleHoisting.run(f), userVars);
    return HoistAllocations.run(f);
  }

  /** The tangent (directional derivative) function of {@code primal}, cleaned up. */
  public static Function tangent(Function primal, List<Var> wrt) {
    Set<Var> userVars = new HashSet<>(primal.params());
    userVars.addAll(Stmts.declared(primal.body()));
    Function f = cleanUp(ForwardMode.transform(UniqueNames.run(Exits.run(primal)), wrt), userVars);
    // the tangent returns no primal value: its products may be re-associated (see InvariantFactors)
    f = cleanUp(CommonSubexpressions.run(InvariantFactors.run(f)), userVars);
    f = cleanUp(ScaleHoisting.run(f), userVars);
    // a Jacobian-vector product writes its last parameter on purpose; everything else is restored
    Set<Var> outputs =
        f.returnType() == Type.DOUBLE_ARRAY
            ? Set.of(f.params().get(f.params().size() - 1))
            : Set.of();
    return RestoredInputs.run(f, outputs);
  }

  /**
   * The Hessian-vector product function: forward mode applied to the finished reverse-mode function
   * (the passes compose), then the usual clean-ups.
   */
  public static Function hessianVector(Function primal, List<Var> wrt) {
    Set<Var> userVars = new HashSet<>(primal.params());
    userVars.addAll(Stmts.declared(primal.body()));
    Function f = cleanUp(ForwardMode.hessianVector(gradient(primal, wrt), wrt), userVars);
    return cleanUp(CommonSubexpressions.run(f), userVars);
  }

  /**
   * The full Hessian: one pass over all unit directions for scalar inputs, else the row function
   * (the Hessian-vector product {@code hessianVector} along the k-th unit direction). See {@link
   * Hessians}.
   */
  public static Function hessian(Function primal, List<Var> wrt, Function hessianVector) {
    Set<Var> userVars = new HashSet<>(primal.params());
    userVars.addAll(Stmts.declared(primal.body()));
    if (!Hessians.unrolled(wrt)) {
      return cleanUp(Hessians.row(hessianVector, wrt), userVars);
    }
    Function f = Hessians.allRows(gradient(primal, wrt), wrt, g -> cleanUp(g, userVars));
    f = cleanUp(CommonSubexpressions.run(f), userVars);
    if (Hessians.size(f) > Hessians.MAX_UNROLLED_NODES) {
      return cleanUp(
          Hessians.row(hessianVector, wrt), userVars); // too big for the JIT as one method
    }
    return f;
  }

  /**
   * Simplification, accumulation merging, copy and constant propagation and dead code, to a
   * fixpoint.
   */
  public static Function cleanUp(Function f, Set<Var> userVars) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Function next = Simplify.run(f);
      next = Accumulations.run(next);
      next = Copies.run(next, userVars);
      next = Constants.run(next, userVars);
      next = DeadCode.run(next);
      if (next.equals(f)) {
        return next;
      }
      f = next;
    }
    return f;
  }
}
