package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Expr;

/**
 * The {@code OptionalDouble} (or {@code OptionalInt}, {@code OptionalLong}) of a stream's {@code
 * max()}, {@code min()}, {@code average()} or {@code reduce(op)}: its value, whether it is present
 * (a boolean expression), whether that is known before the loop runs, and the operation's name.
 */
record StreamOptional(Expr value, Expr present, boolean surelyPresent, String op) {}
