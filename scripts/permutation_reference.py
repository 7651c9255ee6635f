"""An independent implementation of the shuffle order documented in runtime/src/order.rs.

Prints the rows of (seed 42, epoch 0, len 10), (seed 42, epoch 1, len 10) and the first five of
(seed 7, epoch 3, len 10**9); runtime/src/order.rs pins the same numbers in a test. Run with
`python3 scripts/permutation_reference.py`.
"""

M = (1 << 64) - 1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def permutation(length, seed, epoch):
    keys = [mix(seed ^ mix(epoch ^ mix(r + 1))) for r in range(6)]
    bits = max((length - 1).bit_length(), 2) if length > 1 else 2
    half = (bits + 1) // 2
    mask = (1 << half) - 1

    def encrypt(x):
        left, right = x >> half, x & mask
        for key in keys:
            left, right = right, left ^ (mix(right ^ key) & mask)
        return (left << half) | right

    def apply(position):
        if length <= 1:
            return position
        x = encrypt(position)
        while x >= length:
            x = encrypt(x)
        return x

    return apply


if __name__ == "__main__":
    for seed, epoch, length, count in [(42, 0, 10, 10), (42, 1, 10, 10), (7, 3, 10**9, 5)]:
        p = permutation(length, seed, epoch)
        print(seed, epoch, length, [p(i) for i in range(count)])
