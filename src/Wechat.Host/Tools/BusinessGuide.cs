namespace Wechat.Host.Tools;

/// <summary>
/// 办事指南 for one business: what a citizen must meet, bring and do, readable before starting (the personal hall's
/// "我的工具" preview). Source says where the steps come from; Related links to the tools that help with it.
/// </summary>
public sealed record BusinessGuide(
    string Slug,
    string Title,
    string Summary,
    string Where,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> Documents,
    IReadOnlyList<string> Steps,
    string Source,
    IReadOnlyList<GuideLink> Related);

public sealed record GuideLink(string Text, string Href);
