using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// A bad phone number is named once: after a refused submit, asking for a code with the same number shows the code's
/// answer in place of the stale submit error, not beside it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OneErrorAtATimeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ABadPhoneNumberShowsOneErrorNotTwo()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/settings/phone");
        await page.FillAsync("#NewPhone", "1380376");
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator(".form-error")).ToHaveCountAsync(1);

        await page.ClickAsync("#send-code");
        await Assertions.Expect(page.Locator("#sms-status.form-error")).ToContainTextAsync("请输入正确的11位手机号");
        await Assertions.Expect(page.Locator(".form-error:visible")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
