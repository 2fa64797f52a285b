package dev.adjoint.compiler.tmp;

import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.testing.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PrintTest {
  @Test
  void print() throws Exception {
    String src = Files.readString(Path.of(System.getProperty("src", "/tmp/Osc.java.txt")));
    System.out.println(Printer.function(Sources.gradient(src)));
  }
}
