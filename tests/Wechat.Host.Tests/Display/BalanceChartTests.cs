using Wechat.Host.Display;

namespace Wechat.Host.Tests.Display;

/// <summary>The statement's server-drawn balance line (issue 21): well-formed whatever the balances are.</summary>
public sealed class BalanceChartTests
{
    private static string Svg(string label, params (string, decimal)[] points) =>
        BalanceChart.Svg("balance-chart", label, points).ToString()!;

    [Fact]
    public void OnePointPerBalanceHigherBalancesHigherOnScreen()
    {
        var svg = Svg("2025 年余额变化", ("年初", 1000m), ("01-10", 2200m), ("02-05", 600m));
        var points = System.Text.RegularExpressions.Regex.Match(svg, "<polyline[^>]*points=\"([^\"]+)\"").Groups[1].Value.Split(' ');
        Assert.Equal(3, points.Length);
        var ys = points.Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(ys[1] < ys[0] && ys[0] < ys[2]); // SVG's y grows downwards
        Assert.Contains(">2,200</text>", svg);
        Assert.Contains(">600</text>", svg);
    }

    [Fact]
    public void AnUnchangedBalanceOrASinglePointStillDrawsWithoutNaN()
    {
        foreach (var svg in new[] { Svg("x", ("年初", 500m), ("03-01", 500m)), Svg("x", ("年初", 0m)) })
        {
            Assert.Contains("<polyline", svg);
            Assert.DoesNotContain("NaN", svg);
            Assert.DoesNotContain("Infinity", svg);
        }
    }

    [Fact]
    public void TheLabelIsEncoded()
    {
        var svg = Svg("\"><script>alert(1)</script>", ("年初", 1m), ("01-01", 2m));
        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("role=\"img\"", svg);
    }
}
