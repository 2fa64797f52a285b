package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.diag.Span;

/**
 * Where the method keeps Java code verbatim ({@link dev.adjoint.compiler.ir.Expr.Opaque} {@code
 * id}): after activity analysis, code that reads a value depending on a differentiated input is
 * reported there.
 *
 * @param text the code, described for messages
 * @param staticCall whether it is a call of a static method without source (reported as such: it
 *     needs a derivative rule)
 */
public record VerbatimSite(int id, Span span, String text, boolean staticCall) {}
