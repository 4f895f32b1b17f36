"""Graph shapes the tutorial's backprop gets wrong, the traces, errors and threads."""

import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from gdviz.engine import (
    FeedError,
    Graph,
    MissingGradientError,
    NonFiniteError,
    Operation,
    RegisterGradient,
    Session,
    ShapeError,
    Variable,
    add,
    check_gradients,
    compute_gradients,
    log,
    matmul,
    multiply,
    placeholder,
    reduce_sum,
    sigmoid,
    softmax,
    trace_backprop,
    trace_forward,
    traverse_postorder,
)

ROOT = Path(__file__).resolve().parents[1]


def grads_of(loss, nodes, feed=None):
    Session().run(loss, feed or {})
    table = compute_gradients(loss)
    return [table[n] for n in nodes]


# **** shared nodes and odd shapes ****


def test_node_used_twice_x_times_x():
    with Graph():
        x = Variable([1.0, -2.0, 3.0])
        loss = reduce_sum(multiply(x, x))
    (gx,) = grads_of(loss, [x])
    np.testing.assert_allclose(gx, 2 * x.value)
    check_gradients(loss, [x])


def test_node_reached_before_all_consumers_done():
    # loss = x + sigmoid(x): the tutorial's BFS dequeues x before sigmoid is done.
    with Graph():
        x = Variable([0.5, -1.0])
        loss = reduce_sum(add(x, sigmoid(x)))
    (gx,) = grads_of(loss, [x])
    s = 1 / (1 + np.exp(-x.value))
    np.testing.assert_allclose(gx, 1 + s * (1 - s))


def test_x_plus_x_times_y():
    with Graph():
        x, y = Variable([2.0]), Variable([3.0])
        loss = reduce_sum(x + x * y)
    gx, gy = grads_of(loss, [x, y])
    np.testing.assert_allclose(gx, [1 + 3.0])
    np.testing.assert_allclose(gy, [2.0])


def test_skip_connection_and_diamond():
    with Graph():
        x = Variable(np.linspace(-1, 1, 4))
        h = sigmoid(x)
        a, b = multiply(h, 2.0), square_of(h)
        loss = reduce_sum(add(add(a, b), x))  # diamond h->a,b->add and skip x->add
    check_gradients(loss, [x])
    order = [n.name for n in traverse_postorder(loss)]
    assert len(order) == len(set(order)), "each node once in the post-order"


def square_of(node):
    return multiply(node, node)


def test_unused_variable_and_off_path_consumer():
    with Graph():
        X = placeholder(name="X")
        W = Variable(np.eye(2), name="W")
        unused = Variable([5.0], name="unused")
        loss = reduce_sum(softmax(matmul(X, W)))
        prediction = softmax(matmul(X, W), name="prediction")  # shares W, not on the path
    feed = {X: np.array([[1.0, 2.0], [0.5, -1.0]])}
    Session().run(loss, feed)
    table = compute_gradients(loss)
    assert unused not in table and prediction not in table
    assert table[W].shape == (2, 2)
    check_gradients(loss, [W], feed)


def test_two_thousand_deep_chain():
    with Graph():
        x = Variable([0.3])
        node = x
        for _ in range(2000):
            node = add(node, 0.001)
        loss = reduce_sum(node)
    assert len(traverse_postorder(loss)) == 1 + 2 * 2000 + 1
    assert Session().run(loss) == pytest.approx(0.3 + 2.0)
    (gx,) = grads_of(loss, [x])
    np.testing.assert_allclose(gx, [1.0])


def test_diamond_is_evaluated_once_per_node():
    calls = []

    class counted(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x):
            calls.append(1)
            return x

    with Graph():
        x = Variable([1.0])
        shared = counted(x)
        loss = add(multiply(shared, 2.0), multiply(shared, 3.0))
    Session().run(loss)
    assert len(calls) == 1


# **** the tutorial's own code ****


