#!/usr/bin/env python3
"""Independent reference check for Vanish reports ("vanish-report/1").

Usage
-----
    python3 autodiff_check.py REPORT.json [REPORT2.json ...] [--tol 1e-6] [--spec-tol 1e-8]
    python3 autodiff_check.py --selftest

What it does
------------
For every run stored in a report it takes the parameters, inputs, initial
state and readout written in the report, recomputes every gradient quantity
from scratch with numpy, and compares the result with the numbers the Java
engine wrote.  It prints one line per run and quantity,

    label quantity maxdiff OK|FAIL

then ``N passed, M failed`` and exits with status 1 if anything failed.

Independence from the Java engine
---------------------------------
This file was written from the cell equations alone; it does not read, port
or mirror any of the Java derivative code.  In particular no derivative is
derived by hand here.  The step Jacobians J_t = ds_t/ds_{t-1} and the input
Jacobians ds_t/dx_t are obtained by *forward-mode automatic
differentiation*: every quantity in a cell update is a ``Dual`` holding its
value (a vector) and its tangent matrix (one column per coordinate of
[s_{t-1}; x_t]).  The cell equations are written once, in terms of a handful
of primitive operations (matrix-vector product, +, -, elementwise *, tanh,
sigmoid, relu, identity), and each primitive knows only its own scalar
derivative, evaluated from the argument so that it stays accurate where the
function saturates: tanh'(a) = 4e/(1+e)^2 with e = exp(-2|a|) and
sigma'(a) = sigma(a) sigma(-a), not 1 - y^2 and y (1 - y), which round to 0
once |a| > 19 or a > 37 and cut a gradient path that is never exactly cut; the
GRU's retention 1 - u is likewise sigma(-a_u); relu' = [x > 0], so relu'(0) = 0.  The chain rule is applied mechanically by the primitives.
``--selftest`` verifies those Jacobians against central finite differences
and against complex-step differentiation, and verifies the whole pipeline
(BPTT, input gradients, Jacobian products and their spectra) against
complex-step differentiation straight through the unrolled network (no step
Jacobians, no recursion, no renormalisation).  It also checks the log-scale
renormalisation on a closed-form 20000-step case (log10 values near -60000),
exact zeros -> null on a dead relu network, and that the comparison code
flags corrupted reports.

Equations (state s_t = h_t, or [h_t; c_t] for the LSTM, h first)
    rnn      h_t = phi(W_h h_{t-1} + W_x x_t + b)
    additive h_t = h_{t-1} + phi(W_h h_{t-1} + W_x x_t + b)
    lstm     f,i,o = sigma(W_* h_{t-1} + U_* x_t + b_*);  g = tanh(W_c h + U_c x + b_c)
             c_t = f*c_{t-1} + i*g;  h_t = o*tanh(c_t)
    gru      u,r = sigma(W_* h_{t-1} + U_* x_t + b_*)
             h~ = tanh(W_h (r*h_{t-1}) + U_h x_t + b_h);  h_t = (1-u)*h_{t-1} + u*h~
    loss     L = v . h_T

Quantities (all magnitudes carried in log10 with renormalisation, so that
T = 100000 steps never underflow; log10 of an exact zero is None/null)
    log10GradNorm[t]            log10 ||dL/ds_t||_2,            t = 0..T
    log10GradNormH/C[t]         the h and c blocks (LSTM only),  t = 0..T
    log10InputGradNorm[t-1]     log10 ||dL/dx_t||_2,            t = 1..T
    log10JacobianProductNorm[t] log10 ||J_T ... J_{t+1}||_2,    t = 0..T
    log10ProductSingularValues  log10 singular values of ds_T/ds_0, descending
    eigenvalues / singularValues of every recurrent matrix of the cell.
BPTT: g_T = [v; 0], g_{t-1} = J_t^T g_t, each g renormalised to unit norm and
the log10 of the scale accumulated.  Products: P_T = I, P_{t-1} = P_t J_t,
renormalised by max |entry| each step (entries below 1e-250 of the
largest are flushed to zero to avoid slow subnormal arithmetic); the spectral
norm is numpy.linalg.norm(P, 2).

Comparison rules
    log10 series         max |ref - report| in log10 (null must match null)
    eigenvalues          matched as multisets (greedy nearest neighbour, in
                         order of decreasing modulus), relative difference
    singular values      position-wise (both descending), relative difference
    product singular values: only values within 12 decades of the largest are
                         compared; smaller ones are at floating-point noise
                         in any double computation of a long product.  Even
                         inside that window a value D decades below the
                         largest is only determined to ~eps * 10**D relative,
                         so the allowed log10 difference is
                         tol + 1000 * eps * 10**D / ln 10 (negligible for
                         D < 8, 0.1 decades at D = 12).
    Relative differences use the denominator max(|a|, |b|, 1e-6 * largest of
    the set), so that (near-)zero eigen/singular values are compared against
    the scale of the matrix rather than against themselves.

Chaotic trajectories: the forward pass of an expanding network amplifies
1-ulp rounding differences (e.g. a different summation order in a dot
product, or a different libm tanh).  When a run fails, the checker re-runs
its own reference with 1-ulp random perturbations injected at every step and
prints how far the reference disagrees with *itself*; a failure much larger
than that floor is a genuine disagreement.  For a failing
log10JacobianProductNorm it also prints sigma_2/sigma_1 of ds_T/ds_t at the
failing steps (a near-degenerate top pair is where iterative spectral-norm
estimators go wrong).
"""

