#!/usr/bin/python3
"""PyTorch autograd's per-step gradient norms for stacked and bidirectional nn.RNN / nn.LSTM / nn.GRU.

Usage:  /usr/bin/python3 pytorch_stacked.py > pytorch_stacked.json      (Debian's python3-torch, float64)

For each case a small model is built with torch.manual_seed, its raw state_dict written as PyTorch names it
(weight_ih_l0, weight_hh_l0_reverse, ...), and L = v . h_n for h_n as the module returns it (the top layer;
for a bidirectional module [forward h_T; backward h after reading x_1]). The per-step gradients are PyTorch
autograd's: the same weights are run one step at a time through torch's own cells (nn.RNNCell, nn.LSTMCell,
nn.GRUCell; their h_n is checked against the module's to 1e-12), and every state entering the future is
h_t + e_h (and c_t + e_c), e a zero tensor that requires grad, so e.grad is dL/ds_t through every path with
the other part of the state held fixed (the state s_t = [h_t; c_t] taken as the independent variable it is).
Written, per layer and direction in the order layer 0 forward, layer 0 backward, layer 1 forward, ..., in that
direction's processing order (index 0 its initial state, T its state after its last input):
log10 ||dL/ds||, and for the LSTM log10 ||dL/dh||, ||dL/dc||; and log10 ||dL/dx_t||, t = 1..T.
"""
import json
import math
import sys

import torch

torch.set_default_dtype(torch.float64)

CASES = [
    # name, mode, layers, bidirectional, n, m, T, seed
    ("rnn-tanh-2-bi", "RNN_TANH", 2, True, 5, 3, 12, 1),
    ("rnn-relu-2", "RNN_RELU", 2, False, 5, 3, 12, 2),
    ("lstm-2-bi", "LSTM", 2, True, 4, 3, 10, 3),
    ("lstm-3", "LSTM", 3, False, 4, 2, 9, 4),
    ("gru-2-bi", "GRU", 2, True, 4, 3, 10, 5),
    ("gru-1-bi", "GRU", 1, True, 5, 2, 11, 6),
    ("gru-1", "GRU", 1, False, 5, 2, 11, 7),
    ("lstm-1", "LSTM", 1, False, 4, 3, 8, 8),
]


def module(mode, n, m, layers, bi):
    if mode == "LSTM":
        return torch.nn.LSTM(m, n, num_layers=layers, bidirectional=bi)
    if mode == "GRU":
        return torch.nn.GRU(m, n, num_layers=layers, bidirectional=bi)
    return torch.nn.RNN(m, n, num_layers=layers, bidirectional=bi,
                        nonlinearity="tanh" if mode == "RNN_TANH" else "relu")


def cell(mode, n, width, sd, suffix):
    if mode == "LSTM":
        c = torch.nn.LSTMCell(width, n)
    elif mode == "GRU":
        c = torch.nn.GRUCell(width, n)
    else:
        c = torch.nn.RNNCell(width, n, nonlinearity="tanh" if mode == "RNN_TANH" else "relu")
    with torch.no_grad():
        for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(c, p).copy_(sd[p + suffix])
    return c


def grad(e):
    """e.grad, or zeros where nothing reads the nudge (the last c of a layer: nothing reads it)."""
    return torch.zeros_like(e) if e.grad is None else e.grad


def log10norm(v):
    x = float(torch.linalg.vector_norm(v))
    return None if x == 0.0 else math.log10(x)


def run(name, mode, layers, bi, n, m, steps, seed):
    torch.manual_seed(seed)
    model = module(mode, n, m, layers, bi)
    with torch.no_grad():
        for p in model.parameters():
            p.uniform_(-0.8, 0.8)
    sd = {k: v.detach().clone() for k, v in model.state_dict().items()}
    dirs = 2 if bi else 1
    x = torch.randn(steps, m)
    v = torch.randn(n * dirs)
    v = v / torch.linalg.vector_norm(v)
    lstm = mode == "LSTM"

    out, hn = model(x.unsqueeze(1))
    if lstm:
        hn = hn[0]
    top = torch.cat([hn[(layers - 1) * dirs + d, 0] for d in range(dirs)])
    reference = float(v @ top)

    xs = x.clone().requires_grad_(True)
    nudges = []   # per unit, per processing step: (e_h, e_c)
    below = None  # per direction of the layer below: h at each input position
    tops = []
    for layer in range(layers):
        here = []
        for d in range(dirs):
            suffix = "_l%d%s" % (layer, "_reverse" if d == 1 else "")
            width = m if layer == 0 else n * dirs
            c = cell(mode, n, width, sd, suffix)
            es = []
            h = torch.zeros(n)
            cc = torch.zeros(n)
            eh = torch.zeros(n, requires_grad=True)
            ec = torch.zeros(n, requires_grad=True)
            es.append((eh, ec))
            h = h + eh
            cc = cc + ec
            at_position = [None] * (steps + 1)
            for tau in range(1, steps + 1):
                p = steps + 1 - tau if d == 1 else tau
                inp = xs[p - 1] if layer == 0 else torch.cat([below[k][p] for k in range(dirs)])
                if lstm:
                    h, cc = c(inp.unsqueeze(0), (h.unsqueeze(0), cc.unsqueeze(0)))
                    h, cc = h[0], cc[0]
                else:
                    h = c(inp.unsqueeze(0), h.unsqueeze(0))[0]
                eh = torch.zeros(n, requires_grad=True)
                ec = torch.zeros(n, requires_grad=True)
                es.append((eh, ec))
                h = h + eh
                if lstm:
                    cc = cc + ec
                at_position[p] = h
            nudges.append(es)
            here.append(at_position)
            if layer == layers - 1:
                tops.append(h)
        below = here
    loss = v @ torch.cat(tops)
    assert abs(float(loss) - reference) < 1e-12, (name, float(loss), reference)
    loss.backward()

    series = []
    for k, es in enumerate(nudges):
        entry = {"layer": k // dirs, "direction": "backward" if k % dirs == 1 else "forward",
                 "log10GradNorm": [log10norm(torch.cat([grad(eh), grad(ec) if lstm else torch.zeros(0)]))
                                   for eh, ec in es]}
        if lstm:
            entry["log10GradNormH"] = [log10norm(grad(eh)) for eh, _ in es]
            entry["log10GradNormC"] = [log10norm(grad(ec)) for _, ec in es]
        series.append(entry)
    return {
        "name": name, "mode": mode, "layers": layers, "bidirectional": bi, "hiddenSize": n, "inputSize": m,
        "steps": steps, "torch": torch.__version__,
        "stateDict": {k: t.tolist() for k, t in sd.items()},
        "inputs": x.tolist(), "readout": v.tolist(), "loss": reference,
        "layerSeries": series,
        "log10InputGradNorm": [log10norm(xs.grad[t]) for t in range(steps)],
    }


if __name__ == "__main__":
    json.dump({"generator": "pytorch_stacked.py", "cases": [run(*c) for c in CASES]}, sys.stdout, indent=1)
    sys.stdout.write("\n")
