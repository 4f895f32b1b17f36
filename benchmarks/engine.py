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

    for n in (100, 10_000):
        data = make_data(n)
        # Same start, same number of steps: both must reach the same loss.
        engine, limit = EngineStep(*data), LimitStep(*data)
        engine.steps(50)
        limit.steps(50)
        le, ll = engine.loss(), limit.loss()
        agree = abs(le - ll) <= 1e-9 * max(1.0, abs(ll))
        print(f"n={n}: loss after 50 steps engine={le:.12g} limit={ll:.12g} "
              f"{'(same)' if agree else '(DIFFERENT)'}")
        if not agree:
            print("the engine and the limit disagree: the figures below mean nothing")
            return 1

        k_engine, k_limit = calibrate(engine, args.seconds), calibrate(limit, args.seconds)
        engine_rates, limit_rates = [], []
        for _ in range(args.rounds):  # interleaved, so both see the same machine
            engine_rates.append(steps_per_second(engine, k_engine))
            limit_rates.append(steps_per_second(limit, k_limit))
        e, lim = statistics.median(engine_rates), statistics.median(limit_rates)
        print(f"perceptron_n{n}_engine_steps_per_s = {e:.0f}")
        print(f"perceptron_n{n}_limit_steps_per_s = {lim:.0f}")
        print(f"perceptron_n{n}_ratio = {e / lim:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