import argparse
import json
import math
import os
import sys

# The matrices here are small (<= a few hundred); multi-threaded BLAS only adds
# spin-wait overhead (10x slower SVDs on a busy 2-core machine).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

LOG_TOL_DEFAULT = 1e-6
SPEC_TOL_DEFAULT = 1e-8
PRODUCT_SV_DECADES = 12.0
# A singular value D decades below the largest can only be computed to a
# relative accuracy of about eps * 10**D (any backward-stable method); the
# comparison allows SV_NOISE_K * eps * 10**D / ln(10) in log10 on top of tol.
SV_NOISE_K = 1000.0
EPS = np.finfo(float).eps
SPEC_FLOOR = 1e-6  # relative floor for denominators of relative differences


# ---------------------------------------------------------------------------
# Forward-mode automatic differentiation
# ---------------------------------------------------------------------------

class Dual:
    """A vector value v (shape (n,)) and its tangent matrix d (shape (n, k)).

    Column j of d is the derivative of v with respect to the j-th independent
    variable.  Only the primitive operations below are defined; each applies
    the chain rule using its own elementary derivative.
    """

    __slots__ = ("v", "d")

    def __init__(self, v, d):
        self.v = v
        self.d = d

    def __add__(self, other):
        if isinstance(other, Dual):
            return Dual(self.v + other.v, self.d + other.d)
        return Dual(self.v + other, self.d)          # constant: no tangent

    __radd__ = __add__

    def __neg__(self):
        return Dual(-self.v, -self.d)

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):                       # constant - dual
        return (-self) + other

    def __mul__(self, other):                        # elementwise product
        if isinstance(other, Dual):
            return Dual(self.v * other.v,
                        self.d * other.v[:, None] + other.d * self.v[:, None])
        other = np.asarray(other, dtype=float)
        return Dual(self.v * other, self.d * (other[:, None] if other.ndim else other))

    __rmul__ = __mul__


def matvec(W, a):
    """W a for a constant matrix W."""
    return Dual(W @ a.v, W @ a.d)


def _unary(y, dy, a):
    return Dual(y, a.d * dy[:, None])


def tanh(a):
    y = np.tanh(a.v)
    # 4e/(1+e)^2 with e = exp(-2|a|), branching on the real part so complex steps stay analytic;
    # 0 only where it underflows (|a| > 372), never by cancellation
    e = np.where(np.real(a.v) > 0, np.exp(-2.0 * np.where(np.real(a.v) > 0, a.v, 0.0)),
                 np.exp(2.0 * np.where(np.real(a.v) > 0, 0.0, a.v)))
    dy = 4.0 * e / (1.0 + e) ** 2
    return _unary(y, dy, a)


def sigmoid(a):
    with np.errstate(over="ignore", invalid="ignore"):
        y = 1.0 / (1.0 + np.exp(-a.v))
        y_minus = 1.0 / (1.0 + np.exp(a.v))   # sigma(-a) = 1 - sigma(a), without cancellation
    return _unary(y, y * y_minus, a)


def relu(a):
    pos = np.real(a.v) > 0.0          # branch on the real part (complex-step safe)
    y = np.where(pos, a.v, 0.0)
    return _unary(y, pos.astype(float), a)           # relu'(0) = 0


def linear(a):
    return a


ACTIVATIONS = {"tanh": tanh, "sigmoid": sigmoid, "relu": relu, "linear": linear}


# ---------------------------------------------------------------------------
# Cells, written once in terms of Dual primitives
# ---------------------------------------------------------------------------

RECURRENT = {
    "rnn": ["W_h"],
    "additive": ["W_h"],
    "lstm": ["W_f", "W_i", "W_o", "W_c"],
    "gru": ["W_u", "W_r", "W_h"],
}

PARAM_NAMES = {
    "rnn": ["W_h", "W_x", "b"],
    "additive": ["W_h", "W_x", "b"],
    "lstm": ["W_f", "U_f", "b_f", "W_i", "U_i", "b_i",
             "W_o", "U_o", "b_o", "W_c", "U_c", "b_c"],
    "gru": ["W_u", "U_u", "b_u", "W_r", "U_r", "b_r", "W_h", "U_h", "b_h"],
}


def cell_update(cell, p, phi, h, c, x):
    """One step of the cell on Duals. Returns (h_t, c_t); c_t is None except for lstm."""
    if cell == "rnn":
        return phi(matvec(p["W_h"], h) + matvec(p["W_x"], x) + p["b"]), None
    if cell == "additive":
        return h + phi(matvec(p["W_h"], h) + matvec(p["W_x"], x) + p["b"]), None
    if cell == "lstm":
        f = sigmoid(matvec(p["W_f"], h) + matvec(p["U_f"], x) + p["b_f"])
        i = sigmoid(matvec(p["W_i"], h) + matvec(p["U_i"], x) + p["b_i"])
        o = sigmoid(matvec(p["W_o"], h) + matvec(p["U_o"], x) + p["b_o"])
        g = tanh(matvec(p["W_c"], h) + matvec(p["U_c"], x) + p["b_c"])
        c_new = f * c + i * g
        return o * tanh(c_new), c_new
    if cell == "gru":
        a_u = matvec(p["W_u"], h) + matvec(p["U_u"], x) + p["b_u"]
        u = sigmoid(a_u)
        keep = sigmoid(-a_u)                      # 1 - u, without cancellation
        r = sigmoid(matvec(p["W_r"], h) + matvec(p["U_r"], x) + p["b_r"])
        hc = tanh(matvec(p["W_h"], r * h) + matvec(p["U_h"], x) + p["b_h"])
        return keep * h + u * hc, None
    raise ValueError("unknown cell %r" % cell)


