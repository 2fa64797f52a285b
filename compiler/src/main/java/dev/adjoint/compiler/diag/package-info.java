/**
 * Diagnostics, the compiler's only way to talk to the user: {@link
 * dev.adjoint.compiler.diag.DiagnosticCode} lists every code with its severity, message template
 * and hint; a {@link dev.adjoint.compiler.diag.Diagnostic} is one of them filled in and placed (a
 * span of the method's source, or a whole element); {@link dev.adjoint.compiler.diag.Diagnostics}
 * collects a method's. The frontend and the processor create them; the javac layer prints them,
 * always as {@link dev.adjoint.compiler.diag.Diagnostic#fullMessage}, so message and hint read the
 * same wherever they come from. This package depends on nothing else of the compiler.
 *
 * <h2>Adding a diagnostic</h2>
 *
 * <ol>
 *   <li>Add an entry to {@code DiagnosticCode} in its group ({@code AD0xx} environment, {@code
 *       AD1xx} syntax, {@code AD2xx} typing, {@code AD3xx} differentiability, {@code AD9xx}
 *       internal), with a message template ({@code MessageFormat}: quotes doubled, {@code {0}} for
 *       arguments) and a hint saying what to do.
 *   <li>Report it with {@code Diagnostics.report(code, span, args...)} from the frontend, or {@code
 *       Diagnostic.atElement(code, args...)} from the processor; never format message and hint by
 *       hand.
 *   <li>Regenerate the README's table of codes: {@code mvn -pl compiler test
 *       -Dtest=DiagnosticTableTest -Dadjoint.regenerateGolden=true}, and review the diff.
 *   <li>Add a compile-testing test to {@code processor/DiagnosticsTest} that compiles a small
 *       source, expects the code at its file and line, and checks the message and hint.
 * </ol>
 */
package dev.adjoint.compiler.diag;
