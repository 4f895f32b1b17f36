"""Patterns the compiled executor runs as one kernel, and how it finds them.

Both end in a scalar loss over N rows of logits z and labels c (neither of which may
need a gradient of its own, nor be shared with another consumer along the chain):

- the tutorial's loss, J = −Σᵢ Σₖ c ⊙ log softmax(z) (or the mean over i): its forward
  stays literal (p, log p, then one dot product with c) so that a p that reaches 0
  gives the same inf or NaN as the core; its backward is the closed form
  ∂J/∂z = g · (p · Σₖc − c), g = 1 for the sum and 1/N for the mean;
- ``softmax_cross_entropy`` summed or averaged: log-sum-exp forward, the same backward.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .kernels import softmax_into


@dataclass
class Fusions:
    """The fused chains of one graph: ``heads`` maps a chain's last node to its Fusion;
    ``members`` holds the chains' other nodes, which get no kernel of their own."""

    heads: dict = field(default_factory=dict)
    members: set = field(default_factory=set)


def find_fusions(loss, values, needing_gradient) -> Fusions:
    """The fusable chains that end in ``loss``.

    Args:
        loss: the minimised node.
        values: a run of the core (node -> value), for the shapes.
        needing_gradient: nodes the backward pass computes a gradient for.
    """
    fusions = Fusions()
    # A penalised loss is data_loss + penalty: the chain may end in the add's input.
    heads = [loss, *(loss.input_nodes if loss.op_type == "add" else [])]
    for head in heads:
        for finder in (_tutorial_loss, _summed_cross_entropy):
            fusion = finder(head, values, needing_gradient)
            if fusion is not None:
                fusions.heads[fusion.head] = fusion
                fusions.members.update(fusion.members)
                return fusions
    return fusions


def _only_consumer(node, consumer) -> bool:
    return set(node.consumers) == {consumer}


def _is(node, op_type, **attributes) -> bool:
    return node.op_type == op_type and all(
        getattr(node, name, None) in allowed for name, allowed in attributes.items())


def _logits_and_labels_fit(logits, labels, values, needing_gradient) -> bool:
    shape = values[logits].shape
    return (len(shape) == 2 and values[labels].shape == shape and labels not in needing_gradient)


def _tutorial_loss(loss, values, needing_gradient):
    # negative(reduce_sum|reduce_mean(reduce_sum(multiply(c, log(softmax(z))), axis=1)))
    chain = [loss]
    if not _is(loss, "negative"):
        return None
    total = loss.input_nodes[0]
    if not (_is(total, "reduce_sum", axis=(None,)) or _is(total, "reduce_mean", axis=(None,))):
        return None
    rows = total.input_nodes[0]
    if not _is(rows, "reduce_sum", axis=(1, -1)):
        return None
    product = rows.input_nodes[0]
    if not _is(product, "multiply"):
        return None
    logs = [n for n in product.input_nodes if n.op_type == "log"]
    if len(logs) != 1 or product.input_nodes[0] is product.input_nodes[1]:
        return None
    log_p = logs[0]
    labels = product.input_nodes[1 - product.input_nodes.index(log_p)]
    p = log_p.input_nodes[0]
    if not _is(p, "softmax", axis=(-1, 1)):
        return None
    logits = p.input_nodes[0]
    chain += [total, rows, product, log_p, p]
    if not all(_only_consumer(a, b) for a, b in zip(chain[1:], chain[:-1])):
        return None
    if not _logits_and_labels_fit(logits, labels, values, needing_gradient):
        return None
    return _TutorialLoss(loss, set(chain[1:]), logits, labels, p, log_p,
                         mean=total.op_type == "reduce_mean")


def _summed_cross_entropy(loss, values, needing_gradient):
    # reduce_sum|reduce_mean(softmax_cross_entropy(z, c))
    if not (_is(loss, "reduce_sum", axis=(None,)) or _is(loss, "reduce_mean", axis=(None,))):
        return None
    entropy = loss.input_nodes[0]
    if not (_is(entropy, "softmax_cross_entropy") and _only_consumer(entropy, loss)):
        return None
    logits, labels = entropy.input_nodes
    if not _logits_and_labels_fit(logits, labels, values, needing_gradient):
        return None
    return _CrossEntropy(loss, {entropy}, logits, labels, entropy,
                         mean=loss.op_type == "reduce_mean")


@dataclass
class _Chain:
    head: object
    members: set
    logits: object
    labels: object

    def _closed_form_gradient(self, p, probabilities, scale, grad) -> str:
        """∂J/∂z = scale · grad · (p · Σₖc − c) into a new buffer; returns its name."""
        shape = p.shape[self.logits]
        labels = p.value[self.labels]
        label_mass = p.row_reduce("add", labels, shape, "cs")
        out = p.buffer(shape, "dz")
        p.rowwise("multiply", probabilities, label_mass, out, shape)
        p.line(f"np.subtract({out}, {labels}, out={out})")
        if p.is_one(grad):  # the chain ends in the loss itself, whose gradient is 1
            if scale != 1.0:
                p.line(f"np.multiply({out}, {scale!r}, out={out})")
        else:
            factor = p.fresh("f")
            p.line(f"{factor} = {grad} * {scale!r}; np.multiply({out}, {factor}, out={out})")
        return out


@dataclass
class _TutorialLoss(_Chain):
    softmax_op: object
    log_op: object
    mean: bool

    def forward(self, p) -> None:
        shape = p.shape[self.logits]
        probabilities = p.buffer(shape, "p")
        softmax_into(p, p.value[self.logits], shape, probabilities)
        p.set_value(self.softmax_op, probabilities)
        log_p = p.buffer(shape, "logp")
        p.line(f"np.log({probabilities}, out={log_p})")
        p.set_value(self.log_op, log_p)
        out = p.output(self.head, "J")
        divide = f" / {shape[0]}" if self.mean else ""
        p.line(f"{out} = -(np.vdot({p.value[self.labels]}, {log_p}){divide})")

    def backward(self, p, grad) -> dict:
        scale = 1.0 / p.shape[self.logits][0] if self.mean else 1.0
        dz = self._closed_form_gradient(p, p.value[self.softmax_op], scale, grad)
        return {(self.softmax_op, 0): dz}


@dataclass
class _CrossEntropy(_Chain):
    entropy_op: object
    mean: bool

    def forward(self, p) -> None:
        # As ops.softmax_cross_entropy: z = logits − max, log softmax = z − log Σ e^z.
        shape = p.shape[self.logits]
        logits = p.value[self.logits]
        shifted = p.buffer(shape, "z")
        m = p.row_reduce("maximum", logits, shape, "m")
        p.rowwise("subtract", logits, m, shifted, shape)
        self.probabilities = p.buffer(shape, "p")
        p.line(f"np.exp({shifted}, out={self.probabilities})")
        s = p.row_reduce("add", self.probabilities, shape, "s")
        log_s = p.buffer(shape[:1], "logs")
        p.line(f"np.log({s}, out={log_s})")
        p.rowwise("subtract", shifted, log_s, shifted, shape)  # now log softmax
        p.rowwise("divide", self.probabilities, s, self.probabilities, shape)
        out = p.output(self.head, "J")
        divide = f" / {shape[0]}" if self.mean else ""
        p.line(f"{out} = -np.vdot({p.value[self.labels]}, {shifted}){divide}")

    def backward(self, p, grad) -> dict:
        scale = 1.0 / p.shape[self.logits][0] if self.mean else 1.0
        return {(self.entropy_op, 0): self._closed_form_gradient(p, self.probabilities, scale, grad)}
