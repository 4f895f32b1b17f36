"""The main window's controls: the dataset, the model and how it trains.

The controls edit two frozen configs, ``DatasetConfig`` and ``ModelConfig``, and emit a
new one whenever the user changes a field. ``set_configs`` writes them back with the
signals blocked, so that a config loaded from a file does not echo back as an edit.
The commands that run training (Play training, Step training, ...) are not here: they
are the toolbar's, one button each.

The playground's knobs (the input features, the batch size, a penalty and its rate λ)
drop down from a More button at the end, which names the ones in use.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
    QSizePolicy,
)

from gdviz.training.datasets import MAX_TEST_FRACTION, DatasetConfig
from gdviz.session.files import MAX_POINTS
from gdviz.training.features import DEFAULT_FEATURES, FEATURE_LABELS, FEATURE_WORDS, FEATURES, features_summary
from gdviz.training.models import MAX_HIDDEN_LAYERS, MAX_PENALTY_RATE, ModelConfig
from gdviz.ui.window.scenario_fields import (  # noqa: F401 (family_of, parse_widths: also from here)
    ACTIVATION_TITLES,
    AFRESH,
    BLOB_CLASSES,
    CONTINUES,
    FILE_SOURCE,
    MAX_WIDTH,
    MODEL_TITLES,
    OPTIMIZER_TITLES,
    PENALTY_TITLES,
    REDUCTION_TITLES,
    combo,
    family_of,
    family_titles,
    parse_widths,
    say_what_it_does,
    select,
    spin,
    translated,
)


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
        layout.addWidget(self._build_more(), 0, Qt.AlignTop)
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
        self.dataset_box = combo("datasetBox", family_titles(), self.tr("Which points to learn to separate"))
        self.classes_box = spin(QSpinBox, "classesBox", 2, max(BLOB_CLASSES), self.tr(
            "How many classes (colours): 3 or 4 for blobs; the other datasets have 2"))
        self.size_box = spin(QSpinBox, "sizeBox", 4, 5000, self.tr("How many points to generate"), step=10)
        self.noise_box = spin(QDoubleSpinBox, "noiseBox", 0.0, 3.0, self.tr(
            "How far points stray from their pattern: 1 is the usual spread, 0 none"), step=0.1)
        self.test_box = spin(QDoubleSpinBox, "testSplitBox", 0.0, MAX_TEST_FRACTION, self.tr(
            "Fraction of points held out for testing: training never sees them (drawn hollow)"), step=0.05)
        say_what_it_does(AFRESH, self.dataset_box, self.classes_box, self.size_box, self.noise_box,
                         self.test_box)
        box = self._group(self.tr("Dataset"), [
            [(self.tr("Points"), self.dataset_box)],
            [(self.tr("Size"), self.size_box), (self.tr("Classes"), self.classes_box)],
            [(self.tr("Noise"), self.noise_box), (self.tr("Test split"), self.test_box)]])
        self.dataset_box.currentIndexChanged.connect(self._dataset_edited)
        for box_ in (self.classes_box, self.size_box, self.noise_box, self.test_box):
            box_.valueChanged.connect(self._dataset_edited)
        return box

    def _build_model_box(self) -> QWidget:
        self.model_box = combo("modelBox", translated(MODEL_TITLES), self.tr(
            "Perceptron: p = softmax(XW + b), as in the tutorial. "
            "MLP: hidden layers before the softmax, for curved boundaries"))
        self.layers_box = spin(QSpinBox, "layersBox", 1, MAX_HIDDEN_LAYERS,
                               self.tr("How many hidden layers the MLP has"))
        self.widths_edit = QLineEdit()
        self.widths_edit.setObjectName("widthsEdit")
        self.widths_edit.setToolTip(self.tr("Neurons per hidden layer, comma-separated (1 to {most} each), "
                                            "e.g. 8, 8").format(most=MAX_WIDTH))
        self.activation_box = combo("activationBox", ACTIVATION_TITLES,
                                    self.tr("The nonlinearity after each hidden layer"))
        say_what_it_does(AFRESH, self.model_box, self.layers_box, self.widths_edit, self.activation_box)
        box = self._group(self.tr("Model"), [
            [(self.tr("Model"), self.model_box)],
            [(self.tr("Hidden layers"), self.layers_box), (self.tr("Widths"), self.widths_edit)],
            [(self.tr("Activation"), self.activation_box)]])
        self.model_box.currentIndexChanged.connect(self._model_edited)
        self.activation_box.currentIndexChanged.connect(self._model_edited)
        self.layers_box.valueChanged.connect(self._layers_edited)
        self.widths_edit.editingFinished.connect(self._model_edited)
        return box

    def _build_training_box(self) -> QWidget:
        self.reduction_box = combo("lossBox", translated(REDUCTION_TITLES), self.tr(
            "The loss J adds up (sum, as the tutorial) or averages (mean) the cross-entropy of every point"))
        self.optimizer_box = combo("optimizerBox", translated(OPTIMIZER_TITLES), self.tr(
            "How a step uses the gradients: plain gradient descent W ← W − η ∂J/∂W, or with momentum, "
            "or Adam"))
        self.rate_box = spin(QDoubleSpinBox, "learningRateBox", 0.0001, 100.0, self.tr(
            "The learning rate η: how far each step moves the weights against the gradient. Too large "
            "and training diverges"), decimals=4)
        say_what_it_does(CONTINUES, self.reduction_box, self.optimizer_box, self.rate_box)
        box = self._group(self.tr("Training"), [[(self.tr("Loss"), self.reduction_box)],
                                                [(self.tr("Optimizer"), self.optimizer_box)],
                                                [(self.tr("Learning rate"), self.rate_box)]])
        self.reduction_box.currentIndexChanged.connect(self._model_edited)
        self.optimizer_box.currentIndexChanged.connect(self._model_edited)
        self.rate_box.valueChanged.connect(self._model_edited)
        return box

    def _build_more(self) -> QToolButton:
        """The playground's knobs, in a panel that drops down from a More button: the strip
        has no room left at 1280 pixels, and the tutorial needs none of them."""
        self.more_panel = QFrame(self, Qt.Popup)
        self.more_panel.setObjectName("morePanel")
        self.more_panel.setFrameShape(QFrame.StyledPanel)
        grid = QGridLayout(self.more_panel)
        self.feature_checks = {}
        for i, feature in enumerate(FEATURES):
            check = self.feature_checks[feature] = QCheckBox(FEATURE_LABELS[feature])
            check.setObjectName(f"{FEATURE_WORDS[feature]}FeatureCheck")
            check.setToolTip(self.tr("{feature} as a column of the model's input X. With x₁² and x₂² a "
                                     "perceptron draws circles").format(feature=FEATURE_LABELS[feature]))
            check.toggled.connect(self._model_edited)
            grid.addWidget(check, i // 4, 1 + i % 4)
        self.batch_box = spin(QSpinBox, "batchSizeBox", 0, MAX_POINTS, self.tr(
            "Points per step. All: every training point, as the tutorial. Fewer: a fresh random "
            "mini-batch each step (stochastic gradient descent); the curve still shows J over all of them"))
        self.batch_box.setSpecialValueText(self.tr("All"))
        self.penalty_box = combo("penaltyBox", translated(PENALTY_TITLES), self.tr(
            "A penalty on the weight matrices (not the biases), added to the loss: "
            "J = data_loss + penalty. L2 shrinks every weight, L1 pushes some to exactly 0"))
        self.penalty_rate_box = spin(QDoubleSpinBox, "penaltyRateBox", 0.0, MAX_PENALTY_RATE, self.tr(
            "λ, the penalty's rate: how much small weights matter against fitting the points"), decimals=4)
        say_what_it_does(AFRESH, *self.feature_checks.values())
        say_what_it_does(CONTINUES, self.batch_box, self.penalty_box, self.penalty_rate_box)
        grid.addWidget(QLabel(self.tr("Inputs")), 0, 0)
        for row, (text, widget) in enumerate([(self.tr("Batch"), self.batch_box),
                                              (self.tr("Penalty"), self.penalty_box),
                                              ("λ", self.penalty_rate_box)], start=2):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1, 1, 2)
        self.penalty_box.currentIndexChanged.connect(self._model_edited)
        self.batch_box.valueChanged.connect(self._model_edited)
        self.penalty_rate_box.valueChanged.connect(self._model_edited)
        self.more_button = QToolButton()
        self.more_button.setObjectName("moreButton")
        self.more_button.clicked.connect(self._show_more)
        return self.more_button

    def _show_more(self) -> None:
        self.more_panel.move(self.more_button.mapToGlobal(QPoint(0, self.more_button.height())))
        self.more_panel.show()

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
                   self.reduction_box, self.optimizer_box, self.rate_box, self.batch_box,
                   self.penalty_box, self.penalty_rate_box, *self.feature_checks.values()]
        for w in widgets:
            w.blockSignals(True)
        try:
            family, classes = family_of(dataset_config.name)
            select(self.dataset_box, family)
            self.classes_box.setValue(classes)
            self.size_box.setValue(dataset_config.n_points)
            self.noise_box.setValue(dataset_config.noise)
            self.test_box.setValue(dataset_config.test_fraction)
            select(self.model_box, model_config.kind)
            self.layers_box.setValue(len(model_config.hidden))
            self.widths_edit.setText(", ".join(str(int(w)) for w in model_config.hidden))
            select(self.activation_box, model_config.activation)
            select(self.reduction_box, model_config.reduction)
            select(self.optimizer_box, model_config.optimizer)
            self.rate_box.setValue(model_config.learning_rate)
            self.batch_box.setValue(model_config.batch_size)
            select(self.penalty_box, model_config.penalty)
            self.penalty_rate_box.setValue(model_config.penalty_rate)
            for feature, check in self.feature_checks.items():
                check.setChecked(feature in model_config.features)
            self._show_knobs(model_config)
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
                box.addItem(self.tr("From file: {name}").format(name=origin), FILE_SOURCE)
                box.setItemData(box.count() - 1, self.tr("The points opened from {name}").format(name=origin),
                                Qt.ToolTipRole)
                box.setCurrentIndex(box.count() - 1)
            else:
                family, _ = family_of(self._dataset_config.name)
                select(box, family)
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
        self.penalty_rate_box.setEnabled(self.penalty_box.currentData() != "none")
        ticked = [check for check in self.feature_checks.values() if check.isChecked()]
        for check in self.feature_checks.values():  # the last input left cannot go
            check.setEnabled(ticked != [check])

    def _show_knobs(self, config: ModelConfig) -> None:
        """The More button counts the knobs in use; its tooltip says how they are set."""
        used = sum([tuple(config.features) != DEFAULT_FEATURES, config.batch_size > 0, config.penalty != "none"])
        if config.penalty == "none":
            penalty = self.tr("none")
        else:
            penalty = "{name}, λ = {rate:g}".format(name=config.penalty.upper(), rate=config.penalty_rate)
        self.more_button.setText(self.tr("More ({count}) ▾").format(count=used) if used else self.tr("More ▾"))
        inputs = features_summary(config.features, len(config.features))
        batch = str(config.batch_size) if config.batch_size else self.tr("all")
        self.more_button.setToolTip(self.tr("Input features, mini-batches, a penalty: inputs {inputs} · "
                                            "batch {batch} · penalty {penalty}")
                                    .format(inputs=inputs, batch=batch, penalty=penalty))

    def _checked_features(self) -> tuple:
        """The ticked features, in the config's order while they are the same set (a file's
        order is its weights' rows), else in the order of the list."""
        ticked = {f for f, check in self.feature_checks.items() if check.isChecked()}
        if ticked == set(self._model_config.features):
            return tuple(self._model_config.features)
        return tuple(f for f in FEATURES if f in ticked)

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
        features = self._checked_features()
        config = replace(self._model_config, kind=self.model_box.currentData(), hidden=hidden,
                         activation=self.activation_box.currentData(),
                         reduction=self.reduction_box.currentData(),
                         optimizer=self.optimizer_box.currentData(),
                         learning_rate=float(self.rate_box.value()),
                         batch_size=self.batch_box.value(), penalty=self.penalty_box.currentData(),
                         penalty_rate=round(float(self.penalty_rate_box.value()), 6), features=features)
        self._update_enabled()
        if config != self._model_config:
            self._model_config = config
            self.layers_box.blockSignals(True)
            self.layers_box.setValue(len(hidden))
            self.layers_box.blockSignals(False)
            self.modelConfigChanged.emit(config)
