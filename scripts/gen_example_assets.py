"""Write examples/assets/: the weights and input of examples/numpy_weights.rs, saved by numpy.

Usage: python3 scripts/gen_example_assets.py   (needs numpy; run from the repo root)
"""
import numpy as np

rng = np.random.default_rng(7)
np.save("examples/assets/dense_weights.npy", rng.normal(0, 0.5, size=(4, 3)).astype("<f4"))
np.save("examples/assets/dense_bias.npy", np.array([0.1, -0.2, 0.05], dtype="<f4"))
np.save("examples/assets/input.npy", rng.uniform(-1, 1, size=(2, 4)).astype("<f4"))
print("wrote examples/assets/{dense_weights,dense_bias,input}.npy")
