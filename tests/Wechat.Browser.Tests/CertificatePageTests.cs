using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>
/// 陈建国 issues a 缴存证明 in the phone and sees it listed and valid; the PDF downloads. (Not 张伟: the host tests issue
/// many of his on the same day, past the default daily cap this host keeps.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CertificatePageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ACitizenIssuesACertificateInThePhoneAndDownloadsIt()
    {
        var chen = DemoCitizens.All[4];
        var page = await fixture.OpenAsync(chen.OpenId);
        var response = await page.GotoAsync(fixture.BaseUrl + "/h5/certificate");
        Assert.Equal(200, response!.Status);

        await page.Locator("label:has(#include-balance)").ClickAsync(); // WeUI hides the box behind its icon
        await page.ClickAsync("#issue");
        await Assertions.Expect(page.Locator("#issued")).ToContainTextAsync("证明已开具");
        var serial = await page.Locator("#issued-serial").InnerTextAsync();
        await Assertions.Expect(page.Locator($".certificate[data-serial='{serial}'] .state")).ToHaveTextAsync("有效");
        await BrowserFixture.ShotAsync(page, "certificate-page");

        var pdf = await page.Context.APIRequest.GetAsync(fixture.BaseUrl + "/h5/certificate?handler=Pdf&serial=" + serial);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
        await page.Context.CloseAsync();
    }
}
