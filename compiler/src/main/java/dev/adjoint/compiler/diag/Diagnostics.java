package dev.adjoint.compiler.diag;

import java.util.ArrayList;
import java.util.List;

/** The diagnostics collected for one method; generation happens only when it has no errors. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void report(DiagnosticCode code, Span span, Object... args) {
    add(Diagnostic.of(code, span, args));
  }

  /** Adds a diagnostic unless the same one is already there (code the frontend lowers twice). */
  public void add(Diagnostic d) {
    if (!items.contains(d)) {
      items.add(d);
    }
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public List<Diagnostic> all() {
    return List.copyOf(items);
  }

  /**
   * The note that follows a rejected method's errors, at the method: why it gets no derivatives.
   */
  public String rejection(CharSequence method) {
    long errors = items.stream().filter(Diagnostic::isError).count();
    return "method '"
        + method
        + "' is not differentiable: "
        + errors
        + " error(s) above; no derivatives were generated for it";
  }
}
