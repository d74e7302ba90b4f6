// SPDX-License-Identifier: MIT
package vit.data;

import java.io.IOException;
import java.nio.file.Path;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Images;

/** Chapter 01, "Data": load the cat, resize it to 224x224, make it a {@code [1, 3, 224, 224]} tensor. */
public final class Chapter01 {
    private Chapter01() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("== Chapter 01: the data ==");
        Image8 img = Cat.load();
        System.out.println("img = Image.open('cat.png')        # " + img.width() + " x " + img.height() + " RGB, " + Cat.CREDIT);
        System.out.println("ToTensor()(img).unsqueeze(0).shape: " + img.toTensor().shape());

        Tensor x = Cat.articleInput(224);
        System.out.println("transform = Compose([Resize((224, 224)), ToTensor()])");
        System.out.println("x = transform(img).unsqueeze(0)    # add the batch dimension");
        System.out.println("x.shape: " + x.shape());
        float[] v = x.toFloatArray();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        System.out.printf(java.util.Locale.ROOT, "values in [%.4f, %.4f], as ToTensor scales bytes by 1/255%n", min, max);

        Path png = Figures.path("01-cat-224.png");
        Images.writePng(x, png);
        System.out.println("figure: the resized cat -> target/figures/" + png.getFileName());
    }
}
