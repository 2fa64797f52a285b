package dev.adjoint.compiler.ir;

import java.util.HashMap;
import java.util.Map;

/**
 * One block's variables in the {@link Interpreter}; the map is created on the first declaration.
 */
final class InterpreterScope {
  /** A variable's current value. */
  static final class Slot {
    final Var var;
    Object value;

    Slot(Var var, Object value) {
      this.var = var;
      this.value = value;
    }
  }

  private final InterpreterScope parent;

  /** The functions of the program an {@link Expr.Apply} may call, by name. */
  final Map<String, Function> library;

  private HashMap<String, Slot> vars;

  InterpreterScope(InterpreterScope parent) {
    this.parent = parent;
    this.library = parent == null ? Map.of() : parent.library;
  }

  /** The outermost scope of a call, in a program of {@code library}'s functions. */
  InterpreterScope(Map<String, Function> library) {
    this.parent = null;
    this.library = library;
  }

  void declare(Var v, Object value) {
    if (vars == null) {
      vars = new HashMap<>(8);
    }
    vars.put(v.name(), new Slot(v, value));
  }

  Slot lookup(Var v) {
    for (InterpreterScope s = this; s != null; s = s.parent) {
      if (s.vars != null) {
        Slot slot = s.vars.get(v.name());
        if (slot != null) {
          if (slot.var.type() != v.type()) {
            throw new IllegalStateException(
                "variable '"
                    + v.name()
                    + "' is declared as "
                    + slot.var.type().javaName()
                    + " but used as "
                    + v.type().javaName());
          }
          return slot;
        }
      }
    }
    throw new IllegalStateException("unknown variable '" + v.name() + "'");
  }
}
