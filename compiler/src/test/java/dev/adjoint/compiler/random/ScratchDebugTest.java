package dev.adjoint.compiler.random;

import org.junit.jupiter.api.Test;

class ScratchDebugTest {
  @Test
  void show() {
    ProgramGenerator g = new ProgramGenerator(ProgramGenerator.Options.defaults());
    int n = 0;
    for (long s = 1; s <= 300; s++) {
      var p = g.generate(s, "f");
      if (!p.onlySupported()) {
        n++;
        if (n < 3) System.out.println(p.constructs() + "\n" + p.source());
      }
    }
    System.out.println("unsupported programs: " + n);
  }
}
