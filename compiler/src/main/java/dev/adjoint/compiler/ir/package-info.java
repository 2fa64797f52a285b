/**
 * The intermediate representation: typed expressions ({@link dev.adjoint.compiler.ir.Expr}) and
 * statements ({@link dev.adjoint.compiler.ir.Stmt}) of one method and of the recursive helpers it
 * calls ({@link dev.adjoint.compiler.ir.Expr.Apply}, named and derived as {@link
 * dev.adjoint.compiler.ir.Applies} says), with a canonical {@link dev.adjoint.compiler.ir.Printer},
 * a {@link dev.adjoint.compiler.ir.Verifier} and an {@link dev.adjoint.compiler.ir.Interpreter}
 * that the tests use as an oracle. It imports nothing from javac, JavaParser or JavaPoet.
 *
 * <p>Each language fact is written once: {@link dev.adjoint.compiler.ir.Typing} gives the result
 * type of every operator, cast, conditional and call (the front end types with it, the verifier
 * checks with it, the interpreter computes by it), and {@link dev.adjoint.compiler.ir.Fn} is the
 * table of library functions (names, owners, Java overloads with their kernels). The derivative
 * rules of the functions are the passes' table, {@code pass/ad/Partials}.
 *
 * <h2>Adding a Math function</h2>
 *
 * <ol>
 *   <li>{@code ir/Fn.java}: one entry: the Java name, the owners ({@code Owners.MATH} for {@code
 *       Math} and {@code StrictMath}), {@code true} if it is piecewise constant, and its Java
 *       overloads in javac's order of preference, each with its {@code Math} and {@code StrictMath}
 *       kernel ({@code of(Math::sin, StrictMath::sin)}, {@code ofFloat(...)}, {@code ofInt(...)},
 *       ...). The front end, verifier and interpreter need nothing else; {@code FnTableTest} checks
 *       the overloads against the JDK's methods.
 *   <li>{@code pass/ad/Partials.java}, unless the function is piecewise constant: one {@code
 *       put(Fn.X, new Rule(x -> ...))} giving {@code adj * ∂f/∂arg_j} for argument {@code x.j()},
 *       with {@code .readingValue()} when every partial is written with the call's value (the
 *       reverse sweep then keeps the value in a local) and {@code .singular()} (or a predicate of
 *       the arguments) when a partial can be infinite or NaN. The table refuses to load, and {@code
 *       PartialsTableTest} fails, while a function lacks its rule.
 *   <li>A test in {@code compiler/src/test/java/dev/adjoint/compiler/pass} (like {@code
 *       FusedMultiplyAddTest}) that differentiates a method calling the function with {@code
 *       GradientOracle.check} (gradient against central differences, tangent, Hessian-vector
 *       product and Hessian).
 *   <li>The README's list of supported {@code Math} functions (and its rules at kinks and singular
 *       points, if the function has any).
 * </ol>
 *
 * <h2>Adding a statement (or expression) kind</h2>
 *
 * <p>First ask whether the front end can lower the construct to the kinds there are (a {@code
 * switch} to nested {@link dev.adjoint.compiler.ir.Stmt.If}s); a new kind costs every pass.
 *
 * <ol>
 *   <li>Add the record to {@link dev.adjoint.compiler.ir.Stmt} with an {@code accept} that calls
 *       {@code v.visit(this)}, and {@code R visit(Stmt.NewKind s)} to {@link
 *       dev.adjoint.compiler.ir.StmtVisitor} (for an expression: {@link
 *       dev.adjoint.compiler.ir.Expr}, {@link dev.adjoint.compiler.ir.ExprVisitor}). The Java
 *       compiler then rejects every visitor until it handles the kind: its parts ({@code
 *       StmtParts}: expressions, nested blocks, declared and written variables), its rebuilding
 *       ({@code StmtRebuild}), the {@link dev.adjoint.compiler.ir.Printer} and the emitter's
 *       statement writer.
 *   <li>The passes see it through {@link dev.adjoint.compiler.ir.Stmts}: recursion into nested
 *       blocks ({@code Stmts.blocks}, {@code withBlocks}, {@code mapBlocks}) covers it, and every
 *       per-kind rule (liveness, faint code, activity, reverse and forward mode, renaming,
 *       inlining) throws {@code IllegalStateException("unknown statement: ...")} until it is taught
 *       the kind: grep {@code unknown statement} and run the tests.
 *   <li>The {@link dev.adjoint.compiler.ir.Verifier} and the {@link
 *       dev.adjoint.compiler.ir.Interpreter} (both throw on a kind they do not know).
 *   <li>The front end produces it; a printed-IR or golden test shows it, and the random-program
 *       generator's {@code Construct} covers it.
 * </ol>
 */
package dev.adjoint.compiler.ir;
