using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Wechat.Host.Display;

/// <summary>
/// A balance line drawn on the server as inline SVG (the statement page, issue 21): no script to download, parse or
/// run, so nothing blocks the phone's main thread (Chart.js did this for 913 ms of Lighthouse's total blocking time),
/// and it is in the page from the first paint. The points are spaced evenly, one per label, as a category axis is; the
/// vertical axis runs from the lowest to the highest balance with three labelled lines.
/// </summary>
public static class BalanceChart
{
    private const double Width = 340, Height = 190, Left = 58, Right = 8, Top = 10, Bottom = 28;

    /// <param name="id">The element's id.</param>
    /// <param name="label">What the picture shows, for screen readers (role="img").</param>
    /// <param name="points">Label and balance of each point, in order.</param>
    public static IHtmlContent Svg(string id, string label, IReadOnlyList<(string Label, decimal Value)> points)
    {
        var enc = HtmlEncoder.Default;
        var sb = new StringBuilder(2048);
        sb.Append("<svg id=\"").Append(enc.Encode(id)).Append("\" class=\"balance-chart\" role=\"img\" aria-label=\"")
          .Append(enc.Encode(label)).Append("\" viewBox=\"0 0 ").Append(N(Width)).Append(' ').Append(N(Height))
          .Append("\" data-points=\"").Append(points.Count).Append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        if (points.Count > 0)
        {
            var min = points.Min(p => p.Value);
            var max = points.Max(p => p.Value);
            if (min == max) (min, max) = (min - 1m, max + 1m);
            double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
            double X(int i) => Left + (points.Count == 1 ? plotW / 2 : plotW * i / (points.Count - 1));
            double Y(decimal v) => Top + plotH * (double)((max - v) / (max - min));

            // Three horizontal lines with their amounts: highest, middle, lowest.
            sb.Append("<g class=\"balance-chart__grid\" stroke=\"#e5e5e5\" stroke-width=\"1\">");
            var ticks = new[] { max, (max + min) / 2m, min };
            foreach (var t in ticks)
                sb.Append("<line x1=\"").Append(N(Left)).Append("\" x2=\"").Append(N(Width - Right)).Append("\" y1=\"")
                  .Append(N(Y(t))).Append("\" y2=\"").Append(N(Y(t))).Append("\"/>");
            sb.Append("</g><g fill=\"#888\" font-size=\"11\">");
            foreach (var t in ticks)
                sb.Append("<text x=\"").Append(N(Left - 4)).Append("\" y=\"").Append(N(Y(t) + 4))
                  .Append("\" text-anchor=\"end\">").Append(enc.Encode(t.ToString("N0", CultureInfo.InvariantCulture))).Append("</text>");
            // The first, last and (with room) middle labels along the bottom.
            var shown = points.Count <= 2 ? Enumerable.Range(0, points.Count) : new[] { 0, (points.Count - 1) / 2, points.Count - 1 }.Distinct();
            foreach (var i in shown)
            {
                var anchor = points.Count == 1 ? "middle" : i == 0 ? "start" : i == points.Count - 1 ? "end" : "middle";
                sb.Append("<text x=\"").Append(N(X(i))).Append("\" y=\"").Append(N(Height - 8)).Append("\" text-anchor=\"")
                  .Append(anchor).Append("\">").Append(enc.Encode(points[i].Label)).Append("</text>");
            }
            sb.Append("</g>");

            var line = new StringBuilder();
            for (var i = 0; i < points.Count; i++)
                line.Append(i == 0 ? "" : " ").Append(N(X(i))).Append(',').Append(N(Y(points[i].Value)));
            var bottom = N(Top + plotH);
            sb.Append("<polygon class=\"balance-chart__area\" fill=\"#07c160\" fill-opacity=\"0.1\" points=\"")
              .Append(N(X(0))).Append(',').Append(bottom).Append(' ').Append(line).Append(' ')
              .Append(N(X(points.Count - 1))).Append(',').Append(bottom).Append("\"/>");
            sb.Append("<polyline class=\"balance-chart__line\" fill=\"none\" stroke=\"#07c160\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"")
              .Append(line).Append("\"/>");
            sb.Append("<g fill=\"#07c160\">");
            for (var i = 0; i < points.Count; i++)
                sb.Append("<circle cx=\"").Append(N(X(i))).Append("\" cy=\"").Append(N(Y(points[i].Value))).Append("\" r=\"2\"/>");
            sb.Append("</g>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    private static string N(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
