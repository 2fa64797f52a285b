package dev.adjoint.compiler.incremental;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Reads and writes the {@link DependencyIndex} in the class output through the {@link Filer}, so it
 * lands wherever the build puts classes (Maven's {@code target/classes}, an IDE's output folder,
 * compile-testing's memory).
 */
public final class IndexFile {
  private IndexFile() {}

  /** The index a previous compilation left, or empty when there is none (a clean build). */
  public static Optional<DependencyIndex> read(Filer filer) throws IOException {
    FileObject file;
    try {
      file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", DependencyIndex.PATH);
    } catch (FileNotFoundException | NoSuchFileException | IllegalArgumentException e) {
      return Optional.empty(); // no class output location, or nothing there
    }
    try (InputStream in = file.openInputStream()) {
      return Optional.of(
          DependencyIndex.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (FileNotFoundException | NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Replaces the index. */
  public static void write(Filer filer, DependencyIndex index) throws IOException {
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", DependencyIndex.PATH);
    try (Writer out = file.openWriter()) {
      out.write(index.format());
    }
  }
}