def test_tutorials_perceptron_example_runs_unchanged_and_trains():
    # The tutorial's example, as written there (its indentation restored), after
    # `from gdviz.engine import *`.
    code = """
import numpy as np
from gdviz.engine import *
np.random.seed(0)
red_points = np.random.randn(50, 2) - 2*np.ones((50, 2))
blue_points = np.random.randn(50, 2) + 2*np.ones((50, 2))
Graph().as_default()
X = placeholder()
c = placeholder()
W = Variable(np.random.randn(2, 2))
b = Variable(np.random.randn(2))
p = softmax(add(matmul(X, W), b))
J = negative(reduce_sum(reduce_sum(multiply(c, log(p)), axis=1)))
minimization_op = GradientDescentOptimizer(learning_rate=0.01).minimize(J)
feed_dict = {
X: np.concatenate((blue_points, red_points)),
c:
[[1, 0]] * len(blue_points)
+ [[0, 1]] * len(red_points)
}
session = Session()
losses = []
for step in range(100):
    J_value = session.run(J, feed_dict)
    losses.append(J_value)
    if step % 10 == 0:
        print("Step:", step, " Loss:", J_value)
    session.run(minimization_op, feed_dict)
W_value = session.run(W)
b_value = session.run(b)
"""
    namespace = {}
    exec(compile(code, "tutorial", "exec"), namespace)
    losses = namespace["losses"]
    assert losses[-1] < losses[0] / 10
    assert namespace["W_value"].shape == (2, 2) and namespace["b_value"].shape == (2,)


def test_users_own_operation_registered_by_name():
    class cube(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x_value):
            return x_value**3

    @RegisterGradient("cube")
    def _cube_gradient(op, grad):
        return 3 * op.inputs[0] ** 2 * grad

    with Graph():
        x = Variable([1.0, -2.0])
        loss = reduce_sum(cube(x))
    (gx,) = grads_of(loss, [x])
    np.testing.assert_allclose(gx, [3.0, 12.0])


def test_register_gradient_accepts_the_class():
    class double(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x_value):
            return 2 * x_value

    RegisterGradient(double)(lambda op, grad: 2 * grad)
    with Graph():
        x = Variable([1.0])
        loss = reduce_sum(double(x))
    (gx,) = grads_of(loss, [x])
    np.testing.assert_allclose(gx, [2.0])


def test_softmax_does_not_overflow():
    with Graph():
        a = Variable([[1000.0, 0.0]])
        p = softmax(a)
        p1 = softmax(Variable([1000.0, 0.0, -1000.0]))
    np.testing.assert_allclose(Session().run(p), [[1.0, 0.0]])
    np.testing.assert_allclose(Session().run(p1), [1.0, 0.0, 0.0])


def test_reduce_sum_and_softmax_honour_axis():
    with Graph():
        a = Variable([[1.0, 2.0], [3.0, 4.0]])
        s0, s1 = reduce_sum(a, axis=0), reduce_sum(a, axis=1)
        sm0 = softmax(a, axis=0)
    run = Session().run
    np.testing.assert_allclose(run(s0), [4.0, 6.0])
    np.testing.assert_allclose(run(s1), [3.0, 7.0])
    np.testing.assert_allclose(run(sm0).sum(axis=0), [1.0, 1.0])


def test_lists_in_feeds_and_as_inputs_become_arrays():
    with Graph():
        x = placeholder(name="x")
        y = add(x, [1, 2])
    np.testing.assert_allclose(Session().run(y, {x: [[1, 1], [2, 2]]}), [[2, 3], [3, 4]])


def test_automatic_names_and_graph_lists():
    with Graph() as g:
        X = placeholder()
        W = Variable(np.zeros((2, 2)))
        m1, m2 = matmul(X, W), matmul(X, W)
    assert (m1.name, m2.name) == ("matmul", "matmul_1")
    assert g.placeholders == [X] and g.variables == [W] and g.operations == [m1, m2]
    assert X.consumers == [m1, m2] and m1.input_nodes == [X, W]


def test_run_returns_copies_of_variables():
    with Graph():
        W = Variable([1.0, 2.0])
        loss = reduce_sum(multiply(W, W))
        from gdviz.engine import GradientDescentOptimizer

        train = GradientDescentOptimizer(0.1).minimize(loss)
    session = Session()
    before = session.run(W)
    session.run(train)  # runs the forward pass itself: no run of the loss first
    np.testing.assert_allclose(before, [1.0, 2.0])
    np.testing.assert_allclose(session.run(W), [0.8, 1.6])


# **** traces ****


def tutorial_graph():
    from gdviz.lesson.tutorial import build_tutorial_graph, tutorial_points

    t = build_tutorial_graph()
    X, c = tutorial_points()
    return t, {t.X: X, t.c: c}


