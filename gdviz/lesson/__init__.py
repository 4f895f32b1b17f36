"""The lesson (Qt-free): the tutorial's scenario, sample graphs, the graph layout and the explanation texts."""
