package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Function;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State shared by the lowering of one annotated method and all the methods it calls: how to find
 * callees, the callees already lowered, the chain of calls being lowered (to catch recursion), and
 * the recursive callees, which stay functions of their own (by key, with their name in the
 * program).
 */
final class Program {
  final CalleeResolver resolver;
  final Map<String, Lowered> callees;
  final Deque<String> active;

  /** The code kept verbatim in the method and its callees, in the order lowered. */
  final List<VerbatimSite> verbatim;

  /** The number of verbatim pieces so far: the next one's id. */
  private final int[] verbatimCount;

  /** A fresh id for a piece of code kept verbatim, unique in the program. */
  int nextVerbatim() {
    return verbatimCount[0]++;
  }

  /** Keys of the recursive callees, in the order found, with their names in the program. */
  private final Map<String, String> recursive;

  Program(CalleeResolver resolver) {
    this(
        resolver,
        new HashMap<>(),
        new ArrayDeque<>(),
        new LinkedHashMap<>(),
        new ArrayList<>(),
        new int[1]);
  }

  private Program(
      CalleeResolver resolver,
      Map<String, Lowered> callees,
      Deque<String> active,
      Map<String, String> recursive,
      List<VerbatimSite> verbatim,
      int[] verbatimCount) {
    this.resolver = resolver;
    this.callees = callees;
    this.active = active;
    this.recursive = recursive;
    this.verbatim = verbatim;
    this.verbatimCount = verbatimCount;
  }

  /** The same program seen from a callee's class: its unqualified names resolve from there. */
  Program within(CalleeResolver scope) {
    return scope == null
        ? this
        : new Program(scope, callees, active, recursive, verbatim, verbatimCount);
  }

  /**
   * A call of {@code key}, which is being lowered: every method on the chain of calls from it to
   * the caller is in its cycle.
   */
  void recursionInto(String key) {
    for (String k : active) { // innermost first
      recursive.putIfAbsent(k, null);
      if (k.equals(key)) {
        return;
      }
    }
  }

  boolean isRecursive(String key) {
    return recursive.containsKey(key);
  }

  /** The name of recursive method {@code key} in the program: its own, made distinct. */
  String name(String key, String methodName) {
    String given = recursive.get(key);
    if (given != null) {
      return given;
    }
    String name = methodName;
    for (int k = 2; recursive.containsValue(name); k++) {
      name = methodName + k;
    }
    recursive.put(key, name);
    return name;
  }

  /** The recursive callees lowered without errors, as functions named as the program calls them. */
  List<Function> helpers() {
    List<Function> out = new ArrayList<>();
    for (String key : List.copyOf(recursive.keySet())) {
      Lowered l = callees.get(key);
      if (l != null && l.function() != null && !l.diagnostics().hasErrors()) {
        Function f = l.function();
        out.add(new Function(name(key, f.name()), f.signature(), f.returnType(), f.body()));
      }
    }
    return out;
  }

  /** A lowered callee's function, or null. */
  Function function(String key) {
    Lowered l = callees.get(key);
    return l == null ? null : l.function();
  }
}