def test_backprop_trace_totals_equal_the_gradient_table():
    t, feed = tutorial_graph()
    Session().run(t.J, feed)
    table = compute_gradients(t.J)
    trace = trace_backprop(t.J)
    assert set(trace.order) == set(table)
    for step in trace.steps:
        np.testing.assert_allclose(step.total, table[step.node])
        if step.flows:
            summed = sum(flow.grad for flow in step.flows)
            np.testing.assert_allclose(summed, step.total)
    # breadth-first from the loss, in the tutorial's order
    names = [n.name for n in trace.order]
    assert names[:7] == ["J", "reduce_sum_1", "reduce_sum", "multiply", "c", "log", "p"]
    assert names.index("W") > names.index("matmul")
    first = trace.steps[0]
    assert first.node is t.J and first.flows == () and [n.name for n in first.queue] == ["reduce_sum_1"]


def test_trace_records_rules_queue_and_copies():
    t, feed = tutorial_graph()
    Session().run(t.J, feed)
    trace = trace_backprop(t.J)
    by_node = {s.node.name: s for s in trace.steps}
    (flow,) = by_node["W"].flows
    assert flow.consumer.op_type == "matmul" and flow.rule == "Xᵀ · G"
    assert flow.grad.shape == (2, 2)
    step = by_node["matmul"]
    assert [n.name for n in step.enqueued] == ["X", "W"]
    # copies: training afterwards does not change what the trace shows
    saved = flow.grad.copy()
    t.W.value += 1.0
    Session().run(t.J, feed)
    compute_gradients(t.J)
    np.testing.assert_array_equal(flow.grad, saved)


def test_trace_with_shared_node_sums_contributions():
    with Graph():
        x = Variable([0.5, -1.0], name="x")
        loss = reduce_sum(add(x, sigmoid(x)), name="loss")
    Session().run(loss)
    trace = trace_backprop(loss)
    step = next(s for s in trace.steps if s.node is x)
    assert len(step.flows) == 2
    np.testing.assert_allclose(step.flows[0].grad + step.flows[1].grad, step.total)
    assert trace.order[-1] is x  # x waits for both consumers


def test_forward_trace_is_post_order_with_values():
    t, feed = tutorial_graph()
    trace = trace_forward(t.J, feed)
    assert trace.nodes == traverse_postorder(t.J)
    assert trace.steps[-1].node is t.J
    matmul_step = next(step for step in trace.steps if step.node.op_type == "matmul")
    np.testing.assert_array_equal(matmul_step.input_values[1], t.W.value)
    np.testing.assert_allclose(matmul_step.value, matmul_step.input_values[0] @ t.W.value)
    assert float(trace.steps[-1].value) == pytest.approx(float(Session().run(t.J, feed)))


# **** errors ****


def test_missing_feed_names_the_placeholder():
    with Graph():
        X = placeholder(name="X")
        y = add(X, 1.0)
    with pytest.raises(FeedError, match="placeholder 'X' was not fed: add it to feed_dict"):
        Session().run(y)


def test_shape_mismatch_names_op_and_shapes():
    with Graph():
        a, b = Variable(np.ones((3, 2))), Variable(np.ones((4, 2)))
        m = matmul(a, b, name="bad_matmul")
    with pytest.raises(ShapeError, match=r"bad_matmul.*\(3, 2\) and \(4, 2\)"):
        Session().run(m)


def test_missing_gradient_names_the_op_type():
    class mystery(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x_value):
            return x_value

    with Graph():
        x = Variable([1.0])
        loss = reduce_sum(mystery(x))
    Session().run(loss)
    with pytest.raises(MissingGradientError, match="'mystery'"):
        compute_gradients(loss)


def test_gradient_of_wrong_shape_is_caught():
    class badgrad(Operation):
        def __init__(self, x, y):
            super().__init__([x, y])

        def compute(self, x, y):
            return x + y

    RegisterGradient("badgrad")(lambda op, grad: [grad, grad])  # no unbroadcast
    with Graph():
        x, y = Variable(np.ones((3, 2))), Variable(np.ones(2), name="bias")
        loss = reduce_sum(badgrad(x, y))
    Session().run(loss)
    with pytest.raises(ShapeError, match="'bias'.*unbroadcast"):
        compute_gradients(loss)


def test_nonfinite_value_located_by_op_name():
    with Graph():
        x = Variable([1.0, 0.0])
        y = log(x, name="the_log")
        loss = reduce_sum(y)
    with np.errstate(divide="ignore"), pytest.raises(NonFiniteError, match="the_log") as info:
        Session(check_finite=True).run(loss)
    assert info.value.node is y


def test_gradients_before_any_run_say_so():
    with Graph():
        loss = reduce_sum(Variable([1.0]))
    with pytest.raises(Exception, match="has not been run"):
        compute_gradients(loss)


