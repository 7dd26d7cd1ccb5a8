package dev.leakdiff.cli;

import static dev.leakdiff.cli.HtmlReport.esc;
import static dev.leakdiff.cli.HtmlReport.fmt;

import dev.leakdiff.hunt.words.Words;
import java.util.function.LongFunction;

/** One small plot of the HTML report, in SVG: a class's or the process's values at each dump. */
final class HtmlPlot {
  private HtmlPlot() {}

  /** One small plot: the points joined, and the fitted line from the second point with the given slope (NaN: none). */
  static void draw(Words words, StringBuilder body, int id, boolean iterationsAxis, String label, long[] x, long[] y,
      double slope, LongFunction<String> fmt, String unit) {
    final int w = 170;
    final int h = 96;
    final double left = 8;
    final double right = w - 8;
    final double top = 16;
    final double bottom = h - 18;
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (long v : y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    int from = y.length > 2 ? 1 : 0;
    double fitStart = Double.NaN;
    double fitEnd = Double.NaN;
    if (!Double.isNaN(slope) && y.length > 1) {
      fitStart = y[from] + slope * (x[0] - x[from]);
      fitEnd = y[from] + slope * (x[x.length - 1] - x[from]);
    }
    double dataLo = Double.isNaN(fitStart) ? lo : Math.min(lo, Math.min(fitStart, fitEnd));
    double dataHi = Double.isNaN(fitStart) ? hi : Math.max(hi, Math.max(fitStart, fitEnd));
    double span = Math.max(dataHi - dataLo, Math.max(1, 0.05 * Math.max(Math.abs(dataHi), Math.abs(dataLo))));
    double yLo = dataHi - dataLo < span ? (dataLo + dataHi) / 2.0 - span / 2 : dataLo;
    double xSpan = Math.max(1, x[x.length - 1] - x[0]);
    String xTitle = iterationsAxis ? "iterations" : "dump";
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < y.length; i++) {
      values.append(i == 0 ? "" : "; ").append(fmt.apply(y[i])).append(" at ").append(iterationsAxis ? words.count(x[i]) + (i == y.length - 1 ? " iterations" : "") : "dump " + (i + 1));
    }
    body.append("<svg class=\"plot\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" role=\"img\" aria-labelledby=\"t").append(id).append(" d").append(id)
        .append("\"><title id=\"t").append(id).append("\">").append(esc(label)).append("</title><desc id=\"d").append(id)
        .append("\">").append(esc(unit)).append(" per dump: ").append(esc(values.toString())).append("</desc>");
    // the range, with the unit where the numbers do not carry one
    String suffix = unit.equals("instances") ? " obj" : unit.equals("threads") ? " threads" : "";
    body.append("<text x=\"2\" y=\"10\" class=\"ax\">").append(esc(fmt.apply(lo))).append(" to ").append(esc(fmt.apply(hi)))
        .append(suffix).append("</text>");
    body.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(fmt(bottom)).append("\" x2=\"")
        .append(right).append("\" y2=\"").append(fmt(bottom)).append("\"/>");
    // ticks at each dump; labels where they do not crowd the previous one
    double lastLabel = -100;
    StringBuilder points = new StringBuilder();
    double[] px = new double[y.length];
    double[] py = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      px[i] = left + (right - left) * (x[i] - x[0]) / xSpan;
      py[i] = bottom - (bottom - top) * (y[i] - yLo) / span;
      points.append(i == 0 ? "" : " ").append(fmt(px[i])).append(',').append(fmt(py[i]));
      body.append("<line class=\"tick\" x1=\"").append(fmt(px[i])).append("\" y1=\"").append(fmt(bottom)).append("\" x2=\"")
          .append(fmt(px[i])).append("\" y2=\"").append(fmt(bottom + 3)).append("\"/>");
      String tick = words.count(x[i]);
      boolean last = i == y.length - 1;
      if (last || (px[i] - lastLabel > 6 * (tick.length() + 1) && px[i] + 3 * tick.length() < right - 24)) {
        body.append("<text class=\"ax\" x=\"").append(fmt(px[i] + (last ? 4 : 0))).append("\" y=\"").append(fmt(bottom + 12))
            .append("\" text-anchor=\"").append(last ? "end" : "middle").append("\">").append(esc(tick)).append("</text>");
        lastLabel = px[i];
      }
    }
    body.append("<text class=\"ax\" x=\"").append(fmt((left + right) / 2 + 10)).append("\" y=\"").append(fmt(bottom + 12))
        .append("\" text-anchor=\"middle\">").append(xTitle).append("</text>");
    if (!Double.isNaN(fitStart)) {
      body.append("<line class=\"fit\" x1=\"").append(fmt(left)).append("\" y1=\"")
          .append(fmt(bottom - (bottom - top) * (fitStart - yLo) / span)).append("\" x2=\"").append(fmt(right)).append("\" y2=\"")
          .append(fmt(bottom - (bottom - top) * (fitEnd - yLo) / span)).append("\"/>");
    }
    body.append("<polyline class=\"line\" points=\"").append(points).append("\"/>");
    for (int i = 0; i < y.length; i++) {
      body.append("<circle cx=\"").append(fmt(px[i])).append("\" cy=\"").append(fmt(py[i])).append("\" r=\"2.5\"/>");
    }
    body.append("</svg>");
  }
}
