#!/usr/bin/env python3
"""Expected values for saturated units, in arbitrary-exponent arithmetic (mpmath).

Usage
-----
    python3 saturated_units.py > saturated_units.json

Writes, for small networks whose units saturate far beyond the double range (tanh'(400) = 10^-347.2,
sigma(-1e6) = 10^-434294.5), every quantity of a Vanish report as log10 (None for an exact zero):
log10GradNorm (and its h and c parts for the LSTM), log10InputGradNorm, log10JacobianProductNorm and
log10ProductSingularValues (those above 1e-16 of the largest, as the report keeps them).

Independence: the cells are written from their equations alone, and the chain rule is applied by forward-mode
automatic differentiation (each quantity carries its value and its gradient with respect to [s_{t-1}; x_t]);
only the primitives know their derivatives: tanh'(a) = 1/cosh(a)^2, sigma'(a) = sigma(a) sigma(-a).  mpmath
numbers have an unbounded exponent, so nothing underflows; 1 - sigma(a) is written sigma(-a), as the two are
equal and only the first cancels at 60 digits.

Equations (state s_t = h_t, or [h_t; c_t] for the LSTM)
    rnn      h_t = phi(W_h h_{t-1} + W_x x_t + b)
    additive h_t = h_{t-1} + phi(W_h h_{t-1} + W_x x_t + b)
    lstm     f,i,o = sigma(W_* h + U_* x + b_*), g = tanh(W_c h + U_c x + b_c), c_t = f c + i g, h_t = o tanh(c_t)
    gru      u,r = sigma(W_* h + U_* x + b_*), h~ = tanh(W_h (r h) + U_h x + b_h), h_t = (1-u) h + u h~
    loss     L = v . h_T
"""
import json
import sys

import mpmath as mp

mp.mp.dps = 60


class Dual:
    """A vector of values with their derivatives: v[k] and d[k][j] = dv_k/dz_j."""

    def __init__(self, v, d):
        self.v = v
        self.d = d

    def __add__(self, o):
        return Dual([a + b for a, b in zip(self.v, o.v)],
                    [[x + y for x, y in zip(r, s)] for r, s in zip(self.d, o.d)])

    def __mul__(self, o):
        return Dual([a * b for a, b in zip(self.v, o.v)],
                    [[a * y + b * x for x, y in zip(r, s)] for a, b, r, s in zip(self.v, o.v, self.d, o.d)])


def const(v, nz):
    return Dual(list(v), [[mp.mpf(0)] * nz for _ in v])


def affine(W, a, U, x, b):
    """W a + U x + b for constant W, U, b."""
    n = len(W)
    v = [sum((W[i][k] * a.v[k] for k in range(len(a.v))), mp.mpf(0))
         + sum((U[i][k] * x.v[k] for k in range(len(x.v))), mp.mpf(0)) + b[i] for i in range(n)]
    nz = len(a.d[0])
    d = [[sum((W[i][k] * a.d[k][j] for k in range(len(a.v))), mp.mpf(0))
          + sum((U[i][k] * x.d[k][j] for k in range(len(x.v))), mp.mpf(0)) for j in range(nz)] for i in range(n)]
    return Dual(v, d)


def unary(a, f, df):
    return Dual([f(x) for x in a.v], [[df(x) * y for y in r] for x, r in zip(a.v, a.d)])


def sig(x):
    return 1 / (1 + mp.exp(-x))


def tanh(a):
    return unary(a, mp.tanh, lambda x: 1 / mp.cosh(x) ** 2)


def sigmoid(a):
    return unary(a, sig, lambda x: sig(x) * sig(-x))


def neg(a):
    return Dual([-x for x in a.v], [[-y for y in r] for r in a.d])


def phi(name, a):
    return tanh(a) if name == "tanh" else sigmoid(a)


