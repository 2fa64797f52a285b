package dev.adjoint.compiler.ir;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An IR function: what the frontend lowers a method to, and what each pass maps to another. Its
 * {@link Signature} says which parameters are the user's and which a differentiation pass added;
 * passes that only rewrite the body keep it ({@link #withBody}).
 */
public record Function(String name, Signature signature, Type returnType, List<Stmt> body) {
  public Function {
    body = List.copyOf(body);
  }

  /** A function whose parameters are all the user's (no added roles). */
  public Function(String name, List<Var> params, Type returnType, List<Stmt> body) {
    this(name, Signature.of(params), returnType, body);
  }

  /** Every parameter in order: the user's, then those the passes added. */
  public List<Var> params() {
    return signature.params();
  }

  /** Every variable of the function: its parameters and every local its body declares. */
  public Set<Var> variables() {
    Set<Var> out = new HashSet<>(params());
    out.addAll(Stmts.declared(body));
    return out;
  }

  public Function withBody(List<Stmt> newBody) {
    return new Function(name, signature, returnType, newBody);
  }
}
