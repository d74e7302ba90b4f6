#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fits the polynomial behind GeluKernel and prints it as Java literals.

GeluKernel writes Phi(-t) for t >= 0 as exp(-t^2/2) R(t), where R(t) = erfcx(t / sqrt 2) / 2 is smooth and slowly
varying, and evaluates R as a polynomial in u = (4 - 2t) / (4 + t), which maps t in [0, 8] onto [-1, 1]. The fit
is a weighted least-squares Chebyshev fit on a dense grid, re-weighted toward the smallest largest relative error
(Lawson's iteration), then turned into monomial coefficients for Horner's rule. Needs numpy and scipy; a developer
tool, not run by the build or the tests (GeluKernelTest checks the result against the exact formula).
"""
import numpy as np
from numpy.polynomial import chebyshev as C
from scipy.special import erfcx

DEGREE = 11
t = np.linspace(0, 8, 400001)
R = 0.5 * erfcx(t / np.sqrt(2))
u = (4 - 2 * t) / (4 + t)
w = 1 / R
for _ in range(30):
    co = C.chebfit(u, R, DEGREE, w=w)
    err = np.abs(C.chebval(u, co) / R - 1)
    w = w * np.sqrt(err / err.max() + 1e-3)
    w /= w.max()
mono = C.cheb2poly(co)
horner = np.zeros_like(u)
for c in mono[::-1]:
    horner = horner * u + c
print("// degree %d, largest relative error of R on [0, 8]: %.2e" % (DEGREE, np.max(np.abs(horner / R - 1))))
print("R = {" + ", ".join(float(c).hex() for c in mono) + "}")
