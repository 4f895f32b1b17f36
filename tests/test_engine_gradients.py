"""Every op's gradient against central finite differences (float64, eps 1e-6,
atol 1e-5, rtol 1e-3, as torch.autograd.gradcheck), with a random upstream gradient."""

import numpy as np
import pytest

from gdviz.engine import (
    Graph,
    Variable,
    add,
    check_gradients,
    exp,
    log,
    matmul,
    multiply,
    negative,
    reduce_mean,
    reduce_sum,
    relu,
    sigmoid,
    softmax,
    softmax_cross_entropy,
    square,
    subtract,
    tanh,
)
from gdviz.engine.ops import absolute


def positive(rng, shape):
    return rng.uniform(0.5, 2.0, shape)


def away_from_zero(rng, shape):
    """Samples with |x| >= 0.1, so that relu's kink is never within eps."""
    x = rng.uniform(0.1, 2.0, shape)
    return x * rng.choice([-1.0, 1.0], shape)


def normal(rng, shape):
    return rng.standard_normal(shape)


def one_hot_rows(rng, shape):
    return np.eye(shape[-1])[rng.integers(0, shape[-1], shape[:-1])]


def helper_test_op(op, shapes, samplers=None, seed=0):
    """Build op(Variables of ``shapes``), contract it with a random upstream gradient U
    (loss = sum(op * U)), and check the gradient of every input."""
    rng = np.random.default_rng(seed)
    samplers = samplers or [normal] * len(shapes)
    with Graph():
        inputs = [Variable(sample(rng, shape), name=f"in{i}")
                  for i, (sample, shape) in enumerate(zip(samplers, shapes))]
        out = op(*inputs)
        # The upstream gradient: random, of the output's shape (found by a first run).
        from gdviz.engine import Session

        out_shape = np.shape(Session().run(out))
        upstream = rng.standard_normal(out_shape)
        loss = reduce_sum(multiply(out, upstream))
    results = check_gradients(loss, inputs)
    for variable, result in zip(inputs, results):
        assert result.analytic.shape == variable.value.shape
    return results


BROADCAST_PAIRS = [((5, 2), (5, 2)), ((5, 2), (2,)), ((5, 2), (1, 2)), ((4, 1), (1, 3)),
                   ((), (5, 2)), ((5, 2), ())]


@pytest.mark.parametrize("shapes", BROADCAST_PAIRS, ids=str)
@pytest.mark.parametrize("op", [add, subtract, multiply], ids=lambda f: f.__name__)
def test_binary_elementwise_broadcasting(op, shapes):
    helper_test_op(op, shapes)


@pytest.mark.parametrize("shapes", [((5, 3), (3, 2)), ((1, 4), (4, 1)), ((5, 3), (3,)),
                                    ((3,), (3, 2)), ((3,), (3,))], ids=str)
def test_matmul(shapes):
    helper_test_op(matmul, shapes)


@pytest.mark.parametrize("op,sampler", [
    (negative, normal), (log, positive), (exp, normal), (square, normal),
    (sigmoid, normal), (tanh, normal), (relu, away_from_zero), (absolute, away_from_zero),
], ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("shape", [(), (6,), (5, 3)], ids=str)
def test_unary(op, sampler, shape):
    helper_test_op(op, [shape], [sampler])


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)], ids=str)
@pytest.mark.parametrize("op", [reduce_sum, reduce_mean], ids=lambda f: f.__name__)
def test_reductions(op, axis):
    helper_test_op(lambda a: op(a, axis=axis), [(4, 3)])


@pytest.mark.parametrize("op", [reduce_sum, reduce_mean], ids=lambda f: f.__name__)
def test_reductions_1d(op):
    helper_test_op(lambda a: op(a, axis=0), [(5,)])
    helper_test_op(lambda a: op(a), [(5,)])


@pytest.mark.parametrize("axis,shape", [(-1, (5, 3)), (1, (4, 2)), (0, (4, 3)), (0, (6,)),
                                        (-1, (6,))], ids=str)
def test_softmax(axis, shape):
    helper_test_op(lambda a: softmax(a, axis=axis), [shape])


@pytest.mark.parametrize("shape", [(6, 2), (5, 4), (3,)], ids=str)
def test_softmax_cross_entropy(shape):
    helper_test_op(softmax_cross_entropy, [shape, shape], [normal, one_hot_rows])
    # soft labels too: the gradient is softmax * sum(labels) - labels
    helper_test_op(softmax_cross_entropy, [shape, shape], [normal, positive], seed=1)


def test_large_tall_arrays_take_the_columnwise_path():
    # Above 2,048 elements the ops broadcast one column at a time: same gradients.
    helper_test_op(add, [(1100, 2), (2,)])
    helper_test_op(multiply, [(1100, 2), (1100, 1)])
    helper_test_op(softmax, [(1100, 2)])
    helper_test_op(softmax_cross_entropy, [(1100, 3), (1100, 3)], [normal, one_hot_rows])


def test_check_gradients_catches_a_wrong_gradient():
    from gdviz.engine import Operation, RegisterGradient

    class wrong_square(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x):
            return x * x

    @RegisterGradient("wrong_square")
    def _wrong(op, grad):
        return grad * op.inputs[0]  # missing the factor 2

    with Graph():
        x = Variable([1.0, 2.0, 3.0])
        loss = reduce_sum(wrong_square(x))
    with pytest.raises(AssertionError, match="gradient check failed"):
        check_gradients(loss, [x])
