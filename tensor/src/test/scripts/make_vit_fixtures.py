#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Makes the `vit-other` fixtures: a ViT of other sizes than the shared `vit-mini` (width 48, 6 heads,
depth 3, patch 4, image 20, 7 classes, MLP ratio 2, batch 3), both variants, computed by PyTorch.

Run with Debian's PyTorch (apt-get install python3-torch libopenblas0-pthread), from the repository root:

    /usr/bin/python3 tensor/src/test/scripts/make_vit_fixtures.py tensor/src/test/resources/fixtures/vit-other

Writes weights.safetensors (timm's key names), input.safetensors, expected-{article,timm}.safetensors
(the taps of the shared fixtures' README) and grads-{article,timm}.safetensors (targets, loss, grad.<name>).
The two variants are written out below from their definitions, not taken from a library.
"""
import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F

E, DEPTH, H, P, IMG, CLASSES, BATCH, RATIO = 48, 3, 6, 4, 20, 7, 3, 2
N = (IMG // P) ** 2


def save(path, tensors):
    """safetensors, F32, header padded with spaces to a multiple of 8."""
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        data = t.detach().contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def make_weights(gen):
    def rnd(*shape, std=0.2, mean=0.0):
        return torch.randn(*shape, generator=gen) * std + mean
    w = {"cls_token": rnd(1, 1, E, std=1.0), "pos_embed": rnd(1, N + 1, E, std=1.0),
         "patch_embed.proj.weight": rnd(E, 3, P, P), "patch_embed.proj.bias": rnd(E)}
    for i in range(DEPTH):
        p = f"blocks.{i}."
        w[p + "norm1.weight"], w[p + "norm1.bias"] = rnd(E, std=0.1, mean=1.0), rnd(E, std=0.1)
        w[p + "attn.qkv.weight"], w[p + "attn.qkv.bias"] = rnd(3 * E, E), rnd(3 * E)
        w[p + "attn.proj.weight"], w[p + "attn.proj.bias"] = rnd(E, E), rnd(E)
        w[p + "norm2.weight"], w[p + "norm2.bias"] = rnd(E, std=0.1, mean=1.0), rnd(E, std=0.1)
        w[p + "mlp.fc1.weight"], w[p + "mlp.fc1.bias"] = rnd(RATIO * E, E), rnd(RATIO * E)
        w[p + "mlp.fc2.weight"], w[p + "mlp.fc2.bias"] = rnd(E, RATIO * E), rnd(E)
    w["norm.weight"], w["norm.bias"] = rnd(E, std=0.1, mean=1.0), rnd(E, std=0.1)
    w["head.weight"], w["head.bias"] = rnd(CLASSES, E), rnd(CLASSES)
    return w


def forward(w, x, variant):
    article = variant == "article"
    eps = 1e-5 if article else 1e-6
    b = x.shape[0]
    taps = {}

    def ln(t, name):
        return F.layer_norm(t, (E,), w[name + ".weight"], w[name + ".bias"], eps)

    def attention(t, i):
        p = f"blocks.{i}.attn."
        n = t.shape[1]
        qkv = F.linear(t, w[p + "qkv.weight"], w[p + "qkv.bias"])
        if article:  # b n (h d qkv) -> qkv b h n d
            qkv = qkv.reshape(b, n, H, E // H, 3).permute(4, 0, 2, 1, 3)
        else:        # b n (qkv h d) -> qkv b h n d
            qkv = qkv.reshape(b, n, 3, H, E // H).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        energy = q @ k.transpose(-2, -1)
        att = energy.softmax(-1) / math.sqrt(E) if article else (energy / math.sqrt(E // H)).softmax(-1)
        out = (att @ v).transpose(1, 2).reshape(b, n, E)
        return F.linear(out, w[p + "proj.weight"], w[p + "proj.bias"])

    def mlp(t, i):
        p = f"blocks.{i}.mlp."
        return F.linear(F.gelu(F.linear(t, w[p + "fc1.weight"], w[p + "fc1.bias"])), w[p + "fc2.weight"], w[p + "fc2.bias"])

    patches = F.conv2d(x, w["patch_embed.proj.weight"], w["patch_embed.proj.bias"], stride=P).flatten(2).transpose(1, 2)
    taps["patches"] = patches
    tokens = torch.cat([w["cls_token"].expand(b, -1, -1), patches], dim=1) + w["pos_embed"]
    taps["tokens"] = tokens
    t = tokens
    for i in range(DEPTH):
        a = attention(ln(t, f"blocks.{i}.norm1"), i)
        m = mlp(ln(t + a, f"blocks.{i}.norm2"), i)
        if i == 0:
            taps["attn0"], taps["mlp0"] = a, m
        t = t + a + m
        if i == 0:
            taps["block0"] = t
    taps["encoded"] = t
    taps["pooled"] = ln(t.mean(1), "norm") if article else ln(t, "norm")[:, 0]
    taps["logits"] = F.linear(taps["pooled"], w["head.weight"], w["head.bias"])
    return taps


def main(out):
    os.makedirs(out, exist_ok=True)
    gen = torch.Generator().manual_seed(20261125)
    w = make_weights(gen)
    x = torch.rand(BATCH, 3, IMG, IMG, generator=gen)
    save(os.path.join(out, "weights.safetensors"), w)
    save(os.path.join(out, "input.safetensors"), {"input": x})
    targets = torch.tensor([3, 0, 6])
    for variant in ("article", "timm"):
        with torch.no_grad():
            save(os.path.join(out, f"expected-{variant}.safetensors"), forward(w, x, variant))
        params = {k: v.clone().requires_grad_(True) for k, v in w.items()}
        loss = F.cross_entropy(forward(params, x, variant)["logits"], targets)
        loss.backward()
        grads = {"targets": targets.float(), "loss": loss.detach().reshape(1)}
        grads.update({"grad." + k: p.grad for k, p in params.items()})
        save(os.path.join(out, f"grads-{variant}.safetensors"), grads)
    print("torch", torch.__version__, "wrote", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tensor/src/test/resources/fixtures/vit-other")
