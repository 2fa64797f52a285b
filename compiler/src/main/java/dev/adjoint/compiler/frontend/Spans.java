package dev.adjoint.compiler.frontend;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import dev.adjoint.compiler.diag.Span;
import java.util.ArrayList;
import java.util.List;

/** Converts JavaParser line/column positions into character offsets within the method text. */
final class Spans {
  private final List<Integer> lineStarts = new ArrayList<>();

  Spans(String text) {
    lineStarts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        lineStarts.add(i + 1);
      }
    }
  }

  Span of(Node node) {
    return node.getRange()
        .map(r -> new Span(offset(r.begin), offset(r.end) + 1))
        .orElse(Span.METHOD);
  }

  private int offset(Position p) {
    int line = Math.min(Math.max(p.line, 1), lineStarts.size());
    return lineStarts.get(line - 1) + p.column - 1;
  }
}
