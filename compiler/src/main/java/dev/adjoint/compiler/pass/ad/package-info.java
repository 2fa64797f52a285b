/**
 * The differentiation transforms. {@code ReverseMode} writes the value-and-gradient (or pullback)
 * function, with {@code ExprAdjoint} for one expression, {@code AdjointSink} collecting its
 * statements, {@code ArrayAdjoints} and {@code Target} saying where adjoints live, and {@code
 * Singular} deciding which adjoint code runs only for a nonzero adjoint. {@code ForwardMode} writes
 * tangents, also over the finished gradient for Hessian-vector products, with {@code Guards}
 * keeping the tangent terms of those adjoint guards. {@code Hessians} builds the full Hessian.
 * {@code Partials} is the table of derivative rules of the library functions; {@code
 * GradientLayout} the flat layout of the differentiated parameters. A call of a recursive helper is
 * differentiated through derived helpers, functions of their own that {@code Pipeline.helpers}
 * builds: {@code ForwardMode.helperTangent} (the tangent along some of its arguments, also the
 * partial of reverse mode along one scalar argument) and {@code ReverseMode.helperGradient} (the
 * gradient with respect to one array argument, a new array).
 */
package dev.adjoint.compiler.pass.ad;
