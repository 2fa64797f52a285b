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
  final Map<String, Lowered> callees;
  final Deque<String> active;

  Program(CalleeResolver resolver) {
    this(resolver, new HashMap<>(), new ArrayDeque<>());
  }

  private Program(CalleeResolver resolver, Map<String, Lowered> callees, Deque<String> active) {
    this.resolver = resolver;
    this.callees = callees;
    this.active = active;
  }

  /** The same program seen from a callee's class: its unqualified names resolve from there. */
  Program within(CalleeResolver scope) {
    return scope == null ? this : new Program(scope, callees, active);
  }

  /** A lowered callee's function, or null. */
  Function function(String key) {
    Lowered l = callees.get(key);
    return l == null ? null : l.function();
  }
}
