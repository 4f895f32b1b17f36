"""Engine speed against the limit, side by side in interleaved rounds (medians).

    python benchmarks/engine.py [--rounds R] [--seconds S]

Prints ``name = value`` figures:

* ``machine_mlp_limit_steps_per_s``: this machine's own speed (the MLP limit below);
* the tutorial's perceptron, softmax(XW + b) with its summed cross-entropy
  −Σ Σ c ⊙ log p and GradientDescentOptimizer(1/n), at n = 100 and n = 10,000:
  ``perceptron_n{n}_ratio`` = the engine (``session.run(train_op, feed)``, compiled) ÷
  the same step hand-fused in numpy (the issue's recipe, ``LimitStep``), with the
  tutorial's own engine (benchmarks/tutorial_engine.py) and the readable core alone
  (``Session(compiled=False)``) in the same rounds, so that no figure depends on what
  the allocator was left with; ``reference_vs_tutorial`` = core alone ÷ tutorial, n = 100;
* an MLP 2-16-16-2 (tanh, softmax cross-entropy averaged over 1,000 points, gradient
  descent at 0.1): ``mlp_ratio`` = engine ÷ the same step hand-fused (``MlpLimitStep``),
  and ``mlp_vs_torch`` = engine ÷ PyTorch eager on the CPU (one thread) when torch is
  importable.

Every group first checks that all its runners reach the same loss after 50 steps.
Everything runs with one BLAS thread, as the app's training process does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# One BLAS thread, as in the app's training process (gdviz.training.process): on two
# cores OpenBLAS's own threads only wait for each other, and for whatever else runs.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

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
    reduce_mean,
    reduce_sum,
    softmax,
    softmax_cross_entropy,
    tanh,
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


class ReferenceStep(EngineStep):
    """The engine's readable core alone: ``Session(compiled=False)``."""

    def __init__(self, X, c, W0, b0):
        super().__init__(X, c, W0, b0)
        self.session = Session(compiled=False)


# **** the MLP 2-16-16-2: tanh, softmax cross-entropy averaged over 1,000 points ****

MLP_SIZES = (2, 16, 16, 2)
MLP_LEARNING_RATE = 0.1


def make_mlp_data(n: int = 1000, seed: int = 1):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    c = np.eye(2)[(X[:, 0] * X[:, 1] > 0).astype(int)]  # XOR-like: needs the hidden layers
    weights = []
    for fan_in, fan_out in zip(MLP_SIZES[:-1], MLP_SIZES[1:]):
        weights += [rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / (fan_in + fan_out)),
                    np.zeros(fan_out)]
    return X, c, weights


class MlpEngineStep:
    """The MLP built with gdviz.engine and trained by session.run(train_op, feed)."""

    def __init__(self, X, c, weights, compiled=True):
        with Graph():
            self.X, self.c = placeholder(name="X"), placeholder(name="c")
            self.variables = [Variable(w.copy()) for w in weights]
            h = self.X
            for i in range(0, len(self.variables), 2):
                h = add(matmul(h, self.variables[i]), self.variables[i + 1])
                if i < len(self.variables) - 2:
                    h = tanh(h)
            self.J = reduce_mean(softmax_cross_entropy(h, self.c))
            self.train = GradientDescentOptimizer(MLP_LEARNING_RATE).minimize(self.J)
        self.feed = {self.X: X, self.c: c}
        self.session = Session(compiled=compiled)

    def steps(self, k: int):
        run, train, feed = self.session.run, self.train, self.feed
        for _ in range(k):
            run(train, feed)

    def loss(self) -> float:
        return float(self.session.run(self.J, self.feed))


