#!/usr/bin/python3
"""Training step against PyTorch, the seed's own system.

Runs the seed's program -- PyTorch autograd fitting y = a x^3 + b x^2 + c x + d to sin x on
2000 points of [-pi, pi], 2000 steps of plain gradient descent with lr 1e-6, on the CPU with one
thread -- in float64 and float32, and the Java training loop with the gradient Adjoint generates
(dev.adjoint.benchmarks.TrainingLoop) on the very same data and from the same initial values.
Prints microseconds per step for both and their ratio, and checks that PyTorch float64 and Java
end on the same coefficients (to 1e-9 relative, component by component).

PyTorch comes from Debian's python3-torch package, for Debian's own Python:
    apt-get update && apt-get install -y python3-torch
    /usr/bin/python3 benchmarks/pytorch/compare.py
(the python3 first on PATH may be another interpreter without torch). If torch cannot be
imported, the script says so and exits 0 without comparing.

Options: --jar PATH (default: benchmarks/target/adjoint-benchmarks.jar), --java PATH (default:
$JAVA_HOME/bin/java, else java), --repeats N (timed training runs per side, default 10),
--init zeros|randn|A,B,C,D (default randn: torch.randn with torch.manual_seed(--seed), as the
seed draws them; the same four float64 values go to every run), --seed N (default 0).
"""

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_JAR = os.path.join(HERE, "..", "target", "adjoint-benchmarks.jar")
POINTS = 2000
STEPS = 2000
LR = 1e-6
TOLERANCE = 1e-9


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--jar", default=os.path.normpath(DEFAULT_JAR))
    p.add_argument("--java", default=None)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--init", default="randn")
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


def seed_data(torch, dtype):
    """The seed's data, exactly as its program builds it."""
    x = torch.linspace(-math.pi, math.pi, POINTS, dtype=dtype)
    y = torch.sin(x)
    return x, y


def train(torch, x, y, init, dtype):
    """The seed's training loop (the PyTorch tutorial's autograd version, article's naming)."""
    a = torch.tensor(init[0], dtype=dtype, requires_grad=True)
    b = torch.tensor(init[1], dtype=dtype, requires_grad=True)
    c = torch.tensor(init[2], dtype=dtype, requires_grad=True)
    d = torch.tensor(init[3], dtype=dtype, requires_grad=True)
    logged = []
    for t in range(STEPS):
        y_pred = a * x ** 3 + b * x ** 2 + c * x + d
        loss = (y_pred - y).pow(2).sum()
        if t % 100 == 99:
            logged.append(loss.item())
        loss.backward()
        with torch.no_grad():
            a -= LR * a.grad
            b -= LR * b.grad
            c -= LR * c.grad
            d -= LR * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
    return [a.item(), b.item(), c.item(), d.item()]


def loss_at(torch, x, y, coefficients):
    """The loss at the given coefficients (after the last update, as the Java side reports it)."""
    a, b, c, d = coefficients
    with torch.no_grad():
        return ((a * x ** 3 + b * x ** 2 + c * x + d - y) ** 2).sum().item()


def time_torch(torch, dtype, init, repeats):
    x, y = seed_data(torch, dtype)
    train(torch, x, y, init, dtype)  # warm-up run
    per_step = []
    cpu_per_step = []
    coefficients = None
    for _ in range(repeats):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        coefficients = train(torch, x, y, init, dtype)
        per_step.append((time.perf_counter() - t0) * 1e6 / STEPS)
        cpu_per_step.append((time.thread_time() - c0) * 1e6 / STEPS)
    loss = loss_at(torch, x, y, coefficients)
    return (statistics.median(per_step), min(per_step), max(per_step),
            statistics.median(cpu_per_step), coefficients, loss)


def run_java(java, jar, data_file, init, repeats):
    cmd = [java, "-cp", jar, "dev.adjoint.benchmarks.TrainingLoop", "--data", data_file,
           "--init", ",".join(repr(v) for v in init), "--steps", str(STEPS), "--lr", repr(LR),
           "--warmup", str(max(30, repeats)), "--repeats", str(max(30, 3 * repeats))]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        result[key] = value
    return (float(result["us_per_step"]), float(result["us_per_step_min"]),
            float(result["us_per_step_max"]), float(result["cpu_us_per_step"]),
            [float(v) for v in result["coefficients"].split()], float(result["loss"]))


def relative_differences(p, q):
    return [abs(u - v) / max(abs(u), abs(v)) if u != v else 0.0 for u, v in zip(p, q)]


