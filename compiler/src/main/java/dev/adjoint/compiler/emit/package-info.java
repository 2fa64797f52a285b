/**
 * The last stage of the pipeline: IR functions to Java source with JavaPoet. {@link
 * dev.adjoint.compiler.emit.DerivativesEmitter} writes one {@code OwnerDerivatives} class per owner
 * from the methods that were {@link dev.adjoint.compiler.Differentiation.Differentiated}: the
 * public methods of the user contract (value and gradient, gradient record, tangent, Hessian-vector
 * product, Hessian; pullback, tangent and Jacobian of array-valued methods), their length checks
 * and Javadoc, the workspace variant and the private helpers (among them copies of the user's
 * recursive helpers and their derivatives, {@code Helpers.program}).
 *
 * <p>Bodies come from the IR as the passes left them ({@code Statements}, with expression text from
 * {@link dev.adjoint.compiler.ir.Printer}); the emitter decides nothing about derivatives. The
 * parameters a pass added are found by role in the function's {@link
 * dev.adjoint.compiler.ir.Signature}, never by position. Generated text is compared byte for byte
 * with the goldens under {@code compiler/src/test/resources/golden}: a type spelled with {@code $T}
 * is imported by JavaPoet, so a name written out in full in a format string stays so unless the
 * goldens are meant to change.
 */
package dev.adjoint.compiler.emit;
