/**
 * Value-preserving optimisations of generated code, run by {@code Pipeline.cleanUp} to a fixpoint
 * ({@code Simplify}, {@code AccumulationFolding}, {@code CopyPropagation}, {@code
 * ConstantPropagation}, {@code DeadCodeElimination}) and once at their place in the pipeline
 * ({@code FaintCodeElimination} inside dead-code elimination, {@code LoopFusion}, {@code
 * CommonSubexpressionElimination}, {@code ScaleHoisting}, {@code InvariantFactors} for tangents).
 * None may change a computed value; the oracle tests compare against the naive transform.
 */
package dev.adjoint.compiler.pass.cleanup;