def main():
    args = parse_args()
    try:
        import torch
    except ImportError:
        print("SKIPPED: PyTorch is not importable by %s." % sys.executable)
        print("  Install Debian's package and run this script with Debian's Python:")
        print("    apt-get update && apt-get install -y python3-torch")
        print("    /usr/bin/python3 %s" % os.path.relpath(__file__))
        return 0
    java = args.java or (os.path.join(os.environ["JAVA_HOME"], "bin", "java")
                         if os.environ.get("JAVA_HOME") else shutil.which("java"))
    if not os.path.isfile(args.jar):
        print("FAILED: %s not found; build it with: cd benchmarks && mvn -q -DskipTests package"
              % args.jar)
        return 2

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    if args.init == "zeros":
        init = [0.0, 0.0, 0.0, 0.0]
    elif args.init == "randn":
        torch.manual_seed(args.seed)
        init = [torch.randn((), dtype=torch.float64).item() for _ in range(4)]
    else:
        init = [float(v) for v in args.init.split(",")]

    java_version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    print("Sine fit training step: %d points, %d steps, lr %g, CPU, 1 thread" % (POINTS, STEPS, LR))
    print("PyTorch %s (%s), Python %s; Java: %s" % (
        torch.__version__, sys.executable, sys.version.split()[0],
        java_version.splitlines()[0] if java_version else java))
    print("Initial a, b, c, d = %s (%s)" % (", ".join(repr(v) for v in init), args.init))
    print()

    x64, y64 = seed_data(torch, torch.float64)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        for xi, yi in zip(x64.tolist(), y64.tolist()):
            f.write("%r %r\n" % (xi, yi))
        data_file = f.name
    try:
        j_med, j_min, j_max, j_cpu, j_coef, j_loss = run_java(java, args.jar, data_file, init,
                                                               args.repeats)
    finally:
        os.unlink(data_file)

    rows = []
    torch_results = {}
    for name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        med, lo, hi, cpu, coef, loss = time_torch(torch, dtype, init, args.repeats)
        torch_results[name] = (coef, loss)
        rows.append(("PyTorch autograd " + name, med, lo, hi, cpu))
    rows.append(("Java, generated gradient (float64)", j_med, j_min, j_max, j_cpu))

    print("Wall-clock µs per step (median, min .. max over the timed runs) and thread CPU µs per")
    print("step (median; unaffected by time spent descheduled when other work loads the machine):")
    print("| %-36s | %13s | %18s | %8s | %13s |" % (
        "training loop", "µs/step (med)", "min .. max", "÷ Java", "CPU µs/step"))
    print("|%s|%s|%s|%s|%s|" % ("-" * 38, "-" * 14 + ":", "-" * 19 + ":", "-" * 9 + ":",
                                "-" * 14 + ":"))
    for name, med, lo, hi, cpu in rows:
        print("| %-36s | %14.2f | %8.2f .. %7.2f | %7.1f× | %13.2f |"
              % (name, med, lo, hi, med / j_med, cpu))
    print()
    for name, med, lo, hi, cpu in rows[:-1]:
        print("Ratio %s / Java: %.1f× wall-clock, %.1f× CPU" % (name, med / j_med, cpu / j_cpu))
    print()

    t64, loss64 = torch_results["float64"]
    t32, loss32 = torch_results["float32"]
    print("Final coefficients a, b, c, d (loss):")
    print("  PyTorch float64: %s (%.9g)" % (", ".join("%.17g" % v for v in t64), loss64))
    print("  Java float64:    %s (%.9g)" % (", ".join("%.17g" % v for v in j_coef), j_loss))
    print("  PyTorch float32: %s (%.9g)" % (", ".join("%.9g" % v for v in t32), loss32))
    rel64 = relative_differences(t64, j_coef)
    rel32 = relative_differences(t32, j_coef)
    print("  relative difference PyTorch float64 vs Java: max %.3g  (%s)"
          % (max(rel64), ", ".join("%.2g" % r for r in rel64)))
    print("  relative difference PyTorch float32 vs Java: max %.3g  (information only)"
          % max(rel32))
    if max(rel64) <= TOLERANCE:
        print("PASS: PyTorch float64 and Java end on the same coefficients (≤ %g relative)."
              % TOLERANCE)
        return 0
    print("FAIL: coefficients differ by more than %g relative." % TOLERANCE)
    if args.init == "zeros":
        print("  (from zeros, b and d stay at rounding noise ~1e-17, where a relative test is "
              "meaningless; use --init randn)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
