"""The main window's controls: the dataset, the model and how it trains.

The controls edit two frozen configs, ``DatasetConfig`` and ``ModelConfig``, and emit a
new one whenever the user changes a field. ``set_configs`` writes them back with the
signals blocked, so that a config loaded from a file does not echo back as an edit.
The commands that run training (Play training, Step training, ...) are not here: they
are the toolbar's, one button each.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
    QSizePolicy,
)

from gdviz.training.datasets import DATASET_TITLES, MAX_TEST_FRACTION, DatasetConfig
from gdviz.training.models import MAX_HIDDEN_LAYERS, MAX_HIDDEN_WIDTH, ModelConfig

# Dataset families; blobs come with 3 or 4 classes, the others with 2.
FAMILIES = {
    "tutorial": "Tutorial: two clouds",
    "xor": DATASET_TITLES["xor"],
    "circles": DATASET_TITLES["circles"],
    "moons": DATASET_TITLES["moons"],
    "spirals": DATASET_TITLES["spirals"],
    "blobs": "Gaussian blobs",
}
BLOB_CLASSES = (3, 4)
MODEL_TITLES = {"perceptron": "Perceptron (tutorial)", "mlp": "MLP (hidden layers)"}
ACTIVATION_TITLES = {"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"}
REDUCTION_TITLES = {"sum": "Sum (tutorial)", "mean": "Mean"}
OPTIMIZER_TITLES = {"gd": "Gradient descent", "momentum": "Momentum", "adam": "Adam"}
MAX_WIDTH = MAX_HIDDEN_WIDTH


def family_of(name: str) -> tuple:
    """``("blobs", 3)`` for ``"blobs3"``, ``("moons", 2)`` for ``"moons"``."""
    if name.startswith("blobs"):
        return "blobs", int(name[5:])
    return name, 2


def parse_widths(text: str) -> tuple:
    """``"16, 8"`` -> (16, 8). Raises ValueError naming the bad entry."""
    widths = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= MAX_WIDTH:
            raise ValueError(f"hidden width {part!r} must be a whole number from 1 to {MAX_WIDTH}")
        widths.append(int(part))
    if not 1 <= len(widths) <= MAX_HIDDEN_LAYERS:
        raise ValueError(f"give 1 to {MAX_HIDDEN_LAYERS} hidden widths, e.g. 8, 8")
    return tuple(widths)


def _combo(name: str, items: dict, tip: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for key, title in items.items():
        box.addItem(title, key)
    box.setToolTip(tip)
    return box


def _select(box: QComboBox, key) -> None:
    index = box.findData(key)
    if index >= 0:
        box.setCurrentIndex(index)


FILE_SOURCE = "file"  # the Points box's item for points opened from a file
# What a change does to training (the session model's rule, gdviz.session.model), said
# in each control's tooltip.
AFRESH = "Changing it starts training afresh: new weights, step 0, curves cleared (Ctrl+Z undoes it)."
CONTINUES = "Changing it continues training from the current weights (Ctrl+Z undoes it)."


def _say_what_it_does(sentence: str, *widgets) -> None:
    for widget in widgets:
        widget.setToolTip(f"{widget.toolTip()}\n{sentence}" if widget.toolTip() else sentence)


class ScenarioControls(QWidget):
    """Dataset, model and training settings.

    Signals:
        datasetConfigChanged(DatasetConfig): the user asked for other points.
        modelConfigChanged(ModelConfig): the user changed the model or its training.
        problem(str): an entry the user typed cannot be used (e.g. a bad width).
    """

    datasetConfigChanged = Signal(object)
    modelConfigChanged = Signal(object)
    problem = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("scenarioControls")
        self._dataset_config = DatasetConfig()
        self._model_config = ModelConfig()
        layout = QBoxLayout(QBoxLayout.TopToBottom, self)
        layout.setContentsMargins(6, 6, 6, 6)
        self._strip_rows = []  # per group: rows of (label, widget) as the strip shows them
        self.groups = [self._build_dataset_box(), self._build_model_box(), self._build_training_box()]
        for group in self.groups:
            layout.addWidget(group)
        layout.addStretch(1)
        self.orientation = Qt.Vertical
        self._place_fields(horizontal=False)
        self.set_configs(self._dataset_config, self._model_config)

    def set_orientation(self, orientation) -> None:
        """Stack the groups (Qt.Vertical, for a side dock) or line them up (Qt.Horizontal,
        for a strip above or below the graph)."""
        self.orientation = orientation
        horizontal = orientation == Qt.Horizontal
        self.layout().setDirection(QBoxLayout.LeftToRight if horizontal else QBoxLayout.TopToBottom)
        self._place_fields(horizontal)
        for group in self.groups:
            group.setSizePolicy(QSizePolicy.Preferred,
                                QSizePolicy.Preferred if horizontal else QSizePolicy.Maximum)

    def _place_fields(self, horizontal: bool) -> None:
        """Each group's fields in a grid: in a strip, up to two fields a row (three rows
        at most, so that the strip stays low and the graph keeps the height); in a side
        dock, one field a row."""
        for group, rows in zip(self.groups, self._strip_rows):
            grid = group.layout()
            while grid.count():
                grid.takeAt(0)
            if not horizontal:
                rows = [[field] for row in rows for field in row]
            for r, row in enumerate(rows):
                for c, (label, widget) in enumerate(row):
                    grid.addWidget(label, r, 2 * c)
                    # A field alone on its row takes the whole width of the group.
                    grid.addWidget(widget, r, 2 * c + 1, 1, 3 if len(row) == 1 else 1)

    def _group(self, title: str, rows) -> QGroupBox:
        """A group of (label text, widget) rows; ``rows`` is the strip's arrangement."""
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(3)
        labelled = []
        for row in rows:
            labelled.append([])
            for text, widget in row:
                label = QLabel(text)
                label.setBuddy(widget)
                labelled[-1].append((label, widget))
        self._strip_rows.append(labelled)
        return box

    # **** building ****

    def _build_dataset_box(self) -> QWidget:
        self.dataset_box = _combo("datasetBox", FAMILIES, "Which points to learn to separate")
        self.classes_box = QSpinBox()
        self.classes_box.setObjectName("classesBox")
        self.classes_box.setRange(2, max(BLOB_CLASSES))
        self.classes_box.setToolTip("How many classes (colours): 3 or 4 for blobs; the other datasets have 2")
        self.size_box = QSpinBox()
        self.size_box.setObjectName("sizeBox")
        self.size_box.setRange(4, 5000)
        self.size_box.setSingleStep(10)
        self.size_box.setToolTip("How many points to generate")
        self.noise_box = QDoubleSpinBox()
        self.noise_box.setObjectName("noiseBox")
        self.noise_box.setRange(0.0, 3.0)
        self.noise_box.setSingleStep(0.1)
        self.noise_box.setToolTip("How far points stray from their pattern: 1 is the usual spread, 0 none")
        self.test_box = QDoubleSpinBox()
        self.test_box.setObjectName("testSplitBox")
        self.test_box.setRange(0.0, MAX_TEST_FRACTION)
        self.test_box.setSingleStep(0.05)
        self.test_box.setToolTip("Fraction of points held out for testing: training never sees them "
                                 "(drawn hollow)")
        _say_what_it_does(AFRESH, self.dataset_box, self.classes_box, self.size_box, self.noise_box,
                          self.test_box)
        box = self._group("Dataset", [[("Points", self.dataset_box)],
                                      [("Size", self.size_box), ("Classes", self.classes_box)],
                                      [("Noise", self.noise_box), ("Test split", self.test_box)]])
        self.dataset_box.currentIndexChanged.connect(self._dataset_edited)
        for spin in (self.classes_box, self.size_box, self.noise_box, self.test_box):
            spin.setKeyboardTracking(False)  # one change per typed number, not per digit
            spin.valueChanged.connect(self._dataset_edited)
        return box

    def _build_model_box(self) -> QWidget:
        self.model_box = _combo("modelBox", MODEL_TITLES,
                                "Perceptron: p = softmax(XW + b), as in the tutorial. "
                                "MLP: hidden layers before the softmax, for curved boundaries")
        self.layers_box = QSpinBox()
        self.layers_box.setObjectName("layersBox")
        self.layers_box.setRange(1, MAX_HIDDEN_LAYERS)
        self.layers_box.setKeyboardTracking(False)
        self.layers_box.setToolTip("How many hidden layers the MLP has")
        self.widths_edit = QLineEdit()
        self.widths_edit.setObjectName("widthsEdit")
        self.widths_edit.setToolTip(f"Neurons per hidden layer, comma-separated (1 to {MAX_WIDTH} each), e.g. 8, 8")
        self.activation_box = _combo("activationBox", ACTIVATION_TITLES,
                                     "The nonlinearity after each hidden layer")
        _say_what_it_does(AFRESH, self.model_box, self.layers_box, self.widths_edit, self.activation_box)
        box = self._group("Model", [[("Model", self.model_box)],
                                    [("Hidden layers", self.layers_box), ("Widths", self.widths_edit)],
                                    [("Activation", self.activation_box)]])
        self.model_box.currentIndexChanged.connect(self._model_edited)
        self.activation_box.currentIndexChanged.connect(self._model_edited)
        self.layers_box.valueChanged.connect(self._layers_edited)
        self.widths_edit.editingFinished.connect(self._model_edited)
        return box

    def _build_training_box(self) -> QWidget:
        self.reduction_box = _combo("lossBox", REDUCTION_TITLES,
                                    "The loss J adds up (sum, as the tutorial) or averages (mean) "
                                    "the cross-entropy of every point")
        self.optimizer_box = _combo("optimizerBox", OPTIMIZER_TITLES,
                                    "How a step uses the gradients: plain gradient descent "
                                    "W ← W − η ∂J/∂W, or with momentum, or Adam")
        self.rate_box = QDoubleSpinBox()
        self.rate_box.setObjectName("learningRateBox")
        self.rate_box.setDecimals(4)
        self.rate_box.setRange(0.0001, 100.0)
        self.rate_box.setStepType(QDoubleSpinBox.AdaptiveDecimalStepType)
        self.rate_box.setKeyboardTracking(False)
        self.rate_box.setToolTip("The learning rate η: how far each step moves the weights "
                                 "against the gradient. Too large and training diverges")
        _say_what_it_does(CONTINUES, self.reduction_box, self.optimizer_box, self.rate_box)
        box = self._group("Training", [[("Loss", self.reduction_box)], [("Optimizer", self.optimizer_box)],
                                       [("Learning rate", self.rate_box)]])
        self.reduction_box.currentIndexChanged.connect(self._model_edited)
        self.optimizer_box.currentIndexChanged.connect(self._model_edited)
        self.rate_box.valueChanged.connect(self._model_edited)
        return box

    # **** configs in and out ****

    @property
    def dataset_config(self) -> DatasetConfig:
        return self._dataset_config

    @property
    def model_config(self) -> ModelConfig:
        return self._model_config

    def set_configs(self, dataset_config: DatasetConfig, model_config: ModelConfig) -> None:
        """Show these configs without emitting any change."""
        self._dataset_config, self._model_config = dataset_config, model_config
        widgets = [self.dataset_box, self.classes_box, self.size_box, self.noise_box, self.test_box,
                   self.model_box, self.layers_box, self.widths_edit, self.activation_box,
                   self.reduction_box, self.optimizer_box, self.rate_box]
        for w in widgets:
            w.blockSignals(True)
        try:
            family, classes = family_of(dataset_config.name)
            _select(self.dataset_box, family)
            self.classes_box.setValue(classes)
            self.size_box.setValue(dataset_config.n_points)
            self.noise_box.setValue(dataset_config.noise)
            self.test_box.setValue(dataset_config.test_fraction)
            _select(self.model_box, model_config.kind)
            self.layers_box.setValue(len(model_config.hidden))
            self.widths_edit.setText(", ".join(str(int(w)) for w in model_config.hidden))
            _select(self.activation_box, model_config.activation)
            _select(self.reduction_box, model_config.reduction)
            _select(self.optimizer_box, model_config.optimizer)
            self.rate_box.setValue(model_config.learning_rate)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._update_enabled()

    def set_source(self, origin: str | None) -> None:
        """Name the file the points came from (None: they come from the generator shown).

        A file shows as the Points box's last item; choosing a generator again makes new
        points (an undoable edit, like any other).
        """
        box = self.dataset_box
        box.blockSignals(True)
        try:
            index = box.findData(FILE_SOURCE)
            if index >= 0:
                box.removeItem(index)
            if origin:
                box.addItem(f"From file: {origin}", FILE_SOURCE)
                box.setItemData(box.count() - 1, f"The points opened from {origin}", Qt.ToolTipRole)
                box.setCurrentIndex(box.count() - 1)
            else:
                family, _ = family_of(self._dataset_config.name)
                _select(box, family)
        finally:
            box.blockSignals(False)
        self._update_enabled()

    def _update_enabled(self) -> None:
        from_file = self.dataset_box.currentData() == FILE_SOURCE
        for w in (self.size_box, self.noise_box, self.test_box):
            w.setEnabled(not from_file)
        self.classes_box.setEnabled(self.dataset_box.currentData() == "blobs")
        mlp = self.model_box.currentData() == "mlp"
        for w in (self.layers_box, self.widths_edit, self.activation_box):
            w.setEnabled(mlp)

    def _dataset_edited(self, *_):
        family = self.dataset_box.currentData()
        if family == FILE_SOURCE:
            return  # the opened points: nothing to generate
        if family == "blobs":
            classes = min(max(self.classes_box.value(), min(BLOB_CLASSES)), max(BLOB_CLASSES))
            name = f"blobs{classes}"
        else:
            name = family
        config = replace(self._dataset_config, name=name, n_points=self.size_box.value(),
                         noise=round(self.noise_box.value(), 4),
                         test_fraction=round(self.test_box.value(), 4))
        self._update_enabled()
        if config != self._dataset_config:
            self._dataset_config = config
            self.set_configs(config, self._model_config)  # e.g. classes snap to 3 for blobs
            self.datasetConfigChanged.emit(config)

    def _layers_edited(self, layers: int):
        try:
            widths = list(parse_widths(self.widths_edit.text()))
        except ValueError:
            widths = list(self._model_config.hidden)
        widths = (widths + [widths[-1]] * layers)[:layers]
        self.widths_edit.setText(", ".join(map(str, widths)))
        self._model_edited()

    def _model_edited(self, *_):
        try:
            hidden = parse_widths(self.widths_edit.text())
        except ValueError as e:
            self.problem.emit(str(e))
            self.widths_edit.setText(", ".join(str(int(w)) for w in self._model_config.hidden))
            return
        config = replace(self._model_config, kind=self.model_box.currentData(), hidden=hidden,
                         activation=self.activation_box.currentData(),
                         reduction=self.reduction_box.currentData(),
                         optimizer=self.optimizer_box.currentData(),
                         learning_rate=float(self.rate_box.value()))
        self._update_enabled()
        if config != self._model_config:
            self._model_config = config
            self.layers_box.blockSignals(True)
            self.layers_box.setValue(len(hidden))
            self.layers_box.blockSignals(False)
            self.modelConfigChanged.emit(config)
