/**
 * The intermediate representation: typed expressions ({@link dev.adjoint.compiler.ir.Expr}) and
 * statements ({@link dev.adjoint.compiler.ir.Stmt}) of one method, with a canonical {@link
 * dev.adjoint.compiler.ir.Printer}, a {@link dev.adjoint.compiler.ir.Verifier} and an {@link
 * dev.adjoint.compiler.ir.Interpreter} that the tests use as an oracle. It imports nothing from
 * javac, JavaParser or JavaPoet.
 *
 * <p>Each language fact is written once: {@link dev.adjoint.compiler.ir.Typing} gives the result
 * type of every operator, cast, conditional and call (the front end types with it, the verifier
 * checks with it, the interpreter computes by it), and {@link dev.adjoint.compiler.ir.Fn} is the
 * table of library functions (names, owners, Java overloads with their kernels). The derivative
 * rules of the functions are the passes' table, {@code pass/Partials}.
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
 *   <li>{@code pass/Partials.java}, unless the function is piecewise constant: one {@code put(Fn.X,
 *       new Rule(x -> ...))} giving {@code adj * ∂f/∂arg_j} for argument {@code x.j()}, with {@code
 *       .readingValue()} when every partial is written with the call's value (the reverse sweep
 *       then keeps the value in a local) and {@code .singular()} (or a predicate of the arguments)
 *       when a partial can be infinite or NaN. The table refuses to load, and {@code
 *       PartialsTableTest} fails, while a function lacks its rule.
 *   <li>A test in {@code compiler/src/test/java/dev/adjoint/compiler/pass} that differentiates a
 *       method calling the function with {@code GradientOracle.check} (gradient against central
 *       differences, tangent, Hessian-vector product and Hessian).
 *   <li>The README's list of supported {@code Math} functions (and its rules at kinks and singular
 *       points, if the function has any).
 * </ol>
 */
package dev.adjoint.compiler.ir;
