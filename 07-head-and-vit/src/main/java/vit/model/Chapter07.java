// SPDX-License-Identifier: MIT
package vit.model;

import vit.attention.Variant;
import vit.data.Cat;
import vit.nn.Summary;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Chapter 07, "Head" and "ViT": pool the tokens, classify, and put the whole model together. The project's
 * command line ({@code ./vit classify}, {@code attention}, ...) lives in the {@code cli} module.
 */
public final class Chapter07 {
    private Chapter07() {
    }

    public static void main(String[] args) throws Exception {
        try (var off = GradMode.disabled()) {
            run();
        }
    }

    private static void run() throws java.io.IOException {
        System.out.println("== Chapter 07: the head and the whole ViT ==");
        Generator gen = new Generator(0);
        ClassificationHead head = new ClassificationHead(768, 1000, Variant.ARTICLE, gen);
        Tensor tokens = Tensor.randn(Shape.of(1, 197, 768), gen);
        System.out.println("ClassificationHead(768, 1000): Reduce('b n e -> b e', reduction='mean') -> LayerNorm -> Linear");
        System.out.println("ClassificationHead()(tokens [1, 197, 768]): " + head.apply(tokens).shape());

        ViT vit = new ViT(ViTConfig.ARTICLE, gen);
        Tensor logits = vit.apply(Cat.articleInput(224));
        System.out.println("ViT()(cat): " + logits.shape());
        Summary summary = Summary.of(vit, Shape.of(1, 3, 224, 224));
        System.out.println("summary(ViT(), (3, 224, 224)):");
        System.out.print(summary);
        System.out.println("The true total is " + Summary.grouped(summary.total()) + ". torchsummary printed "
            + Summary.grouped(summary.torchsummaryTotal()) + " because it only counts attributes named weight and bias:");
        long cls = vit.patchEmbedding().clsToken().numel();
        long pos = vit.patchEmbedding().positions().numel();
        System.out.println("it misses cls_token (" + Summary.grouped(cls) + ") and positions (" + Summary.grouped(pos) + "): "
            + Summary.grouped(summary.torchsummaryTotal()) + " + " + Summary.grouped(cls + pos) + " = " + Summary.grouped(summary.total()));
        TrainedClassifier.run(System.out);
    }
}
