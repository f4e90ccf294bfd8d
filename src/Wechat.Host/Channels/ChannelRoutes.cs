using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Wechat.Host.Channels;

/// <summary>
/// Gives every shared citizen page (Pages/H5 but the WeChat-only ones) a second route under <c>/hall</c>: the same
/// page model and view answer <c>/h5/statement</c> and <c>/hall/statement</c>. The H5 route keeps the lower order, so
/// links generated from page names (<c>asp-page-handler</c>, <c>RedirectToPage</c>) come out as H5 paths, which the
/// hall then rewrites (<see cref="ChannelLinks"/>, <see cref="ChannelRedirects"/>).
/// </summary>
public sealed class ChannelRoutes : IPageRouteModelConvention
{
    /// <summary>Pages that only make sense inside WeChat: binding an OpenID, unbinding it, OAuth's failure page.</summary>
    public static readonly IReadOnlySet<string> WechatOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/H5/Login", "/H5/Unbind", "/H5/SignInFailed",
    };

    public void Apply(PageRouteModel model)
    {
        if (!model.ViewEnginePath.StartsWith("/H5/", StringComparison.OrdinalIgnoreCase) || WechatOnly.Contains(model.ViewEnginePath))
            return;
        foreach (var selector in model.Selectors.ToList())
        {
            var template = selector.AttributeRouteModel?.Template;
            if (template is null || !Channel.IsH5Path("/" + template)) continue;
            model.Selectors.Add(new SelectorModel
            {
                AttributeRouteModel = new AttributeRouteModel
                {
                    Template = Channel.Hall.Prefix.TrimStart('/') + template[(Channel.H5.Prefix.Length - 1)..],
                    Order = (selector.AttributeRouteModel!.Order ?? 0) + 1,
                    SuppressLinkGeneration = true,
                },
            });
        }
    }
}
