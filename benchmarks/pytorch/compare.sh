#!/bin/sh
# The sine-fit training step against PyTorch. See compare.py.
#
#   benchmarks/pytorch/compare.sh [compare.py options]
#
# Needs Debian's python3-torch (apt-get update && apt-get install -y python3-torch), used through
# Debian's own /usr/bin/python3; skips with a message (exit 0) when it is missing. Builds
# benchmarks/target/adjoint-benchmarks.jar first if it is not there (the other modules must be
# installed: mvn -q install -DskipTests at the repository root).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
if [ ! -x "$python" ] || ! "$python" -c 'import torch' 2>/dev/null; then
  echo "SKIPPED: PyTorch is not importable by $python."
  echo "  Install Debian's package: apt-get update && apt-get install -y python3-torch"
  exit 0
fi
if [ ! -f "$here/../target/adjoint-benchmarks.jar" ]; then
  (cd "$here/.." && mvn -q -DskipTests package)
fi
exec "$python" "$here/compare.py" "$@"
