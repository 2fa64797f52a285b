/**
 * The Adjoint annotation processor: compile-time automatic differentiation of Java methods.
 *
 * <p>Per annotated method the processor ({@link dev.adjoint.compiler.DifferentiableProcessor},
 * thin) reads the method through {@code javac/}, then {@link dev.adjoint.compiler.Differentiation}
 * lowers it ({@code frontend/} → {@code ir/}), runs the pass pipeline ({@code pass/Pipeline}) and
 * verifies every result, and the processor hands the outcome to {@code emit/}, which writes one
 * {@code OwnerDerivatives} class per class. Diagnostics ({@code diag/}) are collected per method
 * and printed at the edge; a method with errors gets no derivatives. {@link
 * dev.adjoint.compiler.IncrementalBuild} and {@code incremental/} keep incremental builds from
 * leaving derivatives of changed code.
 *
 * <p>Seams: only {@code javac/} imports {@code com.sun.source}; {@code ir/} imports nothing of
 * javac, JavaParser or JavaPoet; only {@code emit/} uses JavaPoet; only {@code frontend/} uses
 * JavaParser.
 */
package dev.adjoint.compiler;
