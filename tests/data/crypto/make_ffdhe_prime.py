#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes rfc7919_ffdhe2048.json: the ffdhe2048 prime computed from the formula of RFC 7919
Appendix A.1, p = 2^2048 - 2^1984 + (floor(2^1918 * e) + 560316) * 2^64 - 1, with e summed
exactly as a rational series, so that the tests check OpenSSL's built-in group against the RFC's
definition rather than against itself."""
import json
import random
from fractions import Fraction
from math import factorial


def is_probable_prime(n, rounds=32):
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    rng = random.Random(7919)
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


e = sum(Fraction(1, factorial(k)) for k in range(0, 420))  # error < 1/420!, far below 2^-1918
p = 2**2048 - 2**1984 + ((2**1918 * e.numerator) // e.denominator + 560316) * 2**64 - 1
hexp = format(p, "x")
assert hexp.startswith("ffffffffffffffffadf85458a2bb4a9a") and hexp.endswith("ffffffffffffffff")
assert is_probable_prime(p) and is_probable_prime((p - 1) // 2)
with open("rfc7919_ffdhe2048.json", "w") as f:
    json.dump({"source": "RFC 7919 Appendix A.1, computed by make_ffdhe_prime.py from the "
                         "formula; p and (p-1)/2 pass 32 Miller-Rabin rounds",
               "generator": 2, "p": hexp}, f, indent=4)
    f.write("\n")
