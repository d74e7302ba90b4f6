#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The PyTorch side of `bench` and `train`: a ViT in timm's layout and arithmetic (random weights, float32), timed the
way the project times its own, to compare both on the same cores:

    python3 cli/scripts/bench_pytorch.py --batch 1 --threads 2 --iters 7 --warmup 3
    python3 cli/scripts/bench_pytorch.py --train --batch 128 --threads 2 --iters 20 --warmup 3

The first times ViT-B/16 forwards (no autograd) and prints each iteration's ms, the median, images/s and GFLOP/s
(35.128 GFLOP per 224x224 image, as `bench` counts). `--train` times training steps of chapter 08's model (patch 4,
width 64, depth 6, 4 heads, 28x28 grey pictures, 10 classes; forward, cross-entropy, backward, AdamW) on random
pictures and prints images/s, as `train` does in its epoch line.

Needs only torch (Debian: apt-get install python3-torch libopenblas0-pthread; run it with /usr/bin/python3).
"""
import argparse
import statistics
import time

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, dim, heads, mlp):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.fc1 = nn.Linear(dim, mlp)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(mlp, dim)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(self.norm1(x)).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        att = (q @ k.transpose(-2, -1) * (c // self.heads) ** -0.5).softmax(dim=-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(b, n, c))
        return x + self.fc2(self.act(self.fc1(self.norm2(x))))


class ViT(nn.Module):
    def __init__(self, dim=768, depth=12, heads=12, patch=16, image=224, channels=3, classes=1000):
        super().__init__()
        tokens = (image // patch) ** 2 + 1
        self.patch = nn.Conv2d(channels, dim, patch, patch)
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.zeros(1, tokens, dim))
        self.blocks = nn.Sequential(*[Block(dim, heads, 4 * dim) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, classes)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.pos
        return self.head(self.norm(self.blocks(x))[:, 0])


def timed(steps, warmup, step):
    """Runs `step` warmup + steps times; the timed calls' ms."""
    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        step()
        ms = (time.perf_counter() - t0) * 1e3
        if i >= warmup:
            times.append(ms)
            print(f"iteration {len(times)}: {ms:.2f} ms")
    return times


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=None, help="images per forward (1) or per training step (128)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--iters", type=int, default=7)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--train", action="store_true", help="time training steps of chapter 08's model instead")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.train:
        batch = a.batch or 128
        model = ViT(dim=64, depth=6, heads=4, patch=4, image=28, channels=1, classes=10).train()
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
        x = torch.randn(batch, 1, 28, 28)
        y = torch.randint(0, 10, (batch,))

        def step():
            optimizer.zero_grad()
            loss = nn.functional.cross_entropy(model(x), y)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()

        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, training batch {batch}, "
              f"{a.warmup} warm-up and {a.iters} timed steps")
        med = statistics.median(timed(a.iters, a.warmup, step))
        print(f"median {med:.2f} ms per step")
        print(f"{batch * 1e3 / med:.0f} images/s")
        return
    batch = a.batch or 1
    model = ViT().eval()
    x = torch.randn(batch, 3, 224, 224)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batch {batch}, "
          f"{a.warmup} warm-up and {a.iters} timed forwards")
    with torch.no_grad():
        med = statistics.median(timed(a.iters, a.warmup, lambda: model(x)))
    print(f"median {med:.2f} ms per forward")
    print(f"{batch * 1e3 / med:.2f} images/s")
    print(f"{35.128 * batch / med * 1e3:.2f} GFLOP/s (35.128 GFLOP per image)")


if __name__ == "__main__":
    main()
