package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.diag.Span;

/**
 * Where the method keeps Java code verbatim ({@link dev.adjoint.compiler.ir.Expr.Opaque} {@code
 * id}): after activity analysis, code that reads a value depending on a differentiated input is
 * reported there.
 *
 * @param text the code, described for messages
 * @param callee for a call of a static method without source, its name as written ({@code
 *     Double.sum}): reported as such when active, since it needs a derivative rule; else null
 */
public record VerbatimSite(int id, Span span, String text, String callee) {}
