#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Remakes the shared `cat-preprocessed.safetensors` and says where it differs from the committed one.

From tensor/src/test/resources/images/cat.png (451 x 300 RGB), the two preparations of the fixtures' README:
- `article`: torchvision's `Resize((224, 224))` (PIL bilinear, antialiased), `ToTensor()`;
- `timm`: `Resize(248, bicubic)` on the shorter side, `CenterCrop(224)`, `ToTensor()`, `Normalize(0.5, 0.5)`.
Debian's PyTorch comes without torchvision, so each step is written out as torchvision 0.14 does it on a PIL
image: `Resize` is PIL's `Image.resize` (the long side `int(248 * long / short)`), `CenterCrop` cuts at
`round((h - 224) / 2)`, `ToTensor` divides the bytes by 255. It writes to a folder of its own, never over the
committed fixture. Run from the repository root:

    apt-get install python3-torch python3-pil     # PyTorch 1.13 and Pillow at /usr/bin/python3
    /usr/bin/python3 tensor/src/test/scripts/remake_cat_preprocessed.py [OUT]   # OUT: target/fixtures-remade
"""
import os
import sys

import numpy
import torch
from PIL import Image

import fixtures_io
import make_vit_fixtures as vit

CAT = "tensor/src/test/resources/images/cat.png"
COMMITTED = "tensor/src/test/resources/fixtures/cat-preprocessed.safetensors"


def to_tensor(img):
    """torchvision's ToTensor: [1, C, H, W] float32 in [0, 1]."""
    return torch.from_numpy(numpy.asarray(img, dtype=numpy.uint8).copy()).permute(2, 0, 1).float().div(255).unsqueeze(0)


def main(out):
    os.makedirs(out, exist_ok=True)
    cat = Image.open(CAT).convert("RGB")
    article = to_tensor(cat.resize((224, 224), Image.BILINEAR))
    w, h = cat.size
    short, long = min(w, h), max(w, h)
    size = (int(248 * long / short), 248) if w >= h else (248, int(248 * long / short))
    resized = cat.resize(size, Image.BICUBIC)
    left, top = int(round((size[0] - 224) / 2.0)), int(round((size[1] - 224) / 2.0))
    timm = (to_tensor(resized.crop((left, top, left + 224, top + 224))) - 0.5) / 0.5
    path = os.path.join(out, "cat-preprocessed.safetensors")
    vit.save(path, {"article": article, "timm": timm})
    print("torch", torch.__version__, "Pillow", Image.__version__, "wrote", path)
    print("cat-preprocessed.safetensors, remade against committed:")
    worst = fixtures_io.compare(path, COMMITTED)
    print(f"largest relative error over all tensors: {worst:.3g}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/fixtures-remade")
