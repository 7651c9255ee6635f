"""Write examples/assets/: the weights and input of examples/numpy_weights.rs (saved by
numpy), and the small classifier of examples/embedded_weights.rs (saved by Python's
safetensors, as PyTorch would, and by np.savez_compressed).

Usage: python3 scripts/gen_example_assets.py   (needs numpy and safetensors; run from the repo
root). The .npy files are written first with the same generator state as before, so they do
not change.
"""
import numpy as np

rng = np.random.default_rng(7)
np.save("examples/assets/dense_weights.npy", rng.normal(0, 0.5, size=(4, 3)).astype("<f4"))
np.save("examples/assets/dense_bias.npy", np.array([0.1, -0.2, 0.05], dtype="<f4"))
np.save("examples/assets/input.npy", rng.uniform(-1, 1, size=(2, 4)).astype("<f4"))
print("wrote examples/assets/{dense_weights,dense_bias,input}.npy")

from safetensors.numpy import save_file  # noqa: E402

# A 4 → 8 → 3 classifier, as torch.nn.Linear stores it: weight [out, in], bias [out].
weights = np.random.default_rng(11)
model = {
    "fc1.weight": weights.normal(0, 0.5, size=(8, 4)).astype("<f4"),
    "fc1.bias": weights.normal(0, 0.1, size=(8,)).astype("<f4"),
    "fc2.weight": weights.normal(0, 0.5, size=(3, 8)).astype("<f4"),
    "fc2.bias": weights.normal(0, 0.1, size=(3,)).astype("<f4"),
}
save_file(model, "examples/assets/classifier.safetensors", metadata={"format": "pt"})
# The same layers as numpy users keep them, with the class names' order as integers.
np.savez_compressed("examples/assets/classifier.npz", fc2_weight=model["fc2.weight"],
                    fc2_bias=model["fc2.bias"], classes=np.arange(3, dtype=np.uint8))
print("wrote examples/assets/classifier.{safetensors,npz}")
