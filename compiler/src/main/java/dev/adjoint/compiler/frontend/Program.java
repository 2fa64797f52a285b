package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Function;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * State shared by the lowering of one annotated method and all the methods it calls: how to find
 * callees, the callees already lowered, and the chain of calls being lowered (to catch recursion).
 */
final class Program {
  final CalleeResolver resolver;
  final Map<String, Lowered> callees = new HashMap<>();
  final Deque<String> active = new ArrayDeque<>();

  Program(CalleeResolver resolver) {
    this.resolver = resolver;
  }

  /** A lowered callee's function, or null. */
  Function function(String key) {
    Lowered l = callees.get(key);
    return l == null ? null : l.function();
  }
}
