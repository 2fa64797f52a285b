/**
 * The differentiation transforms. {@code ReverseMode} writes the value-and-gradient (or pullback)
 * function, with {@code ExprAdjoint} for one expression, {@code AdjointSink} collecting its
 * statements, {@code ArrayAdjoints} and {@code Target} saying where adjoints live, and {@code
 * Singular} deciding which adjoint code runs only for a nonzero adjoint. {@code ForwardMode} writes
 * tangents, also over the finished gradient for Hessian-vector products, with {@code Guards}
 * keeping the tangent terms of those adjoint guards. {@code Hessians} builds the full Hessian.
 * {@code Partials} is the table of derivative rules of the library functions; {@code
 * GradientLayout} the flat layout of the differentiated parameters.
 */
package dev.adjoint.compiler.pass.ad;
