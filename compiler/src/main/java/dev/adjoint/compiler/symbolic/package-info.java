/**
 * Symbolic partial derivatives for documentation: the formulas the generated gradient's Javadoc
 * shows, such as {@code ∂f/∂a = 2·a·b}. Pure IR: it reads the normalised primal ({@link
 * dev.adjoint.compiler.ir.Function}) and imports nothing from javac, JavaParser or JavaPoet.
 *
 * <p>The steps: {@link dev.adjoint.compiler.symbolic.Substitution} turns a straight-line method, or
 * one whose body accumulates a sum in a counted loop, into one {@link
 * dev.adjoint.compiler.symbolic.Formula} over the parameters; {@link
 * dev.adjoint.compiler.symbolic.Derivative} differentiates it with respect to one scalar input;
 * {@link dev.adjoint.compiler.symbolic.Simplifier} makes it readable; {@link
 * dev.adjoint.compiler.symbolic.MathText} prints it as HTML. {@link
 * dev.adjoint.compiler.symbolic.SymbolicPartials} runs them. Whatever is outside this small
 * language (branches, conditionals, other loops, array writes, calls of user helpers, code kept
 * verbatim) yields no formula: the formulas are documentation, never the derivative the generated
 * code computes, and a method without them loses nothing.
 */
package dev.adjoint.compiler.symbolic;
