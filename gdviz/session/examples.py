"""The example sessions and datasets shipped in resources/ (Qt-free).

``python -m gdviz.session.examples`` (re)writes them with gdviz.session.files' own savers, so they are
always in the current file format. ``tutorial.gdviz`` is the tutorial's exact scenario.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from gdviz.training.datasets import Dataset, DatasetConfig, make_dataset
from gdviz.session.files import Session, named_weights, save_dataset_csv, save_session
from gdviz.training.models import ModelConfig, initial_weights
from gdviz.resources import resources_dir
from gdviz.training.trainer import Trainer
from gdviz.lesson.tutorial import tutorial_points

# The tutorial trains its perceptron by plain gradient descent, step 0.01, on the summed
# cross-entropy: GradientDescentOptimizer(learning_rate=0.01).minimize(J).
TUTORIAL_MODEL = ModelConfig(kind="perceptron", reduction="sum", optimizer="gd",
                             learning_rate=0.01, seed=0)
TUTORIAL_DATA = DatasetConfig(name="tutorial", n_points=100, noise=1.0, test_fraction=0.0, seed=0)
EXAMPLE_DATASETS = (
    DatasetConfig(name="tutorial", n_points=100),
    DatasetConfig(name="xor", n_points=200, noise=0.5),
    DatasetConfig(name="circles", n_points=300, noise=0.5),
    DatasetConfig(name="moons", n_points=300, noise=0.5),
    DatasetConfig(name="spirals", n_points=400, noise=0.3),
    DatasetConfig(name="blobs3", n_points=300, noise=1.0),
)


def tutorial_session() -> Session:
    """The tutorial's scenario at step 0: its red and blue points, W (2x2) and b (2)."""
    X, c = tutorial_points()
    dataset = Dataset(X=X, labels=np.argmax(c, axis=1), n_classes=2, name="tutorial")
    weights = initial_weights(TUTORIAL_MODEL, 2)  # the tutorial graph's W and b
    return Session(dataset=dataset, model_config=TUTORIAL_MODEL, dataset_config=TUTORIAL_DATA,
                   weights=named_weights(TUTORIAL_MODEL, weights))


def trained_session(data: DatasetConfig, model: ModelConfig, steps: int) -> Session:
    """A session ``steps`` steps into training ``model`` on ``data``, curves included."""
    dataset = make_dataset(data)
    trainer = Trainer(model, dataset)
    trainer.train(steps)
    trainer.snapshot()  # records the held-out loss at the final weights
    histories = {name: np.column_stack(getattr(trainer, name).arrays())
                 for name in ("loss_history", "accuracy_history", "test_loss_history")}
    return Session(dataset=dataset, model_config=model, dataset_config=data,
                   weights=named_weights(model, trainer.model.get_weights()),
                   step=trainer.step, **histories)


def example_sessions() -> dict:
    """``{file stem: Session}`` of every example session."""
    xor = DatasetConfig(name="xor", n_points=200, noise=0.5, test_fraction=0.2, seed=1)
    moons = DatasetConfig(name="moons", n_points=300, noise=0.6, test_fraction=0.2, seed=2)
    spirals = DatasetConfig(name="spirals", n_points=400, noise=0.3, test_fraction=0.2, seed=3)
    return {
        "tutorial": tutorial_session(),
        "xor-mlp": Session(dataset=make_dataset(xor), dataset_config=xor,
                           model_config=ModelConfig(kind="mlp", hidden=(4,), activation="tanh",
                                                    optimizer="adam", learning_rate=0.05)),
        "moons-trained": trained_session(
            moons, ModelConfig(kind="mlp", hidden=(16, 16), activation="relu",
                               optimizer="adam", learning_rate=0.02, seed=2), steps=400),
        "spirals-mlp": Session(dataset=make_dataset(spirals), dataset_config=spirals,
                               model_config=ModelConfig(kind="mlp", hidden=(32, 32, 32),
                                                        activation="tanh", optimizer="adam",
                                                        learning_rate=0.01, seed=3)),
    }


def write_examples(folder: Path | None = None) -> list:
    """Write every example session and dataset under ``folder`` (default: resources/).

    Returns:
        The paths written.
    """
    folder = Path(folder) if folder is not None else resources_dir()
    (folder / "examples").mkdir(parents=True, exist_ok=True)
    (folder / "datasets").mkdir(parents=True, exist_ok=True)
    written = []
    for name, session in example_sessions().items():
        written.append(folder / "examples" / f"{name}.gdviz")
        save_session(written[-1], session)
    for config in EXAMPLE_DATASETS:
        written.append(folder / "datasets" / f"{config.name}.csv")
        save_dataset_csv(written[-1], make_dataset(config))
    return written


if __name__ == "__main__":
    for path in write_examples(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(path)
