#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Remakes the shared `vit-mini` fixtures with Debian's PyTorch and says where they differ from the committed ones.

The committed `weights.safetensors` and `input.safetensors` are random numbers whose generator and seed were not
recorded, so they are the inputs here: this script recomputes from them everything PyTorch computed, that is
`expected-{article,timm}.safetensors` (the forward taps) and `grads-{article,timm}.safetensors` (one training step,
targets 0 and 1), with the forward written out in make_vit_fixtures.py, at vit-mini's sizes (width 64, depth 2,
4 heads, patch 8, image 32, 10 classes, MLP ratio 4, batch 2). It writes to a folder of its own, never over the
committed fixtures, and compares each tensor with the committed one. Run from the repository root:

    apt-get install python3-torch                # PyTorch 1.13 at /usr/bin/python3
    /usr/bin/python3 tensor/src/test/scripts/remake_vit_mini.py [OUT]   # OUT: target/fixtures-remade/vit-mini
"""
import os
import sys

import torch
import torch.nn.functional as F

import fixtures_io
import make_vit_fixtures as vit

COMMITTED = "tensor/src/test/resources/fixtures/vit-mini"


def main(out):
    # make_vit_fixtures' forward reads its sizes from module constants; set vit-mini's.
    vit.E, vit.DEPTH, vit.H, vit.P, vit.IMG, vit.CLASSES, vit.BATCH, vit.RATIO = 64, 2, 4, 8, 32, 10, 2, 4
    vit.N = (vit.IMG // vit.P) ** 2
    os.makedirs(out, exist_ok=True)
    w = fixtures_io.load(os.path.join(COMMITTED, "weights.safetensors"))
    x = fixtures_io.load(os.path.join(COMMITTED, "input.safetensors"))["input"]
    targets = torch.tensor([0, 1])
    for variant in ("article", "timm"):
        with torch.no_grad():
            vit.save(os.path.join(out, f"expected-{variant}.safetensors"), vit.forward(w, x, variant))
        params = {k: v.clone().requires_grad_(True) for k, v in w.items()}
        loss = F.cross_entropy(vit.forward(params, x, variant)["logits"], targets)
        loss.backward()
        grads = {"targets": targets.float(), "loss": loss.detach().reshape(1)}
        grads.update({"grad." + k: p.grad for k, p in params.items()})
        vit.save(os.path.join(out, f"grads-{variant}.safetensors"), grads)
    print("torch", torch.__version__, "wrote", out)
    worst = 0.0
    for name in ("expected-article", "expected-timm", "grads-article", "grads-timm"):
        print(f"{name}.safetensors, remade against committed:")
        worst = max(worst, fixtures_io.compare(os.path.join(out, name + ".safetensors"), os.path.join(COMMITTED, name + ".safetensors")))
    print(f"largest relative error over all tensors: {worst:.3g}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/fixtures-remade/vit-mini")
