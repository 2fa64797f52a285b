#!/usr/bin/env bash
# Maven's stale-source mode (useIncrementalCompilation=false recompiles only the sources newer than
# their classes) must never keep a derivative of changed code: a tiny project whose Model.loss
# inlines Helper.f is built, Helper.f is changed, and the rebuild must fail with AD004 naming
# Model.java; touching Model.java too must then give the new gradient.
#
# Self-contained and offline-capable: installs annotation + compiler into the local repository
# first. Extra Maven arguments (e.g. -o -Dmaven.repo.local=...) come from $ADJOINT_MVN_ARGS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mvn_args=(-B -ntp -q ${ADJOINT_MVN_ARGS:-})
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/annotation/pom.xml" | head -1)"

mvn "${mvn_args[@]}" -f "$root/pom.xml" -pl annotation,compiler -am install -DskipTests

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/main/java/stale"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>check</groupId>
  <artifactId>stale-sources</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>dev.adjoint</groupId>
      <artifactId>adjoint-annotation</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
        <configuration>
          <release>17</release>
          <useIncrementalCompilation>false</useIncrementalCompilation>
          <annotationProcessorPaths>
            <path>
              <groupId>dev.adjoint</groupId>
              <artifactId>adjoint-compiler</artifactId>
              <version>$version</version>
            </path>
          </annotationProcessorPaths>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
cat > "$work/src/main/java/stale/Model.java" <<'JAVA'
package stale;

import dev.adjoint.Differentiable;

public final class Model {
  @Differentiable
  static double loss(double x) {
    return Helper.f(x);
  }

  public static void main(String[] args) {
    double[] g = new double[1];
    ModelDerivatives.lossValueAndGradient(3.0, g);
    System.out.println(g[0]);
  }
}
JAVA
helper() {
  cat > "$work/src/main/java/stale/Helper.java" <<JAVA
package stale;

final class Helper {
  static double f(double x) {
    return $1;
  }
}
JAVA
}
build() {
  (cd "$work" && mvn "${mvn_args[@]}" compiler:compile) > "$work/build.log" 2>&1
}
gradient() {
  java -cp "$work/target/classes" stale.Model
}
fail() {
  echo "stale-sources: $*" >&2
  cat "$work/build.log" >&2 || true
  exit 1
}

helper "x * x"
build || fail "first build failed"
[ "$(gradient)" = "6.0" ] || fail "gradient of x*x at 3 should be 6.0, was $(gradient)"

sleep 1 # a newer modification time than Helper.class, at any file system's resolution
helper "x * x * x"
if build; then
  fail "rebuild after changing Helper.f alone succeeded; the gradient is now $(gradient) (stale: 6.0)"
fi
grep -q "\[AD004\]" "$work/build.log" || fail "rebuild failed without AD004"
grep -q "recompile stale/Model.java" "$work/build.log" || fail "AD004 does not name stale/Model.java"

touch "$work/src/main/java/stale/Model.java"
build || fail "build with Model.java recompiled too failed"
[ "$(gradient)" = "27.0" ] || fail "gradient of x*x*x at 3 should be 27.0, was $(gradient)"
echo "stale-sources: ok (AD004 on a stale rebuild, new gradient after recompiling Model.java)"
