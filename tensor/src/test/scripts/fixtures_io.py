# SPDX-License-Identifier: MIT
"""Reading safetensors files and comparing a remade fixture with the committed one, for the remake scripts."""
import json
import struct

import torch


def load(path):
    """Every tensor of a float32 safetensors file, by name."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        assert e["dtype"] == "F32", f"{path}: {name} is {e['dtype']}, expected F32"
        begin, end = e["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(e["shape"]).clone()
    return out


def compare(remade_path, committed_path):
    """Prints, tensor by tensor, where the remade file differs from the committed one; returns the largest relative error."""
    remade, committed = load(remade_path), load(committed_path)
    if remade.keys() != committed.keys():
        print(f"  {committed_path}: keys differ: only remade {sorted(remade.keys() - committed.keys())}, "
              f"only committed {sorted(committed.keys() - remade.keys())}")
    worst = 0.0
    for name in committed:
        if name not in remade:
            continue
        a, b = remade[name].double(), committed[name].double()
        if a.shape != b.shape:
            print(f"  {name}: shape {list(a.shape)}, committed {list(b.shape)}")
            worst = float("inf")
            continue
        diff = (a - b).abs()
        rel = (diff.norm() / b.norm()).item() if b.norm() > 0 else diff.norm().item()
        same = int((a == b).sum())
        worst = max(worst, rel)
        status = "identical" if same == b.numel() else (
            f"max |diff| {diff.max().item():.3g} at {list(divmod_index(diff.argmax().item(), b.shape))}, "
            f"relative error {rel:.3g}, {b.numel() - same} of {b.numel()} values differ")
        print(f"  {name:32s} {str(list(b.shape)):18s} {status}")
    return worst


def divmod_index(flat, shape):
    index = []
    for d in reversed(shape):
        index.append(flat % d)
        flat //= d
    return reversed(index)