class Net:
    """Parameters of one run plus helpers for a single step."""

    def __init__(self, run):
        self.cell = run["cell"]
        self.n = int(run["hiddenSize"])
        self.m = int(run["inputSize"])
        act = run.get("activation") or "tanh"
        if self.cell in ("lstm", "gru"):
            act = "tanh"  # gated cells fix their own nonlinearities
        self.phi = ACTIVATIONS[act]
        prm = run["parameters"]
        self.p = {}
        for name in PARAM_NAMES[self.cell]:
            a = np.array(prm[name], dtype=float)
            if name.startswith("b"):
                a = a.reshape(self.n)
            elif name.startswith("W") and name != "W_x":
                a = a.reshape(self.n, self.n)
            else:
                a = a.reshape(self.n, self.m)
            self.p[name] = a
        self.ns = 2 * self.n if self.cell == "lstm" else self.n

    def split(self, s, tangent):
        """Make Duals h, c from a state vector s; tangent is the (ns, k) block."""
        n = self.n
        h = Dual(s[:n], tangent[:n])
        c = Dual(s[n:], tangent[n:]) if self.cell == "lstm" else None
        return h, c

    def step(self, s, x):
        """Value-only step (tangent with zero columns)."""
        h, c = self.split(s, np.zeros((self.ns, 0)))
        hn, cn = cell_update(self.cell, self.p, self.phi, h, c, Dual(x, np.zeros((self.m, 0))))
        return np.concatenate([hn.v, cn.v]) if cn is not None else hn.v

    def step_jacobians(self, s, x):
        """Return (s_t, J_t = ds_t/ds_{t-1}, K_t = ds_t/dx_t) by forward-mode AD."""
        ns, m = self.ns, self.m
        k = ns + m
        seed = np.eye(k)
        h, c = self.split(s, seed[:ns])
        xd = Dual(x, seed[ns:])
        hn, cn = cell_update(self.cell, self.p, self.phi, h, c, xd)
        if cn is not None:
            val = np.concatenate([hn.v, cn.v])
            tan = np.vstack([hn.d, cn.d])
        else:
            val, tan = hn.v, hn.d
        return val, tan[:, :ns], tan[:, ns:]


def log10_or_none(x):
    return None if x == 0.0 else math.log10(x)


def run_inputs(run, net):
    X = np.array(run["inputs"], dtype=float).reshape(int(run["steps"]), net.m)
    init = run.get("initialState") or {}
    h0 = np.array(init.get("h", np.zeros(net.n)), dtype=float).reshape(net.n)
    if net.cell == "lstm":
        c0 = np.array(init.get("c", np.zeros(net.n)), dtype=float).reshape(net.n)
        s0 = np.concatenate([h0, c0])
    else:
        s0 = h0
    v = np.array(run["readout"], dtype=float).reshape(net.n)
    return X, s0, v


def forward(net, X, s0, perturb_rng=None):
    """States s_0..s_T as a (T+1, ns) array.  perturb_rng injects 1-ulp noise."""
    T = X.shape[0]
    S = np.empty((T + 1, net.ns))
    S[0] = s0
    s = s0
    for t in range(1, T + 1):
        s = net.step(s, X[t - 1])
        if perturb_rng is not None:
            s = s * (1.0 + np.ldexp(perturb_rng.choice([-1.0, 1.0], size=s.shape), -52))
        S[t] = s
    return S


# ---------------------------------------------------------------------------
# Reference quantities
# ---------------------------------------------------------------------------