def step(run, s, x):
    """s_t as a Dual over z = [s_{t-1}; x_t]."""
    p = {k: [[mp.mpf(str(e)) for e in row] for row in v] if isinstance(v[0], list) else [mp.mpf(str(e)) for e in v]
         for k, v in run["parameters"].items()}
    n = run["hiddenSize"]
    cell = run["cell"]
    d = len(s)
    nz = d + len(x)
    z = [[mp.mpf(1) if j == i else mp.mpf(0) for j in range(nz)] for i in range(nz)]
    sv = Dual(list(s), z[:d])
    xv = Dual(list(x), z[d:])
    h = Dual(sv.v[:n], sv.d[:n])
    if cell in ("rnn", "additive"):
        y = phi(run["activation"], affine(p["W_h"], h, p["W_x"], xv, p["b"]))
        return h + y if cell == "additive" else y
    if cell == "lstm":
        c = Dual(sv.v[n:], sv.d[n:])
        f = sigmoid(affine(p["W_f"], h, p["U_f"], xv, p["b_f"]))
        i = sigmoid(affine(p["W_i"], h, p["U_i"], xv, p["b_i"]))
        o = sigmoid(affine(p["W_o"], h, p["U_o"], xv, p["b_o"]))
        g = tanh(affine(p["W_c"], h, p["U_c"], xv, p["b_c"]))
        c2 = f * c + i * g
        h2 = o * tanh(c2)
        return Dual(h2.v + c2.v, h2.d + c2.d)
    au = affine(p["W_u"], h, p["U_u"], xv, p["b_u"])
    u = sigmoid(au)
    keep = sigmoid(neg(au))
    r = sigmoid(affine(p["W_r"], h, p["U_r"], xv, p["b_r"]))
    ht = tanh(affine(p["W_h"], r * h, p["U_h"], xv, p["b_h"]))
    return keep * h + u * ht


def log10(x):
    return None if x == 0 else float(mp.log10(x))


def norm(v):
    return mp.sqrt(sum(x * x for x in v))


def singular_values(m):
    """All singular values of a small mpmath matrix, descending."""
    return sorted((abs(x) for x in mp.svd_r(mp.matrix(m), compute_uv=False)), reverse=True)


def expected(run):
    steps = len(run["inputs"])
    n = run["hiddenSize"]
    s = [mp.mpf(str(e)) for e in run["initialState"]]
    d = len(s)
    jac, jx = [], []
    for t in range(steps):
        x = [mp.mpf(str(e)) for e in run["inputs"][t]]
        out = step(run, s, x)
        jac.append([row[:d] for row in out.d])
        jx.append([row[d:] for row in out.d])
        s = out.v
    g = [mp.mpf(str(e)) for e in run["readout"]] + [mp.mpf(0)] * (d - n)
    grad = [None] * (steps + 1)
    gh = [None] * (steps + 1)
    gc = [None] * (steps + 1)
    inp = [None] * steps
    for t in range(steps, -1, -1):
        grad[t] = log10(norm(g))
        gh[t] = log10(norm(g[:n]))
        gc[t] = log10(norm(g[n:]))
        if t == 0:
            break
        inp[t - 1] = log10(norm([sum(jx[t - 1][i][k] * g[i] for i in range(d)) for k in range(len(jx[t - 1][0]))]))
        g = [sum(jac[t - 1][i][j] * g[i] for i in range(d)) for j in range(d)]
    prod = [[mp.mpf(1) if i == j else mp.mpf(0) for j in range(d)] for i in range(d)]
    pnorm = [None] * (steps + 1)
    pnorm[steps] = 0.0
    for t in range(steps, 0, -1):
        j = jac[t - 1]
        prod = [[sum(prod[i][k] * j[k][l] for k in range(d)) for l in range(d)] for i in range(d)]
        pnorm[t - 1] = log10(singular_values(prod)[0])
    sv = singular_values(prod)
    kept = [log10(x) for x in sv if x > sv[0] * mp.mpf("1e-16")] if sv[0] > 0 else [None] * d
    out = {"log10GradNorm": grad, "log10InputGradNorm": inp, "log10JacobianProductNorm": pnorm,
           "log10ProductSingularValues": kept}
    if run["cell"] == "lstm":
        out["log10GradNormH"] = gh
        out["log10GradNormC"] = gc
    return out


