/**
 * JavaParser AST → IR. {@link dev.adjoint.compiler.frontend.MethodLowering} parses one method,
 * checks its signature and {@code wrt}, and lowers the body statement by statement ({@code
 * StmtLowering}, loops in {@code CountedLoops} and {@code GeneralLoops}, {@code switch} in {@code
 * Switches}, arrays in {@code ArrayLowering}) and expression by expression ({@code ExprLowering},
 * Math calls in {@code MathCalls}, other calls inlined by {@code Calls}/{@code Inliner}, except
 * calls into a cycle of recursive methods, which stay calls of functions of their own, {@code
 * RecursiveCalls}; stream reductions lowered to counted loops by {@code Streams}: {@code
 * StreamSources}, {@code StreamLambdas}, {@code StreamTerminals}, {@code StreamAccumulators};
 * assignments and increments in {@code Assignments}). An expression with side effects lowers to
 * statements queued before its statement ({@code Context.pending}) and a pure IR expression, in
 * Java's evaluation order: {@code EvaluationOrder} keeps an operand in a local when a later
 * operand's statements could change it, {@code ConditionalEvaluation} runs the statements of a
 * {@code ?:} branch or a {@code &&}/{@code ||} right operand only when Java evaluates it. Local
 * types are inferred here: bodies are not type-attributed during annotation processing. Whatever is
 * outside the supported language becomes a coded diagnostic at the exact sub-expression, never an
 * exception, and once per cause: uses of a variable whose declaration was reported ({@code
 * Context.reported}) report nothing more. String and enum parameters are data the method passes
 * along and compares with constants ({@code DataTests}); a {@code char} is an int.
 *
 * <p>Adding a statement kind of the language: lower it in {@code StmtLowering} to existing IR
 * statements where it can be expressed with them (a {@code switch} as nested {@code If}s, say);
 * only if it cannot, add an IR statement kind (see the checklist in {@code ir/package-info}). Then
 * flip its {@code Construct} in the random-program generator to supported and add its generator
 * case, a golden if its generated code is new, and README's "Supported language".
 */
package dev.adjoint.compiler.frontend;
