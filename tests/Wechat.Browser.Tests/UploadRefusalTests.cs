using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>Uploads the server must refuse, whatever the browser claims about them; nothing refused is stored.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UploadRefusalTests(BrowserFixture fixture)
{
    private async Task<IPage> AtUploadStepAsync()
    {
        var citizen = await fixture.Citizens.CreateAsync(registered: true, bound: true, sealedOn: WithdrawalFlowTests.SealedSevenMonthsAgo());
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "");
        return page;
    }

    [Fact]
    public async Task ARenamedExecutableIsRefused()
    {
        var page = await AtUploadStepAsync();
        var exe = new byte[4096];
        "MZ"u8.CopyTo(exe);
        await WithdrawalFlowTests.UploadAsync(page, 1, "idcard.jpg", "image/jpeg", exe);
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("仅支持 JPG、PNG 图片或 PDF 文件");
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(page, "upload-refused-exe");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFileOverFiveMegabytesIsRefused()
    {
        var page = await AtUploadStepAsync();
        var big = new byte[5 * 1024 * 1024 + 1];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        await WithdrawalFlowTests.UploadAsync(page, 1, "big.jpg", "image/jpeg", big);
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("文件不能超过5MB");
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFileNameWithAPathIsRefused()
    {
        var page = await AtUploadStepAsync();
        // Browsers strip paths from file names, so this is what a hand-made request sends.
        var form = page.Locator("#upload-form");
        var action = await form.GetAttributeAsync("action");
        var multipart = page.Context.APIRequest.CreateFormData();
        foreach (var name in new[] { "__RequestVerificationToken", "Type", "material" })
            multipart.Set(name, await form.Locator($"input[name='{name}']").InputValueAsync());
        multipart.Set("UploadKind", "1");
        multipart.Set("Upload", new FilePayload { Name = "../../../src/Wechat.Host/wwwroot/evil.png", MimeType = "image/png", Buffer = WithdrawalFlowTests.Png });
        var response = await page.Context.APIRequest.PostAsync(fixture.BaseUrl + action, new() { Multipart = multipart });

        Assert.Contains("文件名无效", await response.TextAsync());
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherCitizensDocumentIsNotFound()
    {
        var owner = await AtUploadStepAsync();
        await WithdrawalFlowTests.UploadAsync(owner, 1, "front.png", "image/png", WithdrawalFlowTests.Png);
        var href = await owner.Locator(".uploaded").First.GetAttributeAsync("href");
        Assert.Equal(200, (await owner.Context.APIRequest.GetAsync(fixture.BaseUrl + href)).Status);

        var other = await fixture.Citizens.CreateAsync(registered: true, bound: true);
        var page = await fixture.OpenAsync(other.OpenId);
        await page.GotoAsync(fixture.BaseUrl + "/h5/account");
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync(fixture.BaseUrl + href)).Status);
        // The counter's route wants a staff sign-in, which a citizen does not have.
        var staffRoute = await page.Context.APIRequest.GetAsync(fixture.BaseUrl + href!.Replace("/h5/withdraw/", "/counter/"), new() { MaxRedirects = 0 });
        Assert.Equal(302, staffRoute.Status);
        Assert.Contains("/counter/login", staffRoute.Headers["location"]);
        await owner.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
