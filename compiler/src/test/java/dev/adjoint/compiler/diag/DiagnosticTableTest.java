package dev.adjoint.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's table of diagnostic codes in sync with {@link DiagnosticCode}. Regenerate with
 * {@code mvn -pl compiler test -Dtest=DiagnosticTableTest -Dadjoint.regenerateGolden=true}.
 */
class DiagnosticTableTest {
  private static final Path README = Path.of("../README.md");
  private static final String BEGIN = "<!-- diagnostics:begin -->\n";
  private static final String END = "<!-- diagnostics:end -->";

  static String table() {
    StringBuilder out =
        new StringBuilder("| Code | Kind | Message | What to do |\n|---|---|---|---|\n");
    for (DiagnosticCode c : DiagnosticCode.values()) {
      String message = c.template().replace("''", "'").replaceAll("\\{\\d}", "…");
      out.append("| ")
          .append(c.name())
          .append(" | ")
          .append(c.severity().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(message.replace("|", "\\|"))
          .append(" | ")
          .append(c.hint().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }

  @Test
  void readmeTableMatchesTheEnum() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "README.md must contain the diagnostics markers");
    String actual = readme.substring(begin + BEGIN.length(), end);
    if (Boolean.getBoolean("adjoint.regenerateGolden")) {
      Files.writeString(
          README,
          readme.substring(0, begin + BEGIN.length()) + table() + readme.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        table(),
        actual,
        "README diagnostics table is out of date; regenerate it (see the class comment)");
  }

  @Test
  void codesAreGroupedAndFormatted() {
    for (DiagnosticCode c : DiagnosticCode.values()) {
      assertTrue(c.name().matches("AD[0-9]{3}"), c.name());
      assertTrue(c.format("x", "y").startsWith("[" + c.name() + "] "), c.name());
      assertTrue(!c.hint().isBlank(), c.name());
    }
  }
}