def test_two_threads_run_one_graph_each_with_its_own_values():
    """Each thread's run has its own record: a slow run in one thread keeps its values
    while another thread runs the same graph with other feeds."""
    started, release = threading.Event(), threading.Event()

    class slow(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x_value):
            if x_value[0] == 1.0:
                started.set()
                release.wait(5)
            return x_value * 2

    with Graph():
        x = placeholder(name="x")
        y = slow(x)
        loss = reduce_sum(multiply(y, y))
    RegisterGradient("slow")(lambda op, grad: 2 * grad)
    results = {}

    def in_thread():
        session = Session()
        results["value"] = session.run(loss, {x: [1.0, 2.0]})
        results["grad"] = compute_gradients(loss)[x]
        results["output"] = y.output

    worker = threading.Thread(target=in_thread)
    worker.start()
    assert started.wait(5)
    try:
        assert Session().run(loss, {x: [3.0]}) == 36.0  # meanwhile, here
        np.testing.assert_allclose(compute_gradients(loss)[x], [24.0])
    finally:
        release.set()
        worker.join()
    assert results["value"] == 4.0 + 16.0
    np.testing.assert_allclose(results["grad"], [8.0, 16.0])
    np.testing.assert_allclose(results["output"], [2.0, 4.0])
    np.testing.assert_allclose(y.output, [6.0])  # this thread's latest run


def test_default_graph_is_per_thread():
    from gdviz.engine import get_default_graph

    graphs = []
    threads = [threading.Thread(target=lambda: graphs.append(get_default_graph())) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert graphs[0] is not graphs[1] and get_default_graph() not in graphs


def test_engine_and_models_never_import_qt():
    code = (
        "import sys; import gdviz.engine, gdviz.lesson.tutorial, gdviz.training.datasets, gdviz.training.models; "
        "import gdviz.platform_check; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'PyQt', 'shiboken'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_user_op_returning_python_numbers_feeds_builtin_ops():
    class half(Operation):
        def __init__(self, x):
            super().__init__([x])

        def compute(self, x_value):
            return float(np.sum(x_value)) / 2  # a Python float, not an array

    RegisterGradient("half")(lambda op, grad: np.full(np.shape(op.inputs[0]), 0.5) * grad)
    with Graph():
        x = Variable([1.0, 3.0])
        loss = add(multiply(half(x), 3.0), half(x))
    assert Session().run(loss) == pytest.approx(8.0)
    check_gradients(loss, [x])


# **** errors a learner's own code meets: each names what and where ****


def test_a_list_as_feed_dict_is_refused_clearly():
    with Graph():
        X = placeholder(name="X")
        y = add(X, 1.0)
    with pytest.raises(FeedError, match="feed_dict must map placeholders to values"):
        Session().run(y, [[1.0, 2.0]])


def test_a_users_op_returning_text_or_raising_is_named():
    class wrong(Operation):
        def __init__(self, x, mode):
            super().__init__([x])
            self.mode = mode

        def compute(self, x_value):
            if self.mode == "text":
                return "seven"
            raise TypeError("unsupported operand")

    with Graph():
        x = Variable([1.0])
        as_text = wrong(x, "text", )
        raising = wrong(x, "raise")
    from gdviz.engine import EngineError

    with pytest.raises(EngineError, match=r"op 'wrong' \(wrong\) returned .* not numbers"):
        Session().run(as_text)
    with pytest.raises(EngineError, match=r"op 'wrong_1' \(wrong\) failed: TypeError: unsupported operand"):
        Session().run(raising)


@pytest.mark.parametrize("rate", [float("nan"), float("inf"), 0.0, -0.1])
def test_a_learning_rate_that_is_not_a_positive_number_is_refused(rate):
    from gdviz.engine import GradientDescentOptimizer

    with pytest.raises(ValueError, match="learning rate must be a positive, finite number"):
        GradientDescentOptimizer(rate)
    optimizer = GradientDescentOptimizer(0.1)
    with pytest.raises(ValueError, match="learning rate"):
        optimizer.learning_rate = rate
    assert optimizer.learning_rate == 0.1


def test_two_threads_building_models_at_once_keep_their_own_graphs():
    from gdviz.training.models import Model, ModelConfig

    sys.setswitchinterval(1e-5)
    try:
        failures = []

        def build_many():
            for _ in range(40):
                model = Model(ModelConfig(kind="mlp", hidden=(4,)), 2)
                if any(node.graph is not model.graph for node in model.graph.nodes):
                    failures.append(model)
                if len(model.graph.variables) != 4:
                    failures.append(model)

        threads = [threading.Thread(target=build_many) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(0.005)
    assert not failures
