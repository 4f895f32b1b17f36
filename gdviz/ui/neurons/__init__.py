"""The neuron view: every unit drawn with its own picture over the input plane."""