def reference(run, perturb_rng=None):
    net = Net(run)
    X, s0, v = run_inputs(run, net)
    T, n, ns = X.shape[0], net.n, net.ns
    S = forward(net, X, s0, perturb_rng)
    lstm = net.cell == "lstm"

    grad = [None] * (T + 1)
    grad_h = [None] * (T + 1)
    grad_c = [None] * (T + 1)
    inp = [None] * T
    prod = [None] * (T + 1)
    gap = [None] * (T + 1)   # sigma_2 / sigma_1 of ds_T/ds_t (diagnostic only)

    # BPTT vector, renormalised: dL/ds_t = 10**glog * g  (g unit norm, or zero)
    g = np.zeros(ns)
    g[:n] = v
    nv = float(np.linalg.norm(g))
    g_zero = nv == 0.0
    glog = 0.0
    if not g_zero:
        glog = math.log10(nv)
        g = g / nv

    def record_grad(t):
        if g_zero:
            return
        grad[t] = glog  # g has unit norm
        if lstm:
            a, b = float(np.linalg.norm(g[:n])), float(np.linalg.norm(g[n:]))
            grad_h[t] = None if a == 0.0 else glog + math.log10(a)
            grad_c[t] = None if b == 0.0 else glog + math.log10(b)

    record_grad(T)

    # Jacobian product P_t = ds_T/ds_t = 10**plog * P
    P = np.eye(ns)
    plog = 0.0
    p_zero = False
    prod[T] = 0.0
    gap[T] = 1.0 if ns > 1 else 0.0

    for t in range(T, 0, -1):
        _, J, K = net.step_jacobians(S[t - 1], X[t - 1])
        # input gradient at step t uses g_t
        if not g_zero:
            q = float(np.linalg.norm(K.T @ g))
            inp[t - 1] = None if q == 0.0 else glog + math.log10(q)
        # backpropagate to s_{t-1}
        if not g_zero:
            g = J.T @ g
            nrm = float(np.linalg.norm(g))
            if nrm == 0.0:
                g_zero = True
            else:
                glog += math.log10(nrm)
                g = g / nrm
        record_grad(t - 1)
        # Jacobian product
        if not p_zero:
            P = P @ J
            mx = float(np.max(np.abs(P)))
            if mx == 0.0:
                p_zero = True
            else:
                P = P / mx
                plog += math.log10(mx)
                # Flush entries below 1e-250 of the largest: they would become
                # subnormal and make LAPACK ~20x slower, and they change the
                # spectral norm by < 1e-247 relative (nothing within 12 decades).
                P[np.abs(P) < 1e-250] = 0.0
                sv = np.linalg.svd(P, compute_uv=False)  # == numpy.linalg.norm(P, 2) for sv[0]
                prod[t - 1] = plog + math.log10(float(sv[0]))
                gap[t - 1] = float(sv[1] / sv[0]) if ns > 1 else 0.0

    if p_zero:
        psv = [None] * ns
    else:
        sv = np.linalg.svd(P, compute_uv=False)
        psv = [None if x == 0.0 else plog + math.log10(float(x)) for x in sv]

    eig, svals = {}, {}
    for name in RECURRENT[net.cell]:
        W = net.p[name]
        ev = np.linalg.eigvals(W)
        ev = ev[np.lexsort((-ev.imag, -ev.real, -np.abs(ev)))]
        eig[name] = ev
        svals[name] = np.linalg.svd(W, compute_uv=False)

    out = {
        "series": {
            "log10GradNorm": grad,
            "log10InputGradNorm": inp,
            "log10JacobianProductNorm": prod,
        },
        "log10ProductSingularValues": psv,
        "eigenvalues": eig,
        "singularValues": svals,
        "states": S,
        "gap": gap,
    }
    if lstm:
        out["series"]["log10GradNormH"] = grad_h
        out["series"]["log10GradNormC"] = grad_c
    return out


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------

class Result:
    def __init__(self, label, quantity, maxdiff, ok, details=()):
        self.label, self.quantity, self.maxdiff, self.ok = label, quantity, maxdiff, ok
        self.details = list(details)

    def line(self):
        md = "inf" if self.maxdiff == math.inf else "%.3e" % self.maxdiff
        return "%s %s %s %s" % (self.label, self.quantity, md, "OK" if self.ok else "FAIL")


def _fmt(x):
    return "null" if x is None else repr(x)


def compare_log_series(ref, rep, tol, offset=0):
    """Max abs difference of two log10 series; null must match null.

    Returns (maxdiff, ok, details). offset = timestep of index 0.
    """
    details = []
    if rep is None:
        return math.inf, False, ["missing in report"]
    if len(ref) != len(rep):
        return math.inf, False, ["length %d in report, expected %d" % (len(rep), len(ref))]
    maxdiff, argmax, first_bad, n_bad = 0.0, None, None, 0
    for i, (a, b) in enumerate(zip(ref, rep)):
        if a is None and b is None:
            d = 0.0
        elif a is None or b is None:
            d = math.inf
        else:
            d = abs(a - b)
        if argmax is None or d > maxdiff:
            maxdiff, argmax = d, i
        if d > tol:
            n_bad += 1
            if first_bad is None:
                first_bad = i
    ok = n_bad == 0
    if not ok:
        i = first_bad
        details.append("first exceeds tol at t=%d: reference %s, report %s"
                       % (i + offset, _fmt(ref[i]), _fmt(rep[i])))
        i = argmax
        details.append("max diff at t=%d: reference %s, report %s"
                       % (i + offset, _fmt(ref[i]), _fmt(rep[i])))
        details.append("%d of %d values exceed tol" % (n_bad, len(ref)))
    return maxdiff, ok, details


