"""A small controls widget for a TrainingPanel: dataset and model pickers, play, step, reset.

The main window docks it where it likes; it only calls the panel's controller API.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..datasets import DATASET_NAMES, DATASET_TITLES, DatasetConfig, make_dataset
from ..models import ACTIVATIONS, OPTIMIZERS, REDUCTIONS
from .training_panel import TrainingPanel


class TrainingControls(QWidget):
    """Pickers and buttons that steer ``panel``."""

    def __init__(self, panel: TrainingPanel, parent=None):
        super().__init__(parent)
        self.setObjectName("trainingControls")
        self.panel = panel
        form = QFormLayout(self)

        self.dataset_box = QComboBox(objectName="datasetPicker")
        for name in DATASET_NAMES:
            self.dataset_box.addItem(DATASET_TITLES[name], name)
        self.points_box = QSpinBox(objectName="pointsPicker", minimum=4, maximum=2000, value=100)
        self.noise_box = QDoubleSpinBox(objectName="noisePicker", minimum=0, maximum=3, singleStep=0.1, value=1.0)
        self.test_box = QDoubleSpinBox(objectName="testFractionPicker", minimum=0, maximum=0.5,
                                       singleStep=0.05, value=0.0)
        self.seed_box = QSpinBox(objectName="seedPicker", minimum=0, maximum=10_000)
        new_data = QPushButton("New data", objectName="newDataButton")
        new_data.clicked.connect(self.apply_dataset)
        for label, widget in (("Dataset", self.dataset_box), ("Points", self.points_box),
                              ("Noise", self.noise_box), ("Test fraction", self.test_box),
                              ("Seed", self.seed_box), ("", new_data)):
            form.addRow(label, widget)

        self.kind_box = QComboBox(objectName="modelPicker")
        self.kind_box.addItem("Perceptron (the tutorial's)", "perceptron")
        self.kind_box.addItem("MLP", "mlp")
        self.hidden_edit = QLineEdit("8, 8", objectName="hiddenWidths")
        self.activation_box = QComboBox(objectName="activationPicker")
        self.activation_box.addItems(ACTIVATIONS)
        self.activation_box.setCurrentText("tanh")
        self.reduction_box = QComboBox(objectName="reductionPicker")
        self.reduction_box.addItems(REDUCTIONS)
        self.optimizer_box = QComboBox(objectName="optimizerPicker")
        self.optimizer_box.addItems(OPTIMIZERS)
        apply_model = QPushButton("Apply model", objectName="applyModelButton")
        apply_model.clicked.connect(self.apply_model)
        for label, widget in (("Model", self.kind_box), ("Hidden widths", self.hidden_edit),
                              ("Activation", self.activation_box), ("Loss reduction", self.reduction_box),
                              ("Optimizer", self.optimizer_box), ("", apply_model)):
            form.addRow(label, widget)

        self.lr_box = QDoubleSpinBox(objectName="learningRate", decimals=4, minimum=0.0001, maximum=1000,
                                     value=panel.model_config().learning_rate)
        self.lr_box.valueChanged.connect(panel.set_learning_rate)
        form.addRow("Learning rate", self.lr_box)
        self.class_box = QComboBox(objectName="pointClassPicker")
        self.class_box.currentIndexChanged.connect(lambda i: i >= 0 and panel.set_point_class(i))
        form.addRow("Click adds class", self.class_box)
        trail = QCheckBox("Trail of earlier boundaries", objectName="trailToggle", checked=True)
        trail.toggled.connect(panel.set_trail_visible)
        form.addRow(trail)

        buttons = QHBoxLayout()
        for text, slot, name in (("Play", panel.play, "playButton"), ("Pause", panel.pause, "pauseButton"),
                                 ("Step", panel.step_once, "stepButton"),
                                 ("Retrain from scratch", panel.reset, "resetButton"),
                                 ("Randomise weights", panel.randomise_weights, "randomiseButton")):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        form.addRow(buttons)
        self._update_classes()

    def dataset_config(self) -> DatasetConfig:
        return DatasetConfig(name=self.dataset_box.currentData(), n_points=self.points_box.value(),
                             noise=self.noise_box.value(), test_fraction=self.test_box.value(),
                             seed=self.seed_box.value())

    def apply_dataset(self) -> None:
        """Generate the chosen dataset and train on it."""
        self.panel.set_dataset(make_dataset(self.dataset_config()))
        self._update_classes()

    def apply_model(self) -> None:
        """Train the chosen model (a new architecture restarts training)."""
        try:
            hidden = tuple(int(w) for w in self.hidden_edit.text().replace(",", " ").split())
        except ValueError:
            self.panel._show_warning("Hidden widths must be whole numbers, e.g. 8, 8.")
            return
        config = replace(self.panel.model_config(), kind=self.kind_box.currentData(), hidden=hidden,
                         activation=self.activation_box.currentText(),
                         reduction=self.reduction_box.currentText(),
                         optimizer=self.optimizer_box.currentText(), learning_rate=self.lr_box.value())
        try:
            self.panel.set_model_config(config)
        except ValueError as error:
            self.panel._show_warning(str(error))

    def _update_classes(self):
        self.class_box.clear()
        self.class_box.addItems([f"class {k}" for k in range(self.panel.dataset().n_classes)])

