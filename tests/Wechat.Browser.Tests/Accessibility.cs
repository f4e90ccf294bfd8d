using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// axe-core's WCAG 2 A/AA rules run in the page as it stands (《互联网网站适老化通用设计规范》 asks for zoom, contrast and
/// readable labels). axe comes from the npm package (a devDependency of src/Wechat.Host, installed by
/// scripts/lib.sh <c>install_assets</c>); the test puts it into the page through the DevTools protocol, so the site never
/// serves it and its Content-Security-Policy stays as citizens get it.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(HostProcess.RepositoryRoot(), "src", "Wechat.Host", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
            throw new FileNotFoundException($"axe-core is not installed at {path}: run scripts/test.sh (install_assets) or `npm ci` in src/Wechat.Host");
        return File.ReadAllText(path);
    });

    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact || '',
            help: v.help,
            targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ') : '')),
          }));
        }
        """;

    /// <summary>One rule that failed and where: each target is a CSS selector path with axe's summary of why.</summary>
    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Targets);

    /// <summary>Every WCAG 2 A/AA violation on the page now (axe is injected once per document).</summary>
    public static async Task<IReadOnlyList<Violation>> ViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated as a script by the DevTools protocol, not added as a <script>: the page's CSP (no inline script)
            // would refuse a script tag, and loosening it for tests would test another site than the citizens get.
            await page.EvaluateAsync(AxeSource.Value);
            if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
                throw new InvalidOperationException("axe-core did not load into " + page.Url);
        }
        var json = await page.EvaluateAsync<JsonElement>(RunAxe);
        return json.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
            v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList())).ToList();
    }

    /// <summary>Fails with every rule id and its targets when axe finds any WCAG 2 A/AA violation on the page.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        if (violations.Count == 0) return;
        Assert.Fail(Describe(page.Url, violations));
    }

    public static string Describe(string url, IReadOnlyList<Violation> violations)
    {
        var text = new StringBuilder($"{url}: {violations.Count} axe-core WCAG 2 A/AA rule(s) violated, {violations.Sum(v => v.Targets.Count)} element(s)");
        foreach (var v in violations)
        {
            text.Append($"\n- {v.Id} ({v.Impact}): {v.Help}");
            foreach (var target in v.Targets) text.Append("\n    ").Append(target);
        }
        return text.ToString();
    }
}
