package dev.adjoint.compiler.pass;

import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which variables a statement overwrites: those the reverse sweep may have to restore. */
final class Saves {
  private Saves() {}

  /** Scalars that exist before {@code s} and that {@code s} may assign. */
  static Set<Var> overwritten(Stmt s) {
    Set<Var> out = new LinkedHashSet<>(Stmts.writes(s));
    out.removeAll(Stmts.declared(List.of(s)));
    out.removeIf(v -> v.type().isArray());
    return out;
  }

  /** Scalars declared outside {@code body} that it assigns: a loop's carried state. */
  static Set<Var> carried(List<Stmt> body) {
    Set<Var> out = new LinkedHashSet<>(Stmts.writes(body));
    out.removeAll(Stmts.declared(body));
    out.removeIf(v -> v.type().isArray());
    return out;
  }
}