def compare_product_sv(ref, rep, tol):
    """Compare log10 singular values of ds_T/ds_0 within 12 decades of the largest.

    The report lists only the values double precision resolves (above 1e-16 of the largest), so it may be
    shorter than d; it must list at least every value within the compared window, and a shorter report is
    padded with nulls-as-missing only beyond 16 decades.
    """
    if rep is None:
        return math.inf, False, ["missing in report"]
    if len(rep) > len(ref):
        return math.inf, False, ["length %d in report, more than d = %d" % (len(rep), len(ref))]
    if len(rep) < len(ref):
        if any(b is None for b in rep):
            return math.inf, False, ["a shortened list must not contain nulls"]
        top = max(rep) if rep else None
        needed = [a for a in ref if a is not None and top is not None and a >= top - 15.0]
        if len(rep) < len(needed):
            return math.inf, False, ["report lists %d values, but %d lie within 15 decades of the largest"
                                     % (len(rep), len(needed))]
        ref = ref[:len(rep)]
    ref_vals = [a for a in ref if a is not None]
    rep_vals = [b for b in rep if b is not None]
    ref_top = max(ref_vals) if ref_vals else None
    rep_top = max(rep_vals) if rep_vals else None
    if ref_top is None and rep_top is None:
        return 0.0, True, []

    def in_window(x, top):
        return x is not None and top is not None and x >= top - PRODUCT_SV_DECADES

    maxdiff, details, compared, ok, maxnoise = 0.0, [], 0, True, 0.0
    top = ref_top if ref_top is not None else rep_top
    for i, (a, b) in enumerate(zip(ref, rep)):
        if not (in_window(a, ref_top) or in_window(b, rep_top)):
            continue
        compared += 1
        if a is None or b is None:
            d = math.inf
            allow = tol
        else:
            d = abs(a - b)
            decades = max(0.0, top - min(a, b))
            allow = tol + SV_NOISE_K * EPS * 10.0 ** decades / math.log(10.0)
            maxnoise = max(maxnoise, allow - tol)
        if d > allow:
            ok = False
            details.append("index %d: reference %s, report %s (%.1f decades below the largest, allowed %.2e)"
                           % (i, _fmt(a), _fmt(b), decades if a is not None and b is not None else 0.0, allow))
        maxdiff = max(maxdiff, d)
    details = details[:5]
    details.append("compared %d of %d values within %g decades of the largest (smaller ones are "
                   "floating-point noise); noise allowance up to %.1e added to tol for the smallest"
                   % (compared, len(ref), PRODUCT_SV_DECADES, maxnoise))
    return maxdiff, ok, details


def compare_eigen(ref, rep_pairs, tol):
    if rep_pairs is None:
        return math.inf, False, ["missing in report"]
    rep = np.array([complex(re, im) for re, im in rep_pairs])
    if len(rep) != len(ref):
        return math.inf, False, ["count %d in report, expected %d" % (len(rep), len(ref))]
    scale = float(np.max(np.abs(ref))) if len(ref) else 0.0
    floor = SPEC_FLOOR * scale if scale > 0 else 1e-300
    unused = np.ones(len(rep), dtype=bool)
    maxdiff, worst = 0.0, None
    for a in ref:  # ref is sorted by decreasing modulus
        idx = np.flatnonzero(unused)
        j = idx[np.argmin(np.abs(rep[idx] - a))]
        unused[j] = False
        d = abs(rep[j] - a) / max(abs(a), abs(rep[j]), floor)
        if d > maxdiff:
            maxdiff, worst = d, (a, rep[j])
    details = []
    if maxdiff > tol:
        details.append("worst match: reference %r, report %r" % worst)
    # the report promises modulus-descending order
    mod = np.abs(rep)
    rises = mod[1:] - mod[:-1]
    if len(rises) and np.max(rises) > tol * max(scale, 1e-300):
        details.append("report eigenvalues not sorted by decreasing modulus (max rise %.3e)"
                       % float(np.max(rises)))
        return maxdiff, False, details
    return maxdiff, maxdiff <= tol, details


def compare_sv(ref, rep, tol):
    if rep is None:
        return math.inf, False, ["missing in report"]
    rep = np.array(rep, dtype=float)
    if len(rep) != len(ref):
        return math.inf, False, ["count %d in report, expected %d" % (len(rep), len(ref))]
    scale = float(np.max(ref)) if len(ref) else 0.0
    floor = SPEC_FLOOR * scale if scale > 0 else 1e-300
    d = np.abs(rep - ref) / np.maximum(np.maximum(np.abs(ref), np.abs(rep)), floor)
    maxdiff = float(np.max(d)) if len(d) else 0.0
    details = []
    if maxdiff > tol:
        i = int(np.argmax(d))
        details.append("index %d: reference %r, report %r" % (i, float(ref[i]), float(rep[i])))
    return maxdiff, maxdiff <= tol, details


SERIES_OFFSET = {"log10GradNorm": 0, "log10GradNormH": 0, "log10GradNormC": 0,
                 "log10InputGradNorm": 1, "log10JacobianProductNorm": 0}


def check_run(run, ref, tol, spec_tol):
    label = run.get("label", "?")
    results = []
    series = run.get("series", {}) or {}
    for q, vals in ref["series"].items():
        md, ok, det = compare_log_series(vals, series.get(q), tol, SERIES_OFFSET[q])
        if not ok and q == "log10JacobianProductNorm" and series.get(q) is not None:
            bad = [t for t, (a, b) in enumerate(zip(vals, series[q]))
                   if a is not None and b is not None and abs(a - b) > tol]
            for t in bad[:10]:
                det.append("t=%d: report - reference = %+.6e; sigma_2/sigma_1 of ds_T/ds_t = %.6f"
                           % (t, series[q][t] - vals[t], ref["gap"][t]))
        results.append(Result(label, q, md, ok, det))
    spectra = run.get("spectra", {}) or {}
    md, ok, det = compare_product_sv(ref["log10ProductSingularValues"],
                                     spectra.get("log10ProductSingularValues"), tol)
    results.append(Result(label, "log10ProductSingularValues", md, ok, det))
    rep_eig = spectra.get("eigenvalues", {}) or {}
    rep_sv = spectra.get("singularValues", {}) or {}
    for name, ev in ref["eigenvalues"].items():
        md, ok, det = compare_eigen(ev, rep_eig.get(name), spec_tol)
        results.append(Result(label, "eigenvalues[%s]" % name, md, ok, det))
    for name, sv in ref["singularValues"].items():
        md, ok, det = compare_sv(sv, rep_sv.get(name), spec_tol)
        results.append(Result(label, "singularValues[%s]" % name, md, ok, det))
    extra = (set(rep_eig) | set(rep_sv)) - set(ref["eigenvalues"])
    if extra:
        results.append(Result(label, "spectra.names", math.inf, False,
                              ["unexpected matrices in report: %s" % sorted(extra)]))
    return results