class MlpLimitStep:
    """The same step (forward with the loss, backward, update) hand-fused in numpy,
    in place into preallocated buffers, with the tricks that make numpy fast on tall,
    narrow arrays: the 2-wide class axis a column at a time, sums over rows as a
    product with ones, and the bias spread by an outer product with ones (numpy's own
    broadcasting along 16-wide rows allocates a temporary the size of the result)."""

    def __init__(self, X, c, weights):
        n = len(X)
        self.X, self.c = X, c
        self.W1, self.b1, self.W2, self.b2, self.W3, self.b3 = (w.copy() for w in weights)
        e = np.empty
        self.H1, self.H2, self.T, self.B = e((n, 16)), e((n, 16)), e((n, 16)), e((n, 16))
        self.Z, self.P = e((n, 2)), e((n, 2))
        self.m, self.s, self.ls, self.cs = e(n), e(n), e(n), e(n)
        self.dH1, self.dH2 = e((n, 16)), e((n, 16))
        self.dW1, self.db1, self.dW2, self.db2 = e((2, 16)), e(16), e((16, 16)), e(16)
        self.dW3, self.db3 = e((16, 2)), e(2)
        self.ones_col, self.ones = np.ones((n, 1)), np.ones(n)
        self.J = 0.0

    def steps(self, k: int):
        X, c, W1, b1, W2, b2, W3, b3 = self.X, self.c, self.W1, self.b1, self.W2, self.b2, self.W3, self.b3
        H1, H2, T, B, Z, P = self.H1, self.H2, self.T, self.B, self.Z, self.P
        m, s, ls, cs, dH1, dH2 = self.m, self.s, self.ls, self.cs, self.dH1, self.dH2
        dW1, db1, dW2, db2, dW3, db3 = self.dW1, self.db1, self.dW2, self.db2, self.dW3, self.db3
        ones_col, ones, n, lr = self.ones_col, self.ones, len(X), MLP_LEARNING_RATE
        Z0, Z1, P0, P1, c0, c1 = Z[:, 0], Z[:, 1], P[:, 0], P[:, 1], c[:, 0], c[:, 1]
        mul, add_, sub, dot = np.multiply, np.add, np.subtract, np.dot
        for _ in range(k):
            dot(X, W1, out=H1); dot(ones_col, b1.reshape(1, 16), out=B); add_(H1, B, out=H1)
            np.tanh(H1, out=H1)
            dot(H1, W2, out=H2); dot(ones_col, b2.reshape(1, 16), out=B); add_(H2, B, out=H2)
            np.tanh(H2, out=H2)
            dot(H2, W3, out=Z); add_(Z0, b3[0], out=Z0); add_(Z1, b3[1], out=Z1)
            np.maximum(Z0, Z1, out=m); sub(Z0, m, out=Z0); sub(Z1, m, out=Z1)
            np.exp(Z, out=P); add_(P0, P1, out=s); np.log(s, out=ls)
            sub(Z0, ls, out=Z0); sub(Z1, ls, out=Z1)          # Z is now log softmax
            self.J = -np.vdot(c, Z) / n
            np.divide(P0, s, out=P0); np.divide(P1, s, out=P1)  # P is softmax
            add_(c0, c1, out=cs); mul(P0, cs, out=P0); mul(P1, cs, out=P1)
            sub(P, c, out=P); mul(P, 1.0 / n, out=P)          # dJ/dlogits
            dot(H2.T, P, out=dW3); dot(ones, P, out=db3)
            dot(P, W3.T, out=dH2); mul(H2, H2, out=T); sub(1.0, T, out=T); mul(dH2, T, out=dH2)
            dot(H1.T, dH2, out=dW2); dot(ones, dH2, out=db2)
            dot(dH2, W2.T, out=dH1); mul(H1, H1, out=T); sub(1.0, T, out=T); mul(dH1, T, out=dH1)
            dot(X.T, dH1, out=dW1); dot(ones, dH1, out=db1)
            for W, dW in ((W1, dW1), (b1, db1), (W2, dW2), (b2, db2), (W3, dW3), (b3, db3)):
                mul(dW, lr, out=dW); sub(W, dW, out=W)

    def loss(self) -> float:
        h = np.tanh(self.X @ self.W1 + self.b1)
        h = np.tanh(h @ self.W2 + self.b2)
        z = h @ self.W3 + self.b3
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-(self.c * logp).sum(axis=1).mean())


