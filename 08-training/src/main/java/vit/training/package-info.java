// SPDX-License-Identifier: MIT
/**
 * Chapter 08: training the ViT on Fashion-MNIST. {@link vit.training.FashionMnist} reads the data,
 * {@link vit.training.Batches} serves it, {@link vit.training.Trainer} runs the steps,
 * {@link vit.training.Evaluation} scores a model, {@link vit.training.Checkpoints} saves it under timm's
 * names, {@link vit.training.TrainCommand} and {@link vit.training.EvaluateCommand} are the work behind
 * {@code vit train} and {@code vit evaluate} (the cli module), and {@link vit.training.Chapter08} runs a demo.
 */
package vit.training;