def rnn(label, act, wh, wx, inputs, readout, cell="rnn", b=None, s0=None):
    n = len(wh)
    return {"label": label, "cell": cell, "activation": act, "hiddenSize": n,
            "parameters": {"W_h": wh, "W_x": wx, "b": b or [0] * n},
            "inputs": inputs, "initialState": s0 or [0] * n, "readout": readout}


def gated(label, cell, n, w, u, biases, inputs, s0, readout):
    gates = ("f", "i", "o", "c") if cell == "lstm" else ("u", "r", "h")
    params = {}
    for g in gates:
        params["W_" + g] = [[w] * n for _ in range(n)]
        params["U_" + g] = [[u] for _ in range(n)]
        params["b_" + g] = [biases.get("b_" + g, 0)] * n
    return {"label": label, "cell": cell, "activation": "tanh", "hiddenSize": n, "parameters": params,
            "inputs": inputs, "initialState": s0, "readout": readout}


CASES = [rnn("tanh W_x=%g" % w, "tanh", [[1]], [[w]], [[1], [0]], [1]) for w in (300, 360, 380, 400, 1000)] + [
    rnn("tanh input 1e6", "tanh", [[1]], [[1]], [[1e6], [0]], [1]),
    rnn("tanh input -1e6", "tanh", [[1]], [[1]], [[-1e6], [0]], [1]),
    rnn("sigmoid input 1e6", "sigmoid", [[1]], [[1]], [[1e6], [0]], [1]),
    rnn("sigmoid input -1e6", "sigmoid", [[1]], [[1]], [[-1e6], [0]], [1]),
    rnn("sigmoid recurrent 1e6", "sigmoid", [[1e6]], [[1]], [[1], [0], [0]], [1], s0=[0.5]),
    rnn("additive tanh W_x=400", "tanh", [[1]], [[400]], [[1], [0]], [1], cell="additive"),
    # two units: the readout sees only the saturated one, the other is O(1)
    rnn("two units, one saturated", "tanh", [[1, 0], [0, 0.5]], [[400], [0.1]], [[1], [0], [0]], [1, 0]),
    gated("lstm input gate -1e6", "lstm", 1, 0.5, 1, {"b_i": -1e6}, [[1], [0.5], [-1]], [0.3, 0.4], [1]),
    # h and c parts of the gradient 10^1e5 and more apart: each carries its own factor, and the offset between
    # them, a log10 of size 1e5, rounds at 3e-11; an O(1) part reached through it carries that rounding
    dict(gated("lstm weights 1e6", "lstm", 1, 1e6, 1e6, {}, [[1], [-1], [0.5]], [0.3, -0.2], [1]), tolerance=1e-10),
    # J_t's entries span 10^434294: the product's h and c columns carry their own factors
    dict(gated("lstm forget gate -1e6", "lstm", 1, 0.5, 1, {"b_f": -1e6, "b_o": -1e6}, [[1], [0.5], [-1]],
               [0.3, 0.4], [1]), tolerance=1e-10),
    dict(gated("lstm gates 1e6, two units", "lstm", 2, 0.25, 1, {"b_f": 1e6, "b_i": -1e6, "b_o": 1e6},
               [[1], [-1], [0.5], [2]], [0.1, -0.2, 0.3, 0.4], [0.6, 0.8]), tolerance=1e-10),
    gated("gru weights 1e6", "gru", 1, 1e6, 1e6, {}, [[1], [-1], [0.5]], [0.3], [1]),
    gated("gru update 1e6, reset -1e6", "gru", 1, 0.5, 1, {"b_u": 1e6, "b_r": -1e6}, [[1], [0.5], [-1]], [0.3],
          [1]),
    gated("gru update -1e6", "gru", 2, 0.5, 1, {"b_u": -1e6}, [[1], [0.5], [-1]], [0.3, -0.1], [0.6, 0.8]),
]

if __name__ == "__main__":
    json.dump([dict(case, expected=expected(case)) for case in CASES], sys.stdout, indent=1)
    sys.stdout.write("\n")
