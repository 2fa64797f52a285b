package dev.adjoint.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "What you write, what you get" shows the sine-fit loss and an excerpt of the class
 * generated for it, labelled verbatim. This keeps both true: the source shown is the golden input,
 * and the excerpt is the generated source (generated afresh), class members unindented. The excerpt
 * is split at blank lines: a block whose one line ends in {@code { ... }} or {@code {}} is an
 * elided declaration, whose text before the brace must be a declaration of the generated source
 * (line breaks and indentation aside); every other block must appear line for line, contiguously.
 * Blocks must appear in the generated source in the README's order.
 */
class ReadmeExcerptTest {
  private static final Path README = Path.of("../README.md");
  private static final Path INPUT = Path.of("src/test/resources/golden/input/SineFit.java.txt");
  private static final String SECTION = "## What you write, what you get";
  private static final String EXCERPT_INTRO = "generates `SineFitDerivatives` (excerpt, verbatim):";

  @Test
  void sourceShownIsTheGoldenInput() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String source = javaBlockAfter(readme, readme.indexOf(SECTION), SECTION);
    assertEquals(
        Files.readString(INPUT, StandardCharsets.UTF_8).strip(),
        source.strip(),
        "the README's sine-fit loss differs from golden/input/SineFit.java.txt");
  }

  @Test
  void excerptIsVerbatimGeneratedSource() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String excerpt = javaBlockAfter(readme, readme.indexOf(EXCERPT_INTRO), EXCERPT_INTRO);
    List<String> generated = new ArrayList<>();
    for (String line : GoldenSourcesTest.generate("SineFit").split("\n", -1)) {
      generated.add(line.startsWith("    ") ? line.substring(4) : line);
    }
    int cursor = 0;
    int verbatimLines = 0;
    int elided = 0;
    for (String block : excerpt.strip().split("\n\\s*\n")) {
      List<String> lines = block.lines().toList();
      String last = lines.get(lines.size() - 1).strip();
      if (lines.size() == 1 && (last.endsWith("{ ... }") || last.endsWith("{}"))) {
        String signature = normalise(last.substring(0, last.lastIndexOf('{')));
        cursor = findDeclaration(generated, cursor, signature) + 1;
        elided++;
      } else {
        cursor = findLines(generated, cursor, lines) + lines.size();
        verbatimLines += lines.size();
      }
    }
    assertTrue(
        verbatimLines >= 30,
        "the excerpt should show lossValueAndGradient in full, found " + verbatimLines + " lines");
    assertEquals(2, elided, "elided declarations in the excerpt (lossGradient, LossGradient)");
  }

  /** The contents of the first ```java block after {@code from}. */
  private static String javaBlockAfter(String readme, int from, String what) {
    assertTrue(from >= 0, "README.md no longer contains: " + what);
    int open = readme.indexOf("```java\n", from);
    int close = readme.indexOf("\n```", open + 1);
    assertTrue(open >= 0 && close > open, "no ```java block after: " + what);
    return readme.substring(open + "```java\n".length(), close + 1);
  }

  private static int findLines(List<String> generated, int from, List<String> lines) {
    for (int k = from; k + lines.size() <= generated.size(); k++) {
      if (generated.subList(k, k + lines.size()).equals(lines)) {
        return k;
      }
    }
    return fail(
        "these README lines are not, in this order, in the generated SineFitDerivatives "
            + "(after line "
            + from
            + "):\n"
            + String.join("\n", lines)
            + "\n--- generated:\n"
            + String.join("\n", generated));
  }

  private static int findDeclaration(List<String> generated, int from, String signature) {
    for (int k = from; k < generated.size(); k++) {
      StringBuilder joined = new StringBuilder();
      for (int j = k; j < generated.size() && joined.length() <= signature.length() + 2; j++) {
        joined.append(' ').append(generated.get(j));
      }
      if (normalise(joined.toString()).startsWith(signature + " {")) {
        return k;
      }
    }
    return fail(
        "the README's elided declaration is not in the generated SineFitDerivatives (after line "
            + from
            + "): "
            + signature);
  }

  private static String normalise(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
