/**
 * The pass pipeline: pure IR → IR functions, ordered in one place, {@link
 * dev.adjoint.compiler.pass.Pipeline}. Naive transforms first, then clean-ups: reverse and forward
 * mode write simple, obviously correct code, and separate passes make it fast; the interpreter on
 * the naive reverse-mode output is the reference every clean-up must agree with.
 *
 * <p>Sub-packages by kind:
 *
 * <ul>
 *   <li>{@code normalise}: exit normalisation (break, continue and early return become flags) and
 *       unique names: the form every mode starts from;
 *   <li>{@code analysis}: facts the transforms and clean-ups ask for, changing nothing: activity,
 *       array aliases, overwritten variables;
 *   <li>{@code ad}: the differentiation transforms: reverse mode (with the adjoint of one
 *       expression, where adjoints live, the derivative rules {@code Partials} and the guards of
 *       singular partials), forward mode, the full Hessian, and the flat gradient layout;
 *   <li>{@code storage}: what the reverse sweep keeps and how: named calls and loop results before
 *       reverse mode, loop tapes and element stacks during it, hoisted allocations after it, and
 *       the restoring of written input arrays in tangents;
 *   <li>{@code cleanup}: value-preserving optimisations run to a fixpoint: simplification,
 *       accumulation folding, copy and constant propagation, dead- and faint-code elimination,
 *       common subexpressions, loop fusion, scale hoisting, invariant factors.
 * </ul>
 *
 * <h2>Adding a pass</h2>
 *
 * <ol>
 *   <li>Write it as a final class in the sub-package of its kind with one entry {@code static
 *       Function run(Function f, ...)}, pure: it returns a new function and keeps the signature's
 *       roles ({@code f.withBody(...)}).
 *   <li>Call it from {@code Pipeline}, the only place that orders passes, and nowhere else; say in
 *       {@code Pipeline}'s Javadoc where it runs and why there.
 *   <li>A clean-up must not change any computed value: the oracle tests compare the cleaned
 *       gradient with the naive one ({@code Pipeline.naiveGradient}) at every point, and the random
 *       programs do the same. Add a unit test on printed IR for what it rewrites, and run the
 *       goldens: a change to generated code is a golden change to review ({@code
 *       -Dadjoint.regenerateGolden=true}).
 *   <li>Traverse statements through {@code Stmts} or the visitors; a chain over kinds ends by
 *       throwing on an unknown kind.
 * </ol>
 */
package dev.adjoint.compiler.pass;