class MlpTorchStep:
    """The same MLP in PyTorch eager mode on the CPU, one thread, float64."""

    def __init__(self, X, c, weights):
        import torch

        torch.set_num_threads(1)
        self.torch = torch
        self.X, self.c = torch.tensor(X), torch.tensor(c)
        self.params = [torch.tensor(w.copy(), requires_grad=True) for w in weights]
        self.optimizer = torch.optim.SGD(self.params, lr=MLP_LEARNING_RATE)

    def _loss(self):
        W1, b1, W2, b2, W3, b3 = self.params
        h = self.torch.tanh(self.X @ W1 + b1)
        h = self.torch.tanh(h @ W2 + b2)
        return self.torch.nn.functional.cross_entropy(h @ W3 + b3, self.c)

    def steps(self, k: int):
        for _ in range(k):
            self.optimizer.zero_grad()
            self._loss().backward()
            self.optimizer.step()

    def loss(self) -> float:
        with self.torch.no_grad():
            return float(self._loss())


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


def _torch_available() -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def measure(runners: dict, seconds: float, rounds: int, check_steps: int = 50):
    """Same start, same steps: all must reach the same loss; then interleaved rounds.

    Returns:
        name -> median steps per second, or None if the runners disagree.
    """
    losses = {}
    for name, runner in runners.items():
        runner.steps(check_steps)
        losses[name] = runner.loss()
    reference = next(iter(losses.values()))
    agree = all(abs(v - reference) <= 1e-9 * max(1.0, abs(reference)) for v in losses.values())
    print(f"# loss after {check_steps} steps: "
          + " ".join(f"{k}={v:.12g}" for k, v in losses.items()) + (" (same)" if agree else " (DIFFERENT)"))
    if not agree:
        return None
    sizes = {name: calibrate(runner, seconds) for name, runner in runners.items()}
    rates = {name: [] for name in runners}
    for _ in range(rounds):  # interleaved, so that all see the same machine
        for name, runner in runners.items():
            rates[name].append(steps_per_second(runner, sizes[name]))
    return {name: statistics.median(r) for name, r in rates.items()}


def machine_mlp_limit_steps_per_s(seconds: float = 0.3) -> float:
    """This machine's own speed: the hand-fused MLP step on 1,000 points, steps per
    second (the median of five measurements). Every benchmark prints it beside its figures."""
    limit = MlpLimitStep(*make_mlp_data())
    limit.steps(200)  # warm: the first steps fault the buffers in
    size = calibrate(limit, seconds)
    return statistics.median(steps_per_second(limit, size) for _ in range(5))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--seconds", type=float, default=0.3, help="per measurement")
    args = parser.parse_args(argv)

    # The machine's own speed, for comparing figures across machines (the README's Benchmarks).
    print(f"machine_mlp_limit_steps_per_s = {machine_mlp_limit_steps_per_s(args.seconds):.0f}")
    mlp = make_mlp_data()

    # The perceptron, with the tutorial's own engine in the same rounds.
    for n in (100, 10_000):
        data = make_data(n)
        runners = {"engine": EngineStep(*data), "limit": LimitStep(*data),
                   "tutorial": TutorialStep(*data), "reference": ReferenceStep(*data)}
        median = measure(runners, args.seconds, args.rounds)
        if median is None:
            return 1
        for name, rate in median.items():
            print(f"perceptron_n{n}_{name}_steps_per_s = {rate:.0f}")
        print(f"perceptron_n{n}_ratio = {median['engine'] / median['limit']:.3f}")
        print(f"perceptron_n{n}_tutorial_ratio = {median['tutorial'] / median['limit']:.3f}")
        if n == 100:
            print(f"reference_vs_tutorial = {median['reference'] / median['tutorial']:.2f}")

    # The MLP, against the same step hand-fused; then against PyTorch when it is there
    # (in rounds of their own: torch's allocator and threads disturb a third runner).
    median = measure({"limit": MlpLimitStep(*mlp), "engine": MlpEngineStep(*mlp)},
                     args.seconds, args.rounds)
    if median is None:
        return 1
    for name, rate in median.items():
        print(f"mlp_{name}_steps_per_s = {rate:.0f}")
    print(f"mlp_ratio = {median['engine'] / median['limit']:.3f}")
    if not _torch_available():
        print("mlp_vs_torch = skipped (PyTorch is not installed)")
        return 0
    median = measure({"engine": MlpEngineStep(*mlp), "torch": MlpTorchStep(*mlp)},
                     args.seconds, args.rounds)
    if median is None:
        return 1
    print(f"mlp_torch_steps_per_s = {median['torch']:.0f}")
    print(f"mlp_vs_torch = {median['engine'] / median['torch']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
