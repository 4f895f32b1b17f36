"""A learner's own scripts: run apart from the app, their graphs as data, their gradients checked.

Every script runs in a real child process (gdviz.scripts.runner). Timeouts here are
safety limits only; no test measures time.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gdviz.engine import Session, compute_gradients
from gdviz.scripts.check import (FAIL_ABOVE, GREEN_BELOW, RED_ABOVE, derivative, failures,
                                 format_table)
from gdviz.scripts.codegen import MAX_EMBEDDED_POINTS, scenario_code
from gdviz.scripts.runner import ScriptRun, run_script
from gdviz.session.examples import example_sessions
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import OPTIMIZERS, Model, ModelConfig

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "resources" / "examples"
CHAPTERS = sorted(p.name for p in EXAMPLES.glob("ch*.py"))
SAFETY_S = 120  # a script that never ends fails the test instead of hanging it


def write(tmp_path, text, name="script.py") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def gone(pid) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


# **** the examples run, and their graphs are found ****


def test_every_tutorial_chapter_is_shipped():
    assert CHAPTERS == ["ch1_computational_graph.py", "ch2_perceptron.py",
                        "ch3_training_criterion.py", "ch4_gradient_descent.py",
                        "ch5_multilayer_perceptron.py"]


@pytest.mark.parametrize("name", CHAPTERS + ["wrong_gradient.py"])
def test_each_example_runs_and_its_graph_is_found(name):
    result = run_script(EXAMPLES / name, timeout=SAFETY_S)
    assert result.error is None, result.error and result.error.details
    assert result.stdout.strip()  # it printed its numbers
    graph = result.main_graph
    assert graph is not None and graph.loss is not None and graph.problem is None
    assert graph.forward_order[-1] == graph.loss_id  # the loss is computed last
    assert graph.backward[0].node_id == graph.loss_id  # and backprop starts there
    traced = {graph.nodes[step.node_id].name for step in graph.backward}
    variables = {n.name for n in graph.nodes if n.kind == "Variable"}
    assert variables and variables <= traced  # every Variable gets its gradient
    for node in graph.nodes:
        assert all(0 <= i < len(graph.nodes) for i in node.input_ids)


def test_chapter_one_is_the_tutorials_z_equals_ax_plus_b():
    graph = run_script(EXAMPLES / "ch1_computational_graph.py", timeout=SAFETY_S).main_graph
    assert graph.loss.name == "z"
    np.testing.assert_array_equal(graph.loss_value, [2.0, -1.0])
    assert [graph.nodes[i].name for i in graph.nodes[graph.loss_id].input_ids] == ["y", "b"]


def test_chapter_four_reports_its_optimizer_and_final_loss():
    result = run_script(EXAMPLES / "ch4_gradient_descent.py", timeout=SAFETY_S)
    graph = result.main_graph
    assert (graph.loss.name, graph.minimized, graph.optimizer, graph.learning_rate) == (
        "J", True, "GradientDescentOptimizer", 0.01)
    assert "Step: 90" in result.stdout
    assert 0 < float(graph.loss_value) < 1  # the loss after training, not before


def test_a_script_with_two_graphs_reports_both_in_order():
    result = run_script(EXAMPLES / "ch2_perceptron.py", timeout=SAFETY_S)
    assert [g.number for g in result.graphs] == [0, 1]
    first, second = result.graphs
    assert first.loss.name == "p" and float(first.loss_value) == pytest.approx(0.99330714907)
    assert result.main_graph is second and second.loss.shape == (100, 2)


def test_the_traced_gradients_equal_finite_differences_of_the_loss():
    """Chapter 3's J = −Σ c log softmax(XW + b), written again in numpy from the values the
    description carries, differentiated numerically."""
    graph = run_script(EXAMPLES / "ch3_training_criterion.py", timeout=SAFETY_S).main_graph
    X, c, W, b = (graph.node(name).value for name in ("X", "c", "W", "b"))

    def J(W, b):
        z = X @ W + b
        log_p = z - z.max(axis=1, keepdims=True)
        log_p -= np.log(np.exp(log_p).sum(axis=1, keepdims=True))
        return -np.sum(c * log_p)

    assert float(graph.loss_value) == pytest.approx(J(W, b), rel=1e-12)
    eps = 1e-6
    for name, value in (("W", W), ("b", b)):
        numeric = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            plus, minus = value.copy(), value.copy()
            plus[i] += eps
            minus[i] -= eps
            args = {"W": W, "b": b}
            numeric[i] = (J(**{**args, name: plus}) - J(**{**args, name: minus})) / (2 * eps)
        np.testing.assert_allclose(graph.gradients[name], numeric, rtol=1e-5, atol=1e-7)


def test_the_scripts_own_ops_are_named():
    result = run_script(EXAMPLES / "wrong_gradient.py", timeout=SAFETY_S)
    assert result.user_ops == ("cube",)
    assert result.main_graph.node("cube").user_op
    assert not result.main_graph.node("J").user_op


# **** what goes wrong in a script is reported ****


def test_an_exception_is_reported_with_the_scripts_line(tmp_path):
    script = write(tmp_path, "x = 1\nprint('before')\ny = undefined_name + x\n")
    result = run_script(script, timeout=SAFETY_S)
    assert result.error.kind == "exception"
    assert (Path(result.error.file), result.error.line) == (script.resolve(), 3)
    assert "NameError" in result.error.message and "undefined_name" in result.error.message
    assert result.stdout == "before\n"


def test_an_engine_error_is_reported_where_the_script_called_the_engine(tmp_path):
    script = write(tmp_path, "from gdviz.engine import *\n"
                             "Graph().as_default()\n"
                             "x = placeholder(name='x')\n"
                             "z = add(x, Variable([1.0, 2.0]))\n"
                             "Session().run(z)\n")
    result = run_script(script, timeout=SAFETY_S)
    assert result.error.line == 5 and "FeedError" in result.error.message
    assert "placeholder 'x' was not fed" in result.error.message
    assert result.main_graph.node("x").kind == "placeholder"  # built before the error: still shown


def test_a_syntax_error_is_reported_with_its_line(tmp_path):
    result = run_script(write(tmp_path, "x = 1\ny = (2 +\n"), timeout=SAFETY_S)
    assert result.error.kind == "syntax" and result.error.line == 2


@pytest.mark.parametrize("code, error", [("3", "sys.exit(3)"), ("'no points'", "sys.exit('no points')"),
                                         ("0", None), ("", None)])
def test_sys_exit_is_reported_as_such(tmp_path, code, error):
    script = write(tmp_path, f"import sys\nfrom gdviz.engine import *\nx = Variable(1.0)\nsys.exit({code})\n")
    result = run_script(script, timeout=SAFETY_S)
    if error is None:  # a normal end, as for Python itself
        assert result.error is None and result.main_graph is not None
    else:
        assert result.error.kind == "exit" and error in result.error.message
        assert result.error.line == 4


def test_an_endless_loop_is_ended_by_the_timeout_and_its_process_is_gone(tmp_path):
    run = ScriptRun(write(tmp_path, "while True:\n    pass\n"), timeout=1.0).start()
    result = run.wait(SAFETY_S)
    assert result is not None and result.error.kind == "timeout"
    assert not run.running and gone(run.pid)


def test_stop_ends_a_running_script_and_its_process(tmp_path):
    marker = tmp_path / "started"
    run = ScriptRun(write(tmp_path, f"open({str(marker)!r}, 'w').close()\nwhile True:\n    pass\n"),
                    timeout=SAFETY_S).start()
    while not marker.exists():  # the script is in its loop once the marker is there
        assert run.wait(0.05) is None, run.result.error
    assert run.poll() is None and run.running
    result = run.stop()
    assert result.error.kind == "stopped" and gone(run.pid)
    assert run.stop() is result  # stopping again changes nothing


def test_a_crash_of_the_child_is_reported_with_its_signal(tmp_path):
    script = write(tmp_path, "import os\nprint('about to crash')\nos.abort()\n")
    result = run_script(script, timeout=SAFETY_S)
    assert result.error.kind == "crash" and "SIGABRT" in result.error.message
    assert result.stdout == "about to crash\n"  # what it printed before is kept


def test_threads_the_script_leaves_running_do_not_keep_it_alive(tmp_path):
    script = write(tmp_path, "import threading, time\n"
                             "threading.Thread(target=time.sleep, args=(3600,)).start()\n")
    result = run_script(script, timeout=SAFETY_S)
    assert result.error is None


def test_a_chatty_script_never_blocks_and_its_output_is_kept(tmp_path):
    script = write(tmp_path, "for i in range(200_000):\n    print(i)\n")
    result = run_script(script, timeout=SAFETY_S)
    assert result.error is None and result.stdout.endswith("199999\n")


# **** the gradient check ****


@pytest.mark.parametrize("name", CHAPTERS)
def test_the_chapters_pass_the_gradient_check(name):
    result = run_script(EXAMPLES / name, timeout=SAFETY_S, check=True)
    assert result.checks and not failures(result.checks), format_table(result.checks)
    assert all(r.error < GREEN_BELOW for r in result.checks), format_table(result.checks)
    ops = {n.name for n in result.main_graph.nodes if n.kind == "operation"}
    variables = {n.name for n in result.main_graph.nodes if n.kind == "Variable"}
    assert {r.name for r in result.checks} == ops | variables  # every op and Variable checked


def test_the_check_names_the_op_with_the_wrong_gradient():
    result = run_script(EXAMPLES / "wrong_gradient.py", timeout=SAFETY_S, check=True)
    failed = failures(result.checks)
    assert (failed[0].name, failed[0].op_type) == ("cube", "cube")
    assert failed[0].error > RED_ABOVE and failed[0].verdict == "WRONG"
    assert failed[0].error == pytest.approx(1 / 3)  # 2x² against 3x²
    ops = [r for r in result.checks if r.op_type != "Variable"]
    assert [r.name for r in ops if not r.passed] == ["cube"]  # the sum after it is fine
    table = format_table(result.checks)
    assert "cube" in table and "WRONG" in table


def test_an_op_without_a_gradient_is_named(tmp_path):
    script = write(tmp_path, "from gdviz.engine import *\n"
                             "class double(Operation):\n"
                             "    def __init__(self, x):\n"
                             "        super().__init__([x])\n"
                             "    def compute(self, x):\n"
                             "        return 2 * x\n"
                             "Graph().as_default()\n"
                             "J = reduce_sum(double(Variable([1.0, 2.0], name='v')))\n")
    result = run_script(script, timeout=SAFETY_S, check=True)
    assert "no gradient registered for op type 'double'" in result.main_graph.problem
    row = next(r for r in result.checks if r.op_type == "double")
    assert not row.passed and "no gradient registered" in row.note


def test_finite_differences_stay_accurate_at_the_edge_of_a_domain():
    """log of a probability of 2.5e-6: the first step leaves log's domain, smaller ones
    must be taken until the estimate is right."""
    x = np.array([2.5e-6, 0.3, 4.0])
    for i in range(3):
        numeric = derivative(lambda: float(np.sum(np.log(x))), x, i)
        assert numeric == pytest.approx(1 / x[i], rel=1e-8)
    np.testing.assert_array_equal(x, [2.5e-6, 0.3, 4.0])  # left as it was


def test_thresholds_are_ordered():
    assert GREEN_BELOW < FAIL_ABOVE < RED_ABOVE


# **** --check-gradients on the real command line ****


def check_command(script):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "main.py", "--check-gradients", str(script)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=SAFETY_S)


def test_check_gradients_exits_0_when_every_gradient_agrees():
    result = check_command(EXAMPLES / "ch4_gradient_descent.py")
    assert result.returncode == 0, result.stderr
    assert "Step: 90" in result.stdout and "softmax" in result.stdout and "WRONG" not in result.stdout


def test_check_gradients_exits_1_naming_the_wrong_op():
    result = check_command(EXAMPLES / "wrong_gradient.py")
    assert result.returncode == 1, result.stderr
    assert "the gradient of op 'cube' (cube) is wrong" in result.stderr
    assert "WRONG" in result.stdout


def test_check_gradients_exits_2_with_the_scripts_error(tmp_path):
    result = check_command(write(tmp_path, "import numpy\n\nnumpy.zeros(3) @ numpy.zeros(4)\n", "bad.py"))
    assert result.returncode == 2
    assert "bad.py, line 3" in result.stderr and "ValueError" in result.stderr


# **** the scenario as code ****


def _scenarios():
    named = {name: (s.model_config, s.dataset, s.weight_list() or None)
             for name, s in example_sessions().items()}
    moons = make_dataset(DatasetConfig(name="moons", n_points=60, noise=0.5, test_fraction=0.25))
    blobs = make_dataset(DatasetConfig(name="blobs3", n_points=60))
    for optimizer in OPTIMIZERS:
        named[f"perceptron-mean-{optimizer}"] = (
            ModelConfig(kind="perceptron", optimizer=optimizer, learning_rate=0.05), blobs, None)
        named[f"mlp-relu-sum-{optimizer}"] = (
            ModelConfig(kind="mlp", hidden=(5, 3), activation="relu", reduction="sum",
                        optimizer=optimizer, learning_rate=0.01, seed=4), moons, None)
    return named


SCENARIOS = _scenarios()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_generated_code_builds_the_scenarios_loss_and_gradients(name):
    config, dataset, weights = SCENARIOS[name]
    model = Model(config, dataset.n_classes, weights)
    feed = model.feed(dataset.X[dataset.train_mask], dataset.one_hot(dataset.train_mask))
    loss = model.session.run(model.loss, feed)
    grads = compute_gradients(model.loss)

    namespace = {"__name__": "generated"}  # not "__main__": the code only builds the graph
    exec(compile(scenario_code(config, dataset, weights), name, "exec"), namespace)
    J, feed_dict = namespace["J"], namespace["feed_dict"]
    assert Session().run(J, feed_dict) == pytest.approx(loss, rel=1e-12)
    generated = compute_gradients(J)
    for variable in model.variables:
        np.testing.assert_allclose(generated[namespace[variable.name]], grads[variable], rtol=1e-12)

    # One step of the same optimizer moves the weights alike.
    model.train_step(feed)
    Session().run(namespace["minimization_op"], feed_dict)
    for variable in model.variables:
        np.testing.assert_allclose(namespace[variable.name].value, variable.value, rtol=1e-12)


def test_generated_code_of_a_large_dataset_says_it_embeds_only_the_first_points(tmp_path):
    dataset = make_dataset(DatasetConfig(name="moons", n_points=MAX_EMBEDDED_POINTS + 100))
    code = scenario_code(ModelConfig(), dataset)
    assert f"Only the first {MAX_EMBEDDED_POINTS} of the {MAX_EMBEDDED_POINTS + 100}" in code
    namespace = {"__name__": "generated"}
    exec(code, namespace)
    np.testing.assert_array_equal(namespace["points"], dataset.X[:MAX_EMBEDDED_POINTS])


def test_generated_code_runs_as_a_script(tmp_path):
    session = example_sessions()["tutorial"]
    script = write(tmp_path, scenario_code(session.model_config, session.dataset, session.weight_list()))
    result = run_script(script, timeout=SAFETY_S, check=True)
    assert result.error is None and "Step: 90" in result.stdout
    assert result.main_graph.optimizer == "GradientDescentOptimizer"
    assert not failures(result.checks)


def test_generated_code_can_read_the_points_from_a_csv_file(tmp_path):
    from gdviz.session.dataset_files import save_dataset_csv

    dataset = make_dataset(DatasetConfig(name="xor", n_points=40, test_fraction=0.25))
    save_dataset_csv(tmp_path / "xor.csv", dataset)
    config = ModelConfig(kind="mlp", hidden=(3,))
    namespace = {"__name__": "generated"}
    exec(scenario_code(config, dataset, csv_path=tmp_path / "xor.csv"), namespace)
    model = Model(config, dataset.n_classes)
    loss = model.evaluate(dataset.X[dataset.train_mask], dataset.one_hot(dataset.train_mask))[0]
    assert Session().run(namespace["J"], namespace["feed_dict"]) == pytest.approx(loss, rel=1e-12)


def test_leaving_a_with_block_stops_the_script(tmp_path):
    with ScriptRun(write(tmp_path, "while True:\n    pass\n"), timeout=SAFETY_S) as run:
        assert run.running
    assert run.result.error.kind == "stopped" and gone(run.pid)