def self_noise(run, ref, failed, tol):
    """Re-run the reference with 1-ulp noise; report its self-disagreement."""
    lines = []
    alt = reference(run, perturb_rng=np.random.default_rng(12345))
    dev = np.max(np.abs(alt["states"] - ref["states"]), axis=1)
    grow = [t for t in range(len(dev)) if dev[t] > 1e-8]
    lines.append("  forward sensitivity: 1-ulp noise per step moves states by max %.3e "
                 "(first >1e-8 at t=%s)" % (float(np.max(dev)), grow[0] if grow else "never"))
    for r in failed:
        q = r.quantity
        if q in ref["series"]:
            md, _, _ = compare_log_series(ref["series"][q], alt["series"][q], tol)
        elif q == "log10ProductSingularValues":
            md, _, _ = compare_product_sv(ref[q], alt[q], tol)
        else:
            continue
        lines.append("  reference vs itself under 1-ulp noise, %s: maxdiff %.3e (report: %s)"
                     % (q, md, "inf" if r.maxdiff == math.inf else "%.3e" % r.maxdiff))
    return lines


def check_report(path, tol, spec_tol, noise=True, out=print):
    with open(path) as fh:
        rep = json.load(fh)
    results = []
    fmt = rep.get("format")
    if fmt != "vanish-report/1":
        out("# %s: unexpected format %r" % (path, fmt))
    out("# report %s (%d runs)" % (path, len(rep.get("runs", []))))
    for run in rep.get("runs", []):
        ref = reference(run)
        rr = check_run(run, ref, tol, spec_tol)
        for r in rr:
            out(r.line())
            for d in r.details:
                out("    " + d)
        failed = [r for r in rr if not r.ok]
        if failed and noise:
            for line in self_noise(run, ref, failed, tol):
                out(line)
        results.extend(rr)
    return results


# ---------------------------------------------------------------------------
# Self test
# ---------------------------------------------------------------------------

def random_run(cell, act, n=5, m=3, T=7, seed=0, label=None):
    rng = np.random.default_rng(seed)
    prm = {}
    for name in PARAM_NAMES[cell]:
        if name.startswith("b"):
            prm[name] = (0.5 * rng.standard_normal(n)).tolist()
        elif name.startswith("W") and name != "W_x":
            prm[name] = (1.3 * rng.standard_normal((n, n)) / math.sqrt(n)).tolist()
        else:
            prm[name] = (rng.standard_normal((n, m)) / math.sqrt(m)).tolist()
    init = {"h": (0.3 * rng.standard_normal(n)).tolist()}
    if cell == "lstm":
        init["c"] = (0.3 * rng.standard_normal(n)).tolist()
    return {
        "label": label or ("%s-%s" % (cell, act)), "cell": cell, "activation": act,
        "hiddenSize": n, "inputSize": m, "steps": T, "parameters": prm,
        "inputs": rng.standard_normal((T, m)).tolist(), "initialState": init,
        "readout": rng.standard_normal(n).tolist(),
    }


def fd_jacobian(f, z, eps=1e-6):
    """Central finite differences."""
    f0 = f(z)
    J = np.empty((len(f0), len(z)))
    for j in range(len(z)):
        e = np.zeros(len(z))
        e[j] = eps
        J[:, j] = (f(z + e) - f(z - e)) / (2 * eps)
    return J


def cs_jacobian(f, z, h=1e-30):
    """Complex-step differentiation: df/dz_j = Im f(z + i h e_j) / h, no cancellation.

    Exact to machine precision for the analytic cells (tanh, sigmoid, linear);
    relu branches on the real part.  Used as a second, AD-free route.
    """
    z = np.asarray(z, dtype=complex)
    f0 = f(z)
    J = np.empty((len(f0), len(z)))
    for j in range(len(z)):
        zj = z.copy()
        zj[j] += 1j * h
        J[:, j] = np.imag(f(zj)) / h
    return J


