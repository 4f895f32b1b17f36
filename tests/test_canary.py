"""Canary for PySide6-Essentials 6.12.0, which aborts CPython 3.11 after a few thousand
Signal.emit() calls ("Fatal Python error: bool_dealloc"). pyproject pins < 6.12; raise
the pin only once this test passes on the newer version."""

import subprocess
import sys
import textwrap


def test_100000_signal_emits_survive():
    # In a subprocess: the bug aborts the interpreter, which must fail this test
    # rather than kill the whole test run.
    code = textwrap.dedent(
        """
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Emitter(QObject):
            fired = Signal(object)
            flag = Signal(bool)

        app = QCoreApplication([])
        emitter = Emitter()
        received = []
        emitter.fired.connect(received.append)
        count = [0]
        def on_flag(value):
            count[0] += 1
        emitter.flag.connect(on_flag)
        for i in range(100_000):
            emitter.fired.emit(i)
            emitter.flag.emit(i % 2 == 0)
        assert len(received) == 100_000 and count[0] == 100_000
        print("ok", len(received))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ok 100000" in result.stdout
