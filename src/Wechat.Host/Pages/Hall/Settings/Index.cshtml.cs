using Fund.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Wechat.Host.H5;
using Wechat.Host.Hall;

namespace Wechat.Host.Pages.Hall.Settings;

/// <summary>设置: change password and phone (the shared pages), and the browsers remembered for this account, each revocable.</summary>
public sealed class IndexModel(AccountQuery accounts, RememberedBrowsers browsers, H5SessionStore sessions, ILogger<IndexModel> log)
    : BoundAccountPage(accounts)
{
    protected override bool NeedsAccountRow => false;

    public IReadOnlyList<RememberedBrowser> Browsers { get; private set; } = [];
    public string? CurrentBrowser { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? notice)
    {
        Notice = notice == "forgotten" ? "已删除，该浏览器下次登录需重新验证短信验证码。" : null;
        await LoadBrowsersAsync();
    }

    public async Task<IActionResult> OnPostForgetAsync(string id)
    {
        // Only among this account's own browsers: an id of someone else's names nothing here. A session signed in
        // through the removed browser ends with it, except this one (removing the browser it sits in).
        if (string.IsNullOrEmpty(id)) return Redirect("/hall/settings?notice=forgotten");
        await sessions.DetachBrowserAsync(H5Session.Of(HttpContext), id);
        if (await browsers.ForgetAsync(Grzh, id)) log.LogInformation("A remembered browser was revoked");
        return Redirect("/hall/settings?notice=forgotten");
    }

    private async Task LoadBrowsersAsync()
    {
        Browsers = await browsers.ListAsync(Grzh);
        CurrentBrowser = browsers.CurrentId(HttpContext, Grzh);
    }
}
