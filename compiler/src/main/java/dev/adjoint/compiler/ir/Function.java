package dev.adjoint.compiler.ir;

import java.util.List;

/** An IR function: what the frontend lowers a method to, and what each pass maps to another. */
public record Function(String name, List<Var> params, Type returnType, List<Stmt> body) {
  public Function {
    params = List.copyOf(params);
    body = List.copyOf(body);
  }

  public Function withBody(List<Stmt> newBody) {
    return new Function(name, params, returnType, newBody);
  }
}
