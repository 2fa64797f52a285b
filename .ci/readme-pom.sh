#!/usr/bin/env bash
# Builds a user's project with the pom.xml shown in README.md (the ```xml block after the
# "readme-pom" marker, extracted, not copied) against the Adjoint artifacts in the local Maven
# repository (run `mvn install` first), then runs a generated gradient and checks it against one
# computed by hand. Uses the mvn and JDK of the environment (JAVA_HOME, MAVEN_OPTS are honoured,
# e.g. MAVEN_OPTS=-Dmaven.repo.local=DIR for another local repository). Exits non-zero on failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/adjoint-readme-pom.XXXXXX")"
trap 'rm -rf "$work"' EXIT

awk '
  /<!-- readme-pom/ { marked = 1; next }
  marked && !inside && /^```xml[[:space:]]*$/ { inside = 1; next }
  inside && /^```[[:space:]]*$/ { exit }
  inside { print }
' "$root/README.md" > "$work/pom.xml"
if [ "$(grep -cE '<project([[:space:]]|>|$)' "$work/pom.xml")" != 1 ] || ! grep -q '</project>' "$work/pom.xml"; then
  echo "readme-pom: README.md has no marked \`\`\`xml block holding exactly one <project>" >&2
  exit 1
fi

mkdir -p "$work/src/main/java/com/example"
cat > "$work/src/main/java/com/example/Fit.java" <<'JAVA'
package com.example;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** Least-squares fit of a line: the gradient the processor generates against one worked out by hand. */
public final class Fit {
  private Fit() {}

  @Differentiable
  static double loss(double a, double b, @NoDerivative double[] x, @NoDerivative double[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double r = a * x[i] + b - y[i];
      sum += r * r;
    }
    return sum;
  }

  public static void main(String[] args) {
    double[] x = {0, 1, 2, 3};
    double[] y = {1, 3, 2, 5};
    double[] g = new double[2];
    double value = FitDerivatives.lossValueAndGradient(0.5, -1, x, y, g);
    // Residuals r = 0.5 x - 1 - y = (-2, -3.5, -2, -4.5): loss = sum r^2 = 40.5,
    // dloss/da = 2 sum r x = -42, dloss/db = 2 sum r = -24.
    double[] expected = {40.5, -42, -24};
    double[] actual = {value, g[0], g[1]};
    for (int k = 0; k < 3; k++) {
      if (Math.abs(actual[k] - expected[k]) > 1e-12) {
        System.out.println("readme-pom: FAILED: value and gradient " + java.util.Arrays.toString(actual)
            + ", expected " + java.util.Arrays.toString(expected));
        System.exit(1);
      }
    }
    System.out.println("readme-pom: OK: loss " + value + ", gradient " + java.util.Arrays.toString(g)
        + " (java " + System.getProperty("java.version") + ")");
  }
}
JAVA

(cd "$work" && mvn -B -ntp -q package)
test -f "$work/target/generated-sources/annotations/com/example/FitDerivatives.java"
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$work/target/classes" com.example.Fit
