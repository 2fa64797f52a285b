/**
 * Analyses that change nothing: {@code Activity} (which values depend differentiably on a
 * differentiated parameter and reach the result), {@code Aliases} (array variables that may share
 * storage) and {@code Overwrites} (which variables a statement overwrites).
 */
package dev.adjoint.compiler.pass.analysis;
