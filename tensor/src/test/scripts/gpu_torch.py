#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The PyTorch side of the GPU bundle (tensor/CUDA.md, "The GPU bundle"); run.sh calls it with the machine's python3.

    python3 gpu_torch.py references DIR --image cat.png   # timm's models, seeded: weights, the cat, logits
    python3 gpu_torch.py bench --runs 1:30 64:10          # timm's ViT-B/16, eager, on CUDA: fp32 and TF32

`references` builds timm's vit_base_patch16_224 and vit_small_patch16_224 (`timm.create_model(name,
pretrained=False)` after `torch.manual_seed(0)`) and writes, for each NAME:
  DIR/NAME.safetensors            the state dict, float32, as timm names it (what the Java loader reads);
  DIR/NAME.reference.safetensors  `input` [1, 3, 224, 224]: the cat through timm's own eval transform
                                  (resolve_data_config + create_transform); `logits` [1, 1000]: timm's forward
                                  on the CPU in float32; `logits_f64`: the same forward in float64 (stored as float32);
                                  metadata: the model, its head count, the data config, the versions.
`bench` prints one line per batch and math mode, in the format of the Java side (vit.model.ForwardTimings):
  torch cuda fp32 batch 1: median 1.23 ms, 812.3 images/s (30 runs, 1.20-1.31 ms)
timed with CUDA events after warm-up forwards; TF32 is set for cuBLAS and cuDNN alike.
"""
import argparse
import copy
import os
import statistics
import sys

MODELS = ("vit_base_patch16_224", "vit_small_patch16_224")


def references(out_dir, image):
    import timm
    import torch
    from PIL import Image
    from safetensors.torch import save_file
    from timm.data import create_transform, resolve_data_config

    torch.set_num_threads(min(8, os.cpu_count() or 1))
    os.makedirs(out_dir, exist_ok=True)
    for name in MODELS:
        torch.manual_seed(0)
        model = timm.create_model(name, pretrained=False).eval()
        config = resolve_data_config({}, model=model)
        transform = create_transform(**config)
        x = transform(Image.open(image).convert("RGB")).unsqueeze(0)
        with torch.no_grad():
            logits = model(x)
            logits64 = copy.deepcopy(model).double()(x.double())
        state = {k: v.detach().to(torch.float32).contiguous() for k, v in model.state_dict().items()}
        save_file(state, os.path.join(out_dir, name + ".safetensors"))
        meta = {
            "model": name,
            "vit.num_heads": str(model.blocks[0].attn.num_heads),
            "timm": timm.__version__,
            "torch": torch.__version__,
            "data_config": repr(config),
            "transform": " | ".join(repr(t) for t in transform.transforms).replace("\n", " "),
        }
        save_file({"input": x.contiguous(), "logits": logits.contiguous(), "logits_f64": logits64.float().contiguous()},
                  os.path.join(out_dir, name + ".reference.safetensors"), metadata=meta)
        drift = ((logits.double() - logits64).norm() / logits64.norm()).item()
        print(f"timm {timm.__version__} {name}: {len(state)} tensors, {sum(v.numel() for v in state.values())} "
              f"parameters, {model.blocks[0].attn.num_heads} heads; data config {config}; "
              f"float32 logits vs float64: rel err {drift:.1e}", flush=True)


def set_tf32(torch, on):
    """TF32 for cuBLAS matmuls and cuDNN convolutions; PyTorch >= 2.9 has one setting per backend instead of allow_tf32."""
    if hasattr(torch.backends, "fp32_precision"):
        mode = "tf32" if on else "ieee"
        torch.backends.cuda.matmul.fp32_precision = mode
        torch.backends.cudnn.conv.fp32_precision = mode
    else:
        torch.backends.cuda.matmul.allow_tf32 = on
        torch.backends.cudnn.allow_tf32 = on


def bench(runs, warmup):
    import timm
    import torch

    if not torch.cuda.is_available():
        print("torch: no CUDA device visible to PyTorch; bench skipped")
        return 1
    torch.manual_seed(0)
    model = timm.create_model("vit_base_patch16_224", pretrained=False).cuda().eval()
    print(f"torch {torch.__version__}, timm {timm.__version__}, {torch.cuda.get_device_name(0)}; vit_base_patch16_224 eager, "
          f"random weights, {warmup} warm-up forwards per line", flush=True)
    for tf32 in (False, True):
        set_tf32(torch, tf32)
        for batch, iters in runs:
            x = torch.randn(batch, 3, 224, 224, device="cuda")
            times = []
            with torch.no_grad():
                for _ in range(warmup):
                    model(x)
                torch.cuda.synchronize()
                for _ in range(iters):
                    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                    start.record()
                    model(x)
                    end.record()
                    end.synchronize()
                    times.append(start.elapsed_time(end))
            med = statistics.median(times)
            print(f"torch cuda {'tf32' if tf32 else 'fp32'} batch {batch}: median {med:.2f} ms, {batch * 1e3 / med:.1f} images/s "
                  f"({iters} runs, {min(times):.2f}-{max(times):.2f} ms)", flush=True)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("references")
    r.add_argument("dir")
    r.add_argument("--image", required=True)
    b = sub.add_parser("bench")
    b.add_argument("--runs", nargs="+", default=["1:30", "64:10"], help="BATCH:ITERATIONS pairs")
    b.add_argument("--warmup", type=int, default=5)
    a = p.parse_args()
    if a.command == "references":
        references(a.dir, a.image)
        return 0
    runs = []
    for spec in a.runs:
        batch, _, iters = spec.partition(":")
        if not (batch.isdigit() and iters.isdigit() and int(batch) > 0 and int(iters) > 0):
            p.error(f"--runs: expected BATCH:ITERATIONS with positive whole numbers, got '{spec}'")
        runs.append((int(batch), int(iters)))
    return bench(runs, a.warmup)


if __name__ == "__main__":
    sys.exit(main())
