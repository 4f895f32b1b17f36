"""Training (Qt-free): datasets, models, the trainer, the training process and boundary images."""