def brute_force_report_run(run):
    """Quantities by complex-step differentiation through the whole unrolled net.

    No step Jacobians, no BPTT recursion, no renormalisation: ds_T/ds_t and
    dL/dx_t are differentiated directly through T - t cell updates.
    """
    net = Net(run)
    X, s0, v = run_inputs(run, net)
    T, n, ns = X.shape[0], net.n, net.ns

    def unroll(s, t0, Xmod=None):
        Xs = X.astype(complex) if Xmod is None else Xmod
        for t in range(t0 + 1, T + 1):
            s = net.step(s, Xs[t - 1])
        return s

    S = forward(net, X, s0)

    def lg(x):
        return None if x == 0.0 else math.log10(x)

    series = {k: [] for k in ("log10GradNorm", "log10GradNormH", "log10GradNormC",
                              "log10JacobianProductNorm")}
    for t in range(T + 1):
        D = cs_jacobian(lambda s: unroll(s, t), S[t].copy())  # ds_T/ds_t
        gvec = D[:n].T @ v                                      # dL/ds_t
        series["log10GradNorm"].append(lg(float(np.linalg.norm(gvec))))
        series["log10GradNormH"].append(lg(float(np.linalg.norm(gvec[:n]))))
        series["log10GradNormC"].append(lg(float(np.linalg.norm(gvec[n:]))))
        series["log10JacobianProductNorm"].append(lg(float(np.linalg.norm(D, 2))))
        if t == 0:
            psv = [lg(float(x)) for x in np.linalg.svd(D, compute_uv=False)]
    inp = []
    for t in range(1, T + 1):
        def loss_of_x(x, t=t):
            Xm = X.astype(complex)
            Xm[t - 1] = x
            return np.array([v @ unroll(s0.astype(complex), 0, Xm)[:n]])
        inp.append(lg(float(np.linalg.norm(cs_jacobian(loss_of_x, X[t - 1].copy())))))
    series["log10InputGradNorm"] = inp
    # exact values where the FD estimate is meaningless
    series["log10JacobianProductNorm"][T] = 0.0
    if net.cell == "lstm":
        series["log10GradNormC"][T] = None
    else:
        del series["log10GradNormH"], series["log10GradNormC"]
    spectra = {"eigenvalues": {}, "singularValues": {}, "log10ProductSingularValues": psv}
    for name in RECURRENT[net.cell]:
        W = net.p[name]
        ev = np.linalg.eigvals(W)
        ev = ev[np.argsort(-np.abs(ev), kind="stable")]
        spectra["eigenvalues"][name] = [[float(z.real), float(z.imag)] for z in ev]
        spectra["singularValues"][name] = np.linalg.svd(W, compute_uv=False).tolist()
    out = dict(run)
    out["series"] = series
    out["spectra"] = spectra
    return out


