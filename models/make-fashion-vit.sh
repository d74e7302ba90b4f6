#!/bin/sh
# SPDX-License-Identifier: MIT
# Remakes models/fashion-vit.safetensors and models/fashion-samples/ from scratch with chapter 08's recipe
# (4 epochs at batch 128, lr 2e-3, 200 warm-up steps, seed 0, 2 threads): about 10 minutes on 2 free cores.
# Fashion-MNIST is downloaded the first time unless it is already there. Extra arguments go to Maven,
# e.g. models/make-fashion-vit.sh -Dmaven.repo.local=/tmp/m2
set -eu
cd "$(dirname "$0")/.."
./mvnw -q install -DskipTests -pl cli -am "$@"
./vit train --epochs 4 --batch 128 --lr 2e-3 --warmup 200 --threads 2 --out target/fashion-vit/fashion-vit.safetensors
cp target/fashion-vit/fashion-vit.safetensors models/fashion-vit.safetensors
./mvnw -q -pl 08-training exec:java "$@" -Dexec.mainClass=vit.training.SamplePictures \
  -Dexec.args="--checkpoint models/fashion-vit.safetensors --out models/fashion-samples"
