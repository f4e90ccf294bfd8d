using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>The flows a citizen starts from link the 办事指南 that explains them, readable before starting.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GuideLinksTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/h5/settings/phone", "/h5/tools/guides/phone-change")]
    [InlineData("/h5/loans", "/h5/tools/guides/loan")]
    [InlineData("/h5/loans/progress", "/h5/tools/guides/loan")]
    public async Task TheFlowLinksItsGuide(string flow, string guide)
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var page = await fixture.OpenAsync(citizen.OpenId);

        await page.GotoAsync(fixture.BaseUrl + flow);
        await page.ClickAsync("#guide-link");

        await page.WaitForURLAsync("**" + guide);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("办事指南");
        await page.Context.CloseAsync();
    }
}