def selftest():
    results = []

    def add(label, q, md, tol, details=()):
        results.append(Result(label, q, md, md <= tol, details))
        print(results[-1].line())
        for d in details:
            print("    " + d)

    configs = [(c, a) for c in ("rnn", "additive") for a in ("tanh", "sigmoid", "relu", "linear")]
    configs += [("lstm", "tanh"), ("gru", "tanh")]

    # 0. relu'(0) = 0 convention
    y = relu(Dual(np.array([0.0, -1.0, 2.0]), np.ones((3, 1))))
    add("primitives", "relu'(0)==0", float(np.max(np.abs(y.d[:, 0] - [0.0, 0.0, 1.0]))), 0.0)

    # 1. AD step Jacobians vs central finite differences
    print("# 1. step Jacobians ds_t/ds_{t-1}, ds_t/dx_t: forward-mode AD vs central finite differences")
    for k, (cell, act) in enumerate(configs):
        run = random_run(cell, act, seed=100 + k)
        net = Net(run)
        X, s0, _ = run_inputs(run, net)
        S = forward(net, X, s0)
        errJ = errK = errV = csJ = csK = 0.0
        for t in range(1, len(S)):
            val, J, K = net.step_jacobians(S[t - 1], X[t - 1])
            Jfd = fd_jacobian(lambda s: net.step(s, X[t - 1]), S[t - 1].copy())
            Kfd = fd_jacobian(lambda x: net.step(S[t - 1], x), X[t - 1].copy())
            Jcs = cs_jacobian(lambda s: net.step(s, X[t - 1].astype(complex)), S[t - 1])
            Kcs = cs_jacobian(lambda x: net.step(S[t - 1].astype(complex), x), X[t - 1])
            # FD round-off is ~ eps*|s|/h, so scale the error by the state size
            scale = 1.0 + float(np.max(np.abs(S[t - 1:t + 1])))
            errJ = max(errJ, float(np.max(np.abs(J - Jfd))) / scale)
            errK = max(errK, float(np.max(np.abs(K - Kfd))) / scale)
            csJ = max(csJ, float(np.max(np.abs(J - Jcs))) / (1.0 + float(np.max(np.abs(J)))))
            csK = max(csK, float(np.max(np.abs(K - Kcs))) / (1.0 + float(np.max(np.abs(K)))))
            errV = max(errV, float(np.max(np.abs(val - S[t]))))
        add(run["label"], "stepJacobian(AD-FD)/(1+|s|)", errJ, 1e-8)
        add(run["label"], "inputJacobian(AD-FD)/(1+|s|)", errK, 1e-8)
        add(run["label"], "stepJacobian(AD-complexstep)/(1+|J|)", csJ, 1e-14)
        add(run["label"], "inputJacobian(AD-complexstep)/(1+|K|)", csK, 1e-14)
        add(run["label"], "AD value == forward value", errV, 0.0)

    # 2. Whole pipeline vs brute-force finite differences through the unrolled net,
    #    via a synthetic report checked with the same comparison code.
    print("# 2. full reference (BPTT, input grads, products, spectra) vs complex-step differentiation"
          " through the whole unrolled net (no step Jacobians, no recursion)")
    runs = []
    for k, (cell, act) in enumerate(configs):
        runs.append(brute_force_report_run(random_run(cell, act, seed=200 + k)))
    for run in runs:
        for r in check_run(run, reference(run), 1e-6, 1e-8):
            results.append(r)
            print(r.line())
            for d in r.details:
                print("    " + d)

    # 3. Renormalisation over a long horizon, closed form:
    #    linear rnn, W_h = a Q (Q orthogonal): ||dL/ds_t|| = ||v|| a^(T-t),
    #    ||ds_T/ds_t|| = a^(T-t), singular values of ds_T/ds_0 all a^T.
    print("# 3. long horizon with renormalisation, closed form (linear rnn, W_h = a*Q, T=20000, a=1e-3)")
    rng = np.random.default_rng(7)
    n, m, T, a = 5, 3, 20000, 1e-3
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    run = random_run("rnn", "linear", n=n, m=m, T=T, seed=8, label="rnn-linear-aQ")
    run["parameters"]["W_h"] = (a * Q).tolist()
    ref = reference(run)
    v = np.array(run["readout"])
    la = math.log10(a)
    exp_grad = [math.log10(np.linalg.norm(v)) + (T - t) * la for t in range(T + 1)]
    exp_prod = [(T - t) * la for t in range(T + 1)]
    add(run["label"], "log10GradNorm(closed form)",
        compare_log_series(exp_grad, ref["series"]["log10GradNorm"], 1e-9)[0], 1e-9,
        ["log10GradNorm[0] = %.6f (expected %.6f)" % (ref["series"]["log10GradNorm"][0], exp_grad[0])])
    add(run["label"], "log10JacobianProductNorm(closed form)",
        compare_log_series(exp_prod, ref["series"]["log10JacobianProductNorm"], 1e-9)[0], 1e-9)
    add(run["label"], "log10ProductSingularValues(closed form)",
        max(abs(x - T * la) for x in ref["log10ProductSingularValues"]), 1e-9)

    # 4. Exact zeros: relu rnn whose units are all dead -> nulls
    print("# 4. exact zeros give null (relu rnn with b = -100: every unit dead)")
    run = random_run("rnn", "relu", seed=9, label="rnn-relu-dead")
    run["parameters"]["b"] = [-100.0] * 5
    ref = reference(run)
    Tn = run["steps"]
    exp = {"log10GradNorm": [None] * Tn + [math.log10(np.linalg.norm(run["readout"]))],
           "log10InputGradNorm": [None] * Tn,
           "log10JacobianProductNorm": [None] * Tn + [0.0]}
    for q, e in exp.items():
        md, ok, det = compare_log_series(e, ref["series"][q], 1e-12)
        add(run["label"], q + "(nulls)", md, 1e-12, det)
    add(run["label"], "log10ProductSingularValues(nulls)",
        0.0 if all(x is None for x in ref["log10ProductSingularValues"]) else math.inf, 0.0)

    # 5. The checker must catch a corrupted report.
    print("# 5. the comparison catches corrupted values (these FAILs are expected and counted as passes)")
    base = runs[-1]  # gru
    bad = json.loads(json.dumps(base))
    bad["series"]["log10GradNorm"][3] += 1e-5
    r = [x for x in check_run(bad, reference(bad), 1e-6, 1e-8) if x.quantity == "log10GradNorm"][0]
    add(base["label"], "detects +1e-5 in log10GradNorm[3]", 0.0 if not r.ok else 1.0, 0.0, r.details)
    bad = json.loads(json.dumps(base))
    bad["series"]["log10InputGradNorm"][2] = None
    r = [x for x in check_run(bad, reference(bad), 1e-6, 1e-8) if x.quantity == "log10InputGradNorm"][0]
    add(base["label"], "detects spurious null", 0.0 if not r.ok else 1.0, 0.0, r.details)
    bad = json.loads(json.dumps(base))
    bad["spectra"]["eigenvalues"]["W_r"][0][0] *= 1 + 1e-7
    r = [x for x in check_run(bad, reference(bad), 1e-6, 1e-8) if x.quantity == "eigenvalues[W_r]"][0]
    add(base["label"], "detects 1e-7 relative eigenvalue error", 0.0 if not r.ok else 1.0, 0.0, r.details)
    bad = json.loads(json.dumps(base))
    bad["spectra"]["eigenvalues"]["W_r"].reverse()
    r = [x for x in check_run(bad, reference(bad), 1e-6, 1e-8) if x.quantity == "eigenvalues[W_r]"][0]
    add(base["label"], "detects unsorted eigenvalues", 0.0 if not r.ok else 1.0, 0.0, r.details)
    return results


# ---------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reports", nargs="*", help="vanish-report/1 JSON files")
    ap.add_argument("--tol", type=float, default=LOG_TOL_DEFAULT,
                    help="tolerance in log10 for the log10 quantities (default 1e-6)")
    ap.add_argument("--spec-tol", type=float, default=SPEC_TOL_DEFAULT,
                    help="relative tolerance for eigen/singular values (default 1e-8)")
    ap.add_argument("--selftest", action="store_true", help="verify the reference itself")
    ap.add_argument("--no-noise", action="store_true",
                    help="skip the 1-ulp self-consistency re-run on failures")
    args = ap.parse_args(argv)
    if args.selftest:
        results = selftest()
    else:
        if not args.reports:
            ap.error("give REPORT.json or --selftest")
        results = []
        for path in args.reports:
            results.extend(check_report(path, args.tol, args.spec_tol, noise=not args.no_noise))
            sys.stdout.flush()
    passed = sum(r.ok for r in results)
    failed = len(results) - passed
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
