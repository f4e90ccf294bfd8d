using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Wechat.Host.Channels;

/// <summary>
/// In the hall, every link a shared page writes to an H5 path (<c>href</c>, a form's <c>action</c>, a button's
/// <c>formaction</c>) is written as the hall's path instead, so the page's markup names H5 paths once and the citizen
/// stays in the channel they are in. Runs after the framework's form and anchor tag helpers, which generate H5 paths.
/// </summary>
[HtmlTargetElement("a", Attributes = "href")]
[HtmlTargetElement("form")]
[HtmlTargetElement("button", Attributes = "formaction")]
public sealed class ChannelLinks : TagHelper
{
    private static readonly string[] LinkAttributes = ["href", "action", "formaction"];

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    // After the framework's (FormTagHelper is -1000, AnchorTagHelper 0 … generated values are in place by then).
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var channel = Channel.Of(ViewContext.HttpContext);
        if (!channel.IsHall) return;
        foreach (var name in LinkAttributes)
        {
            if (!output.Attributes.TryGetAttribute(name, out var attribute)) continue;
            var value = Text(attribute.Value);
            if (value is null || !Channel.IsH5Path(value)) continue;
            // The value is already HTML-encoded where it came from markup; the prefix is plain ASCII either way.
            output.Attributes.SetAttribute(name, new HtmlString(channel.Href(value)));
        }
    }

    private static string? Text(object? value) => value switch
    {
        string s => HtmlEncoder.Default.Encode(s),
        IHtmlContent html => Render(html),
        null => null,
        _ => HtmlEncoder.Default.Encode(value.ToString() ?? ""),
    };

    private static string Render(IHtmlContent html)
    {
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
