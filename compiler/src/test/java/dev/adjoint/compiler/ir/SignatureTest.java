package dev.adjoint.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.ir.Signature.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureTest {
  private static final Var A = new Var("a", Type.DOUBLE);
  private static final Var X = new Var("x", Type.DOUBLE_ARRAY);
  private static final Var G = new Var("gradient", Type.DOUBLE_ARRAY);
  private static final Var V = new Var("v", Type.DOUBLE_ARRAY);

  @Test
  void addedParametersComeLastAndAreFoundByRole() {
    Signature s = Signature.of(List.of(A, X)).with(Role.GRADIENT, G).with(Role.DIRECTION, V);
    assertEquals(List.of(A, X, G, V), s.params());
    assertEquals(List.of(A, X), s.user());
    assertEquals(G, s.get(Role.GRADIENT));
    assertEquals(V, s.get(Role.DIRECTION));
    assertFalse(s.has(Role.HESSIAN));
    assertThrows(IllegalStateException.class, () -> s.get(Role.HESSIAN));
  }

  @Test
  void aRoleIsOneParameterOfTheSignature() {
    Signature s = Signature.of(List.of(A)).with(Role.GRADIENT, G);
    assertThrows(IllegalArgumentException.class, () -> s.with(Role.GRADIENT, V));
    assertThrows(
        IllegalArgumentException.class, () -> new Signature(List.of(A), Map.of(Role.GRADIENT, G)));
  }

  @Test
  void rewritingTheBodyKeepsTheRoles() {
    Function f =
        new Function(
            "fValueAndGradient",
            Signature.of(List.of(A)).with(Role.GRADIENT, G),
            Type.DOUBLE,
            List.of(new Stmt.Return(Exprs.ref(A))));
    assertTrue(f.withBody(List.of(new Stmt.Return(Exprs.num(0)))).signature().has(Role.GRADIENT));
  }
}
