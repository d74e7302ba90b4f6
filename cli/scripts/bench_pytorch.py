#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The PyTorch side of `bench`: a ViT-B/16 forward (timm's layout and arithmetic, random weights, float32) timed the
way `./vit bench` times ours, to compare both on the same cores:

    python3 cli/scripts/bench_pytorch.py --batch 1 --threads 2 --iters 7 --warmup 3

Needs only torch (Debian: apt-get install python3-torch libopenblas0-pthread; run it with /usr/bin/python3).
Prints each iteration's ms, the median, images/s and GFLOP/s (35.128 GFLOP per 224x224 image, as `bench` counts).
"""
import argparse
import statistics
import time

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, dim=768, heads=12, mlp=3072):
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
    def __init__(self, dim=768, depth=12, classes=1000):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, 16, 16)
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.zeros(1, 197, dim))
        self.blocks = nn.Sequential(*[Block(dim) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, classes)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.pos
        return self.head(self.norm(self.blocks(x))[:, 0])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--iters", type=int, default=7)
    p.add_argument("--warmup", type=int, default=3)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = ViT().eval()
    x = torch.randn(a.batch, 3, 224, 224)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batch {a.batch}, "
          f"{a.warmup} warm-up and {a.iters} timed forwards")
    times = []
    with torch.no_grad():
        for i in range(a.warmup + a.iters):
            t0 = time.perf_counter()
            model(x)
            ms = (time.perf_counter() - t0) * 1e3
            if i >= a.warmup:
                times.append(ms)
                print(f"iteration {len(times)}: {ms:.2f} ms")
    med = statistics.median(times)
    print(f"median {med:.2f} ms per forward")
    print(f"{a.batch * 1e3 / med:.2f} images/s")
    print(f"{35.128 * a.batch / med * 1e3:.2f} GFLOP/s (35.128 GFLOP per image)")


if __name__ == "__main__":
    main()
