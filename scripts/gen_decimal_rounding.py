"""Write macros/tests/fixtures/decimal_rounding.tsv: decimal literals next to and on the
midpoints between neighbouring f16, bf16 and f32 values, with the correctly rounded result
(nearest, ties to even, rounded once from the exact decimal value) computed with Python's exact
fractions. These are the cases where rounding decimal -> f64 -> f16 goes wrong.

Usage: python3 scripts/gen_decimal_rounding.py   (standard library only; run from the repo root)
"""
import random
from fractions import Fraction

FORMATS = {"f16": (10, 5), "bf16": (7, 8), "f32": (23, 8)}


def round_to_bits(x, man_bits, exp_bits):
    """Bits of the nearest value of the format to the exact rational x, ties to even."""
    bias = 2 ** (exp_bits - 1) - 1
    sign = 1 << (man_bits + exp_bits) if x < 0 else 0
    a = abs(x)
    if a == 0:
        return sign
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fraction(2) ** e > a:
        e -= 1
    e = max(e, 1 - bias)
    ulp = Fraction(2) ** (e - man_bits)
    q = a / ulp
    n = q.numerator // q.denominator
    rem = q - n
    if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and n % 2 == 1):
        n += 1
    inf = ((1 << exp_bits) - 1) << man_bits
    if n >= 1 << (man_bits + 1):  # carried into the next binade
        n >>= 1
        e += 1
    if n < (1 << man_bits):  # subnormal (or zero)
        return sign | n
    bits = ((e + bias) << man_bits) + (n - (1 << man_bits))
    return sign | min(bits, inf)


def value_of(bits, man_bits, exp_bits):
    bias = 2 ** (exp_bits - 1) - 1
    e = bits >> man_bits
    m = bits & ((1 << man_bits) - 1)
    if e == 0:
        return Fraction(m) * Fraction(2) ** (1 - bias - man_bits)
    return Fraction(m + (1 << man_bits)) * Fraction(2) ** (e - bias - man_bits)


def decimal_text(x):
    """The exact decimal expansion of a rational whose denominator is 2^a 5^b."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    den = x.denominator
    a = b = 0
    while den % 2 == 0:
        den //= 2
        a += 1
    while den % 5 == 0:
        den //= 5
        b += 1
    assert den == 1
    n = max(a, b)
    digits = str(x.numerator * (10 ** n // x.denominator)).rjust(n + 1, "0")
    if n == 0:
        return sign + digits + ".0"
    return sign + digits[:-n] + "." + digits[-n:]


def main():
    rng = random.Random(20261126)
    rows = []
    for name, (man_bits, exp_bits) in FORMATS.items():
        inf = ((1 << exp_bits) - 1) << man_bits
        pairs = [0, 1, (1 << man_bits) - 1, 1 << man_bits, inf - 1]
        pairs += [rng.randrange(0, inf) for _ in range(300)]
        for low in pairs:
            lo = value_of(low, man_bits, exp_bits)
            hi = value_of(low + 1, man_bits, exp_bits)  # low + 1 == inf reads as 2^(emax+1)
            mid = (lo + hi) / 2
            tiny = Fraction(1, 10 ** (len(decimal_text(mid)) + 25))
            for x in (mid, mid + tiny, mid - tiny):
                for sign in (1, -1):
                    value = sign * x
                    rows.append((name, decimal_text(value), round_to_bits(value, man_bits, exp_bits)))
    with open("macros/tests/fixtures/decimal_rounding.tsv", "w") as out:
        out.write("# dtype\tdecimal literal\tbits of the correctly rounded value (inf on overflow)\n")
        for name, text, bits in rows:
            out.write(f"{name}\t{text}\t{bits:#x}\n")
    print(f"wrote {len(rows)} cases")


main()
