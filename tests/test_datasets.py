"""Datasets: every generator, reproducibility, noise, the split, edits."""

import numpy as np
import pytest

from gdviz.training.datasets import DATASET_NAMES, Dataset, DatasetConfig, data_extent, make_dataset
from gdviz.lesson.tutorial import tutorial_points


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_each_dataset_has_its_classes_and_size(name):
    d = make_dataset(DatasetConfig(name=name, n_points=101))
    assert d.X.shape == (101, 2) and d.name == name
    assert set(d.labels) == set(range(d.n_classes))
    counts = np.bincount(d.labels)
    assert counts.max() - counts.min() <= 1
    assert np.all(np.isfinite(d.X))


def test_blobs_have_three_and_four_classes():
    assert make_dataset(DatasetConfig(name="blobs3")).n_classes == 3
    assert make_dataset(DatasetConfig(name="blobs4")).n_classes == 4


def test_tutorial_dataset_is_the_tutorials_points():
    X, c = tutorial_points(seed=0, n=50)
    d = make_dataset(DatasetConfig(name="tutorial", n_points=100, seed=0))
    np.testing.assert_array_equal(d.X, X)
    np.testing.assert_array_equal(d.one_hot(), c)
    # blue (label 0) around (2, 2), red (label 1) around (-2, -2)
    np.testing.assert_allclose(d.X[d.labels == 0].mean(axis=0), [2, 2], atol=0.4)
    np.testing.assert_allclose(d.X[d.labels == 1].mean(axis=0), [-2, -2], atol=0.4)


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_same_seed_same_points_other_seed_other_points(name):
    a = make_dataset(DatasetConfig(name=name, seed=3))
    b = make_dataset(DatasetConfig(name=name, seed=3))
    c = make_dataset(DatasetConfig(name=name, seed=4))
    np.testing.assert_array_equal(a.X, b.X)
    assert not np.array_equal(a.X, c.X)


def test_noise_spreads_the_points():
    def spread(noise):
        d = make_dataset(DatasetConfig(name="tutorial", noise=noise))
        return d.X[d.labels == 0].std()

    assert spread(0.0) == 0
    assert spread(0.5) < spread(1.0) < spread(2.0)


@pytest.mark.parametrize("fraction", [0.0, 0.2, 0.5])
def test_test_split_holds_out_that_fraction_without_moving_points(fraction):
    d = make_dataset(DatasetConfig(test_fraction=fraction, n_points=200))
    assert d.is_test.sum() == round(fraction * 200)
    np.testing.assert_array_equal(d.X, make_dataset(DatasetConfig(n_points=200)).X)


@pytest.mark.parametrize(
    "config",
    [
        DatasetConfig(name="nope"),
        DatasetConfig(n_points=1),
        DatasetConfig(noise=-1),
        DatasetConfig(test_fraction=0.6),
    ],
)
def test_bad_configs_are_refused_with_a_message(config):
    with pytest.raises(ValueError, match=r"\w"):
        make_dataset(config)


def test_edits_make_new_datasets_and_leave_the_old_one():
    d = make_dataset(DatasetConfig(n_points=10, test_fraction=0.2))
    moved = d.with_point_moved(3, 9.0, -9.0)
    assert tuple(moved.X[3]) == (9.0, -9.0) and tuple(d.X[3]) != (9.0, -9.0)
    added = d.with_point_added(1.0, 2.0, 1)
    assert len(added) == 11 and added.labels[-1] == 1 and not added.is_test[-1]
    removed = d.with_point_removed(0)
    assert len(removed) == 9
    np.testing.assert_array_equal(removed.X, d.X[1:])
    np.testing.assert_array_equal(removed.is_test, d.is_test[1:])
    with pytest.raises(ValueError, match="label 5"):
        d.with_point_added(0, 0, 5)
    with pytest.raises(ValueError):
        d.X[0, 0] = 1.0  # read-only


def test_extent_contains_every_point():
    d = make_dataset(DatasetConfig(name="moons"))
    xmin, xmax, ymin, ymax = data_extent(d)
    assert xmin < d.X[:, 0].min() and d.X[:, 0].max() < xmax
    assert ymin < d.X[:, 1].min() and d.X[:, 1].max() < ymax
    assert data_extent(Dataset(np.zeros((0, 2)), [])) == (-1.0, 1.0, -1.0, 1.0)
