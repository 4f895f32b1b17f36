"""Engine speed against the limit: the tutorial's perceptron step, side by side.

    python benchmarks/engine.py [--rounds R] [--seconds S]

For n = 100 and n = 10,000 points it times, in interleaved rounds, training steps per
second of
  * engine: gdviz.engine running the tutorial's graph, softmax(XW + b), its summed
    cross-entropy -reduce_sum(reduce_sum(c * log(p), axis=1)), one
    GradientDescentOptimizer(1/n) step per session.run(train_op, feed);
  * limit: the same step hand-fused in numpy, as fast as numpy allows (in place into
    preallocated buffers, the row max and row sums of the 2-wide class axis taken
    column-wise and by a dot product with ones, gradient softmax - labels, bias
    gradient by a dot product);
checks that both reach the same loss after the same steps, and prints the medians and
``perceptron_n{n}_ratio = engine / limit``.

Two yardsticks: the engine against a limit that also adds the bias and divides by the
row sums one column at a time (which gdviz.engine does for tall, narrow arrays and the
issue's recipe does not), in the same rounds; and the tutorial's own engine
(benchmarks/tutorial_engine.py) against the limit, in rounds of its own afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gdviz.engine import (  # noqa: E402
    GradientDescentOptimizer,
    Graph,
    Session,
    Variable,
    add,
    log,
    matmul,
    multiply,
    negative,
    placeholder,
    reduce_sum,
    softmax,
)


def make_data(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    half = n // 2
    X = np.concatenate([rng.standard_normal((half, 2)) + 2, rng.standard_normal((n - half, 2)) - 2])
    c = np.zeros((n, 2))
    c[:half, 0] = 1
    c[half:, 1] = 1
    W0 = rng.standard_normal((2, 2))
    b0 = rng.standard_normal(2)
    return X, c, W0, b0


class EngineStep:
    """The tutorial's graph, trained by the engine."""

    def __init__(self, X, c, W0, b0):
        with Graph():
            self.X, self.c = placeholder(name="X"), placeholder(name="c")
            self.W, self.b = Variable(W0, name="W"), Variable(b0, name="b")
            p = softmax(add(matmul(self.X, self.W), self.b))
            self.J = negative(reduce_sum(reduce_sum(multiply(self.c, log(p)), axis=1)))
            self.train = GradientDescentOptimizer(1.0 / len(X)).minimize(self.J)
        self.feed = {self.X: X, self.c: c}
        self.session = Session()

    def steps(self, k: int):
        run, train, feed = self.session.run, self.train, self.feed
        for _ in range(k):
            run(train, feed)

    def loss(self) -> float:
        return float(self.session.run(self.J, self.feed))


class TutorialStep:
    """The same graph on the tutorial's own engine (benchmarks/tutorial_engine.py): a
    yardstick. Its optimizer op needs the loss run first, as in the tutorial's loop."""

    def __init__(self, X, c, W0, b0):
        import tutorial_engine as te

        te.Graph().as_default()
        self.X, self.c = te.placeholder(), te.placeholder()
        self.W, self.b = te.Variable(W0.copy()), te.Variable(b0.copy())
        p = te.softmax(te.add(te.matmul(self.X, self.W), self.b))
        self.J = te.negative(te.reduce_sum(te.reduce_sum(te.multiply(self.c, te.log(p)), axis=1)))
        self.train = te.GradientDescentOptimizer(1.0 / len(X)).minimize(self.J)
        self.feed = {self.X: X, self.c: c}
        self.session = te.Session()

    def steps(self, k: int):
        run, J, train, feed = self.session.run, self.J, self.train, self.feed
        for _ in range(k):
            run(J, feed)
            run(train, feed)

    def loss(self) -> float:
        return float(self.session.run(self.J, self.feed))


