package dev.adjoint.compiler.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Expected diagnostics written in the test source itself, next to the code they are about, in the
 * spirit of Error Prone's {@code // BUG: Diagnostic contains:} but with exact spans. A marker is a
 * comment line under the offending code:
 *
 * <pre>
 *     return x * Math.random();
 * //             ^^^^^^^^^^^^^ AD309 'Math.random' | not a function of the method's inputs
 * </pre>
 *
 * <p>The carets stand under the exact columns of the reported span of the nearest line above that
 * is not itself a marker (so several markers may be stacked under one line). Then comes the code
 * ({@code ADnnn}, whose severity gives the kind; or {@code error}, {@code warning}, {@code note}
 * for an uncoded diagnostic), then optional fragments separated by {@code |}, each of which the
 * message must contain. A span over several lines opens with carets from its start to the end of
 * its first line, followed by {@code ...}; a later marker whose code is {@code ...} closes it, its
 * carets ending at the span's last column (it may repeat the code after the dots):
 *
 * <pre>
 *   try {
 * //^^^^^... AD101 'try'
 *     s = Math.log(x);
 *   } finally {
 *     s += 1;
 *   }
 * //^ ...
 * </pre>
 *
 * <p>A marker whose carets are preceded by {@code @} ({@code @^}) pins javac's preferred position
 * instead of a span: a single caret at the position, for diagnostics at a declaration, whose span
 * is the whole declaration but whose caret is at its name.
 *
 * <p>{@link #compile} compiles the sources with the processor and asserts that the errors and
 * warnings reported (and any coded note) are exactly the markers: a missing or an extra one fails,
 * listing everything reported, as markers. Every coded diagnostic must also start with its code,
 * carry its code's hint on a line of its own and have no unfilled placeholder.
 */
final class ExpectedDiagnostics {
  private ExpectedDiagnostics() {}

  private static final Pattern MARKER =
      Pattern.compile("^(\\s*//\\s*)(@?)()(\\^+)(\\.\\.\\.)?\\s+(\\S+)(?:\\s+(.*))?$");

  /** One expected diagnostic: [start, end) in the source, or a caret position when pinned. */
  record Expected(
      Source source,
      Diagnostic.Kind kind,
      String code,
      int start,
      int end,
      boolean position,
      List<String> fragments,
      int markerLine) {
    String describe() {
      return source.file().getName()
          + ":"
          + markerLine
          + " "
          + kind
          + " "
          + code
          + (position
              ? " at " + at(source, start)
              : " " + at(source, start) + "-" + at(source, end))
          + (fragments.isEmpty() ? "" : " " + String.join(" | ", fragments));
    }
  }

  /**
   * Compiles {@code sources} with the processor and asserts that what it reports is exactly what
   * their markers say; returns the compilation for checks beyond diagnostics.
   */
  static Compilation compile(Source... sources) {
    Compilation c = ProcessorHarness.compile(sources);
    check(c, sources);
    return c;
  }

  /** The markers of {@code source}, in source order. */
  static List<Expected> markers(Source source) {
    List<Expected> out = new ArrayList<>();
    String[] lines = source.text().split("\n", -1);
    int[] lineStart = new int[lines.length];
    for (int i = 1; i < lines.length; i++) {
      lineStart[i] = lineStart[i - 1] + lines[i - 1].length() + 1;
    }
    Deque<Expected> open = new ArrayDeque<>();
    int target = -1;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARKER.matcher(lines[i]);
      if (!m.matches()) {
        target = i;
        continue;
      }
      if (target < 0) {
        throw new IllegalArgumentException("marker on line " + (i + 1) + " has no line above");
      }
      int first = m.start(4);
      int last = m.end(4);
      boolean position = !m.group(2).isEmpty();
      boolean closes = m.group(6).equals("...");
      boolean opens = m.group(5) != null;
      String code = m.group(6);
      if (closes) {
        if (open.isEmpty()) {
          throw new IllegalArgumentException("line " + (i + 1) + " closes no open span");
        }
        Expected begun = open.pop();
        if (m.group(7) != null && !m.group(7).strip().equals(begun.code())) {
          throw new IllegalArgumentException(
              "line " + (i + 1) + " closes " + code + " but " + begun.code() + " is open");
        }
        out.add(
            new Expected(
                source,
                begun.kind(),
                begun.code(),
                begun.start(),
                lineStart[target] + last,
                false,
                begun.fragments(),
                begun.markerLine()));
        continue;
      }
      if (position && last - first != 1) {
        throw new IllegalArgumentException("a position marker is one caret, line " + (i + 1));
      }
      List<String> fragments =
          m.group(7) == null
              ? List.of()
              : Arrays.stream(m.group(7).split("\\|")).map(String::strip).toList();
      Expected e =
          new Expected(
              source,
              kindOf(code),
              code,
              lineStart[target] + first,
              lineStart[target] + last,
              position,
              fragments,
              i + 1);
      if (opens) {
        open.push(e);
      } else {
        out.add(e);
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException("span never closed: " + open.peek().describe());
    }
    return out;
  }

  /** Asserts that the diagnostics of {@code c} are exactly the markers of {@code sources}. */
  static void check(Compilation c, Source... sources) {
    ProcessorHarness.assertNoCrash(c);
    List<Expected> missing = new ArrayList<>();
    for (Source s : sources) {
      missing.addAll(markers(s));
    }
    boolean errorsExpected = missing.stream().anyMatch(e -> e.kind() == Diagnostic.Kind.ERROR);
    List<Diagnostic<? extends JavaFileObject>> unexpected = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      if (!counted(d)) {
        continue;
      }
      Expected match = null;
      for (Expected e : missing) {
        if (matches(e, d)) {
          match = e;
          break;
        }
      }
      if (match == null) {
        unexpected.add(d);
      } else {
        missing.remove(match);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      StringBuilder why = new StringBuilder();
      for (Expected e : missing) {
        why.append("missing    ").append(e.describe()).append('\n');
      }
      for (Diagnostic<? extends JavaFileObject> d : unexpected) {
        why.append("unexpected ").append(asMarker(d, sources)).append('\n');
      }
      why.append("\nreported, as markers:\n");
      for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
        if (counted(d)) {
          why.append(asMarker(d, sources)).append('\n');
        }
      }
      fail(why.toString());
    }
    assertEquals(
        errorsExpected ? Compilation.Status.FAILURE : Compilation.Status.SUCCESS,
        c.status(),
        ProcessorHarness.describe(c));
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String code = code(d);
      if (code != null) {
        assertWellFormed(ProcessorHarness.message(d), code);
      }
    }
  }

  /** Errors and warnings always count; notes only when coded (each failed method has a summary). */
  private static boolean counted(Diagnostic<? extends JavaFileObject> d) {
    return d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER
        || code(d) != null;
  }

  private static boolean matches(Expected e, Diagnostic<? extends JavaFileObject> d) {
    String message = ProcessorHarness.message(d);
    if (d.getKind() != e.kind()
        || !e.code().equals(code(d) == null ? kindWord(d.getKind()) : code(d))
        || d.getSource() == null
        || !d.getSource().toUri().equals(e.source().file().toUri())
        || !e.fragments().stream().allMatch(message::contains)) {
      return false;
    }
    if (e.position()) {
      return d.getPosition() == e.start() && d.getLineNumber() == lineOf(e.source(), e.start());
    }
    return d.getStartPosition() == e.start()
        && d.getEndPosition() == e.end()
        && d.getLineNumber() == lineOf(e.source(), e.start());
  }

  /**
   * The message starts with its code, carries the code's hint on a line of its own (javac indents
   * continuation lines; the hint is compared up to its first placeholder) and has no unfilled
   * placeholder.
   */
  static void assertWellFormed(String message, String code) {
    assertTrue(message.startsWith("[" + code + "] "), message);
    String hint = DiagnosticCode.valueOf(code).hint().replaceAll("\\{\\d\\}.*", "");
    assertTrue(
        message.matches("(?s).*\\n\\s*hint: " + Pattern.quote(hint) + ".*"),
        "message has no hint: " + message);
    assertFalse(
        message.matches("(?s).*\\{\\d\\}.*"), "unfilled placeholder in message: " + message);
  }

  private static Diagnostic.Kind kindOf(String code) {
    return switch (code) {
      case "error" -> Diagnostic.Kind.ERROR;
      case "warning" -> Diagnostic.Kind.WARNING;
      case "note" -> Diagnostic.Kind.NOTE;
      default ->
          switch (DiagnosticCode.valueOf(code).severity()) {
            case ERROR -> Diagnostic.Kind.ERROR;
            case WARNING -> Diagnostic.Kind.WARNING;
            case NOTE -> Diagnostic.Kind.NOTE;
          };
    };
  }

  private static String kindWord(Diagnostic.Kind kind) {
    return switch (kind) {
      case ERROR -> "error";
      case WARNING, MANDATORY_WARNING -> "warning";
      default -> "note";
    };
  }

  /** {@code ADnnn} when the message starts with {@code [ADnnn]}, else null. */
  private static String code(Diagnostic<? extends JavaFileObject> d) {
    String m = ProcessorHarness.message(d);
    return m.matches("(?s)\\[AD\\d{3}\\].*") ? m.substring(1, 6) : null;
  }

  /** A reported diagnostic written as the marker that would expect it, with its line. */
  private static String asMarker(Diagnostic<? extends JavaFileObject> d, Source... sources) {
    String head = ProcessorHarness.message(d).lines().findFirst().orElse("");
    String code = code(d) == null ? kindWord(d.getKind()) : code(d);
    Source source = null;
    for (Source s : sources) {
      if (d.getSource() != null && d.getSource().toUri().equals(s.file().toUri())) {
        source = s;
      }
    }
    if (source == null || d.getStartPosition() < 0) {
      return d.getKind() + " outside the sources: " + head;
    }
    int start = (int) d.getStartPosition();
    int end = (int) d.getEndPosition();
    String text = source.text();
    int lineStart = text.lastIndexOf('\n', start - 1) + 1;
    int lineEnd = text.indexOf('\n', start);
    lineEnd = lineEnd < 0 ? text.length() : lineEnd;
    String line = text.substring(lineStart, lineEnd);
    String pad = " ".repeat(Math.max(0, start - lineStart - 2));
    String carets =
        end <= lineEnd
            ? "^".repeat(Math.max(1, end - start))
            : "^".repeat(lineEnd - start) + "... (to " + at(source, end) + ")";
    return source.file().getName()
        + ":"
        + lineOf(source, start)
        + " (caret at "
        + at(source, (int) d.getPosition())
        + ")\n"
        + line
        + "\n//"
        + pad
        + carets
        + " "
        + code
        + " "
        + head.replaceFirst("^\\[AD\\d{3}\\] ", "");
  }

  private static String at(Source s, int offset) {
    int lineStart = s.text().lastIndexOf('\n', offset - 1) + 1;
    return lineOf(s, offset) + ":" + (offset - lineStart + 1);
  }

  private static long lineOf(Source s, int offset) {
    return s.lineOf(offset);
  }
}
