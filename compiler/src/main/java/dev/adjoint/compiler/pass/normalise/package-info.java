/**
 * The form every mode starts from: {@code ExitNormalisation} turns break, continue and early return
 * into flags and labelled loops into structured ones; {@code UniqueNames} gives every local a name
 * of its own, so that the reverse sweep can replay blocks.
 */
package dev.adjoint.compiler.pass.normalise;
