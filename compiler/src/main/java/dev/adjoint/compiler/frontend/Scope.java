package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Java's block scoping while lowering: maps source names to IR variables. A name declared again in
 * a block that the IR flattens into its parent gets a fresh IR name.
 */
final class Scope {
  private final Deque<Map<String, Var>> frames = new ArrayDeque<>();

  /** The objects (records, helper objects) named in each frame, beside its variables. */
  private final Deque<Map<String, Struct>> objects = new ArrayDeque<>();

  private final Deque<Set<String>> irBlocks = new ArrayDeque<>();
  private final NameSupply names;
  private final Set<String> made = new HashSet<>();

  /** The IR names of every variable declared so far, anywhere in the method. */
  private final Set<String> variables = new HashSet<>();

  /** The IR names of the arrays declared so far, anywhere in the method. */
  private final Set<String> arrays = new HashSet<>();

  Scope(NameSupply names) {
    this.names = names;
    frames.push(new HashMap<>());
    objects.push(new HashMap<>());
    irBlocks.push(new HashSet<>());
  }

  /** The object a name denotes, unless a variable of an inner frame hides it. */
  Optional<Struct> lookupObject(String name) {
    java.util.Iterator<Map<String, Struct>> o = objects.iterator();
    for (Map<String, Var> frame : frames) {
      Map<String, Struct> named = o.next();
      if (frame.containsKey(name)) {
        return Optional.empty();
      }
      if (named.containsKey(name)) {
        return Optional.of(named.get(name));
      }
    }
    return Optional.empty();
  }

  /**
   * Names an object (a record or helper object local, an object parameter) in the innermost frame.
   */
  void bindObject(String name, Struct s) {
    objects.peek().put(name, s);
  }

  Optional<Var> lookup(String name) {
    for (Map<String, Var> frame : frames) {
      Var v = frame.get(name);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Declares a source variable in the innermost scope and returns its IR variable. */
  Var declare(String name, Type type) {
    String irName = name;
    // a name still visible in the IR (declared by a flattened block that Java had closed) is
    // renamed
    if (irBlocks.stream().anyMatch(b -> b.contains(name))
        || (type.isArray() && arrays.contains(name))) {
      // arrays get a name of their own in the whole method: BufferBanks tells the arrays that
      // exchange references apart by their variables
      irName = names.fresh(name);
    }
    if (type.isArray()) {
      arrays.add(irName);
    }
    irBlocks.peek().add(irName);
    variables.add(irName);
    // a name that is not the method's own (a constructor's parameter lowered in place) is taken
    // now: a fresh name for a later one must not be it
    names.reserve(irName);
    Var v = new Var(irName, type);
    frames.peek().put(name, v);
    return v;
  }

  /**
   * Makes {@code name} denote the existing variable {@code v} in the innermost scope: a final local
   * copy of a data parameter, or a lambda's parameter that is the stream's current element or
   * accumulator itself.
   */
  void bind(String name, Var v) {
    frames.peek().put(name, v);
  }

  /**
   * Whether some variable declared so far (a local, an inlined callee's) has IR name {@code name}.
   */
  boolean isVariable(String irName) {
    return variables.contains(irName);
  }

  /** Reserves {@code name}, which a variable of the function takes, so no fresh name is it. */
  void reserve(String name) {
    names.reserve(name);
  }

  /** A name no variable of the function has or will get: for a compiler-made local to declare. */
  String freshName(String base) {
    String name = names.fresh(base);
    made.add(name);
    variables.add(name);
    return name;
  }

  /** Whether {@code irName} was made by the compiler (never a name the user declared). */
  boolean isCompilerMade(String irName) {
    return made.contains(irName);
  }

  /**
   * Whether {@code irName} is the IR name of a variable declared in an enclosing IR block, or one
   * {@link #reserveForMethod reserved} for the whole method.
   */
  boolean isTaken(String irName) {
    return irBlocks.stream().anyMatch(b -> b.contains(irName));
  }

  /**
   * Reserves {@code irName} in the method's outermost IR block: a later declaration of that name (a
   * constructor's parameter or local, lowered in place) gets a name of its own. For the parameters
   * bound from fields, which are visible everywhere in the method.
   */
  void reserveForMethod(String irName) {
    irBlocks.peekLast().add(irName);
  }

  /** A fresh compiler-made variable (loop index of an enhanced for, return value). */
  Var fresh(String base, Type type) {
    Var v = names.fresh(base, type);
    made.add(v.name());
    variables.add(v.name());
    irBlocks.peek().add(v.name());
    return v;
  }

  /**
   * Enters a source block; {@code newIrBlock} says whether it is also a new IR block. A flattened
   * block shares its parent's set of IR names, so a redeclared name is renamed.
   */
  void push(boolean newIrBlock) {
    frames.push(new HashMap<>());
    objects.push(new HashMap<>());
    irBlocks.push(newIrBlock ? new HashSet<>() : irBlocks.peek());
  }

  void pop() {
    frames.pop();
    objects.pop();
    irBlocks.pop();
  }
}