class LimitStep:
    """The same step hand-fused in numpy, in place into preallocated buffers."""

    def __init__(self, X, c, W0, b0):
        n = len(X)
        self.X, self.c = X, c
        self.XT = np.ascontiguousarray(X.T)
        self.W, self.b = W0.copy(), b0.copy()
        self.lr = 1.0 / n
        self.Z = np.empty((n, 2))
        self.m = np.empty(n)
        self.s = np.empty(n)
        self.ones2 = np.ones(2)
        self.ones_n = np.ones(n)
        self.dW = np.empty((2, 2))
        self.db = np.empty(2)

    def steps(self, k: int):
        X, XT, c, W, b, Z, m, s = self.X, self.XT, self.c, self.W, self.b, self.Z, self.m, self.s
        ones2, ones_n, dW, db, lr = self.ones2, self.ones_n, self.dW, self.db, self.lr
        for _ in range(k):
            np.dot(X, W, out=Z)
            Z += b
            np.maximum(Z[:, 0], Z[:, 1], out=m)
            Z -= m[:, None]
            np.exp(Z, out=Z)
            np.dot(Z, ones2, out=s)
            Z /= s[:, None]          # Z is now the softmax p
            Z -= c                   # dJ/dlogits = p - c
            np.dot(XT, Z, out=dW)
            np.dot(ones_n, Z, out=db)
            dW *= lr
            db *= lr
            W -= dW
            b -= db

    def loss(self) -> float:
        Z = self.X @ self.W + self.b
        Z -= Z.max(axis=1, keepdims=True)
        logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        return float(-(self.c * logp).sum())


class ColumnwiseLimitStep(LimitStep):
    """The limit, also broadcasting one column at a time (as gdviz.engine does for tall,
    narrow arrays): faster than the issue's recipe, so a stricter reference."""

    def steps(self, k: int):
        X, XT, c, W, b, Z, m, s = self.X, self.XT, self.c, self.W, self.b, self.Z, self.m, self.s
        ones2, ones_n, dW, db, lr = self.ones2, self.ones_n, self.dW, self.db, self.lr
        Z0, Z1 = Z[:, 0], Z[:, 1]
        for _ in range(k):
            np.dot(X, W, out=Z)
            Z0 += b[0]
            Z1 += b[1]
            np.maximum(Z0, Z1, out=m)
            Z0 -= m
            Z1 -= m
            np.exp(Z, out=Z)
            np.dot(Z, ones2, out=s)
            Z0 /= s
            Z1 /= s
            Z -= c
            np.dot(XT, Z, out=dW)
            np.dot(ones_n, Z, out=db)
            dW *= lr
            db *= lr
            W -= dW
            b -= db


def calibrate(runner, seconds: float) -> int:
    """How many steps take about ``seconds``."""
    k = 1
    while True:
        start = time.perf_counter()
        runner.steps(k)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds / 4:
            return max(1, int(k * seconds / elapsed))
        k *= 4


def steps_per_second(runner, k: int) -> float:
    start = time.perf_counter()
    runner.steps(k)
    return k / (time.perf_counter() - start)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=0.3, help="per measurement")
    args = parser.parse_args(argv)

    # Phase 1, the figures: the engine against the limit, with the stricter
    # limit beside them, in interleaved rounds. Phase 2, afterwards: the tutorial's
    # engine against the limit. Its allocations leave glibc's heap in a state that
    # slows the engine at n=10,000 by about 40 % (freed arrays go back to the system
    # and fault in again at every step), so it must not run before phase 1.
    phases = (("engine", "limit", "columnwise_limit"), ("tutorial", "limit"))
    classes = {"engine": EngineStep, "limit": LimitStep,
               "columnwise_limit": ColumnwiseLimitStep, "tutorial": TutorialStep}
    for group in phases:
        for n in (100, 10_000):
            data = make_data(n)
            runners = {name: classes[name](*data) for name in group}
            # Same start, same number of steps: all must reach the same loss.
            losses = {}
            for name, runner in runners.items():
                runner.steps(50)
                losses[name] = runner.loss()
            reference = losses["limit"]
            agree = all(abs(v - reference) <= 1e-9 * max(1.0, abs(reference)) for v in losses.values())
            print(f"n={n}: loss after 50 steps "
                  + " ".join(f"{k}={v:.12g}" for k, v in losses.items())
                  + (" (same)" if agree else " (DIFFERENT)"))
            if not agree:
                print("the runners disagree: the figures below mean nothing")
                return 1
            sizes = {name: calibrate(runner, args.seconds) for name, runner in runners.items()}
            rates = {name: [] for name in runners}
            for _ in range(args.rounds):  # interleaved, so all see the same machine
                for name, runner in runners.items():
                    rates[name].append(steps_per_second(runner, sizes[name]))
            median = {name: statistics.median(r) for name, r in rates.items()}
            for name in runners:
                print(f"perceptron_n{n}_{name}_steps_per_s = {median[name]:.0f}")
            if group[0] == "engine":
                print(f"perceptron_n{n}_ratio = {median['engine'] / median['limit']:.3f}")
                print(f"perceptron_n{n}_ratio_vs_columnwise_limit = "
                      f"{median['engine'] / median['columnwise_limit']:.3f}")
            else:
                print(f"perceptron_n{n}_tutorial_ratio = {median['tutorial'] / median['limit']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
