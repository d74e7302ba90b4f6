// SPDX-License-Identifier: MIT
package vit.tensor.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line and bar charts by XChart, in matplotlib's default colours (tab10), written as PNG. */
final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    /** matplotlib's tab10: blue, orange, green, red, purple, brown, pink, gray, olive, cyan. */
    static final Color[] TAB10 = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)};

    private Charts() {
    }

    static void line(String title, String xLabel, String yLabel, List<Series> series, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setSeriesColors(TAB10);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (Series s : series) {
            XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
            line.setMarker(SeriesMarkers.NONE);
        }
        save(chart, png);
    }

    static void bar(String title, List<String> labels, double[] values, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        chart.getStyler().setSeriesColors(TAB10);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(labels.size() > 6 ? 45 : 0);
        chart.getStyler().setXAxisTickMarkSpacingHint(24);
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.addSeries(title == null || title.isEmpty() ? "values" : title, labels, toList(values));
        save(chart, png);
    }

    static void bars(String title, String yLabel, List<String> labels, List<Series> series, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setSeriesColors(TAB10);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideN);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(labels.size() > 6 ? 45 : 0);
        chart.getStyler().setXAxisTickMarkSpacingHint(24);   // XChart's default (about 100 pixels) skips every other class name
        chart.getStyler().setYAxisDecimalPattern("0.###");
        for (Series s : series) {
            chart.addSeries(s.name(), labels, toList(s.y()));
        }
        save(chart, png);
    }

    private static List<Double> toList(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return List.of(boxed);
    }

    private static void save(Chart<?, ?> chart, Path png) throws IOException {
        Canvas.write(BitmapEncoder.getBufferedImage(chart), png);
    }
}
