"""The messages between the training worker and the training process: typed, picklable, framed
as a plain Connection reads them, and coalesced while the training process is busy."""

import dataclasses
import inspect
import pickle
import socket
from multiprocessing.connection import Connection

import numpy as np
import pytest

from gdviz.training import protocol
from gdviz.training.datasets import DatasetConfig, make_dataset
from gdviz.training.models import ModelConfig
from gdviz.training.protocol import (
    Applied, Commands, Credit, CurveRows, Diverged, Failed, FrameReader, Randomise, Reset, SetConfig, SetDataset,
    SetPace, SetPlaying, SetTrainOnly, SetWeights, SnapshotMessage, Start, Stop, TakeSteps, TrainingState, coalesce, encode)
from gdviz.training.trainer import Trainer

DATASET = make_dataset(DatasetConfig(name="moons", n_points=40, test_fraction=0.25))
CONFIG = ModelConfig(kind="mlp", hidden=(4,))


def _examples():
    trainer = Trainer(CONFIG, DATASET)
    trainer.train(3)
    weights = tuple(trainer.model.get_weights())
    state = TrainingState(CONFIG, DATASET, weights, 3, playing=True)
    commands = (Start(CONFIG, DATASET), SetDataset(DATASET), SetConfig(CONFIG), Reset(), Randomise(7),
                SetWeights(weights, 3), SetPlaying(True), SetPace(5.0), SetTrainOnly((0, 3)), TakeSteps(5))
    return [
        state, *commands, Commands(2, commands), Credit(), Stop(),
        Applied(2, state), Applied(1, None),
        SnapshotMessage(snapshot=trainer.snapshot(), config=CONFIG, n_classes=2,
                        loss_curve=CurveRows(0, *trainer.loss_history.arrays()),
                        accuracy_curve=CurveRows(2, *trainer.accuracy_history.arrays()),
                        test_loss_curve=CurveRows(0, np.zeros(0), np.zeros(0)),
                        steps_per_second=120.0, playing=True),
        CurveRows(4, np.arange(4.0, 6.0), np.ones(2)),
        Diverged(9, "Training diverged at step 9"), Failed("Traceback (most recent call last): ..."),
    ]


def _same(a, b) -> bool:
    """Equal values all the way down: dataclass fields, tuples, numpy arrays."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if dataclasses.is_dataclass(a):
        return type(a) is type(b) and all(
            _same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    return a == b


def test_every_message_type_pickles_round_trip():
    examples = _examples()
    defined = {c for _, c in inspect.getmembers(protocol, inspect.isclass)
               if dataclasses.is_dataclass(c) and c.__module__ == protocol.__name__}
    assert {type(m) for m in examples} == defined  # a new message type needs an example here
    for message in examples:
        copy = pickle.loads(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        assert copy is not message and _same(copy, message), message
        with pytest.raises(dataclasses.FrozenInstanceError):  # frozen: no one edits a message in flight
            message.serial = 0


def test_frames_are_those_a_plain_connection_reads_and_writes():
    """The parent frames bytes itself (it must not block); the child reads with a Connection."""
    parent_end, child_end = socket.socketpair()
    child = Connection(child_end.detach())
    try:
        messages = _examples()
        for message in messages:
            parent_end.sendall(encode(message))
            assert _same(child.recv(), message)
        reader = FrameReader()
        for message in messages:
            child.send(message)
        data = b""
        while len(data) < sum(len(encode(m)) for m in messages):
            data += parent_end.recv(1 << 16)
        received = []
        for i in range(0, len(data), 1000):  # the bytes arrive in pieces: a message completes late
            received += reader.feed(data[i:i + 1000])
        assert len(received) == len(messages) and all(map(_same, received, messages))
    finally:
        parent_end.close()
        child.close()


def test_a_drag_while_training_is_busy_coalesces_to_the_newest_dataset():
    first, last = make_dataset(DatasetConfig(seed=1)), make_dataset(DatasetConfig(seed=2))
    assert coalesce(SetDataset(first), SetDataset(last)) == SetDataset(last)
    assert coalesce(TakeSteps(2), TakeSteps(3)) == TakeSteps(5)  # steps owed add up
    assert coalesce(SetPlaying(True), SetPlaying(False)) == SetPlaying(False)
    assert coalesce(SetPlaying(False), TakeSteps(1)) is None  # different commands keep their order
    assert coalesce(Start(CONFIG, first), Start(CONFIG, last)) is None
