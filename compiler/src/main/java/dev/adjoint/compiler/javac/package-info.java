/**
 * The only package that touches javac's own API ({@code com.sun.source}): reads an annotated
 * method's exact source text and positions through the Trees API, resolves the callees and
 * constants of other classes in the same compilation, reads {@code @Partial} rules, and reports
 * diagnostics at a sub-expression. Everything it hands on ({@code MethodRequest}, callees,
 * fingerprints) is free of javac types.
 */
package dev.adjoint.compiler.javac;
