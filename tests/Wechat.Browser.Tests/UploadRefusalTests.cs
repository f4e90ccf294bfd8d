using Microsoft.Playwright;

namespace Wechat.Browser.Tests;

/// <summary>Uploads the server must refuse, whatever the browser claims about them; nothing refused is stored.</summary>
[Collection(BrowserCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UploadRefusalTests(BrowserFixture fixture)
{
    private async Task<IPage> AtUploadStepAsync()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture);
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

    private static byte[] Jpeg(int size)
    {
        var big = new byte[size];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        return big;
    }

    [Fact]
    public async Task AFileOverFiveMegabytesIsStoppedInThePageBeforeItIsSent()
    {
        var page = await AtUploadStepAsync();
        var posts = 0;
        page.Request += (_, request) => { if (request.Method == "POST") posts++; };
        await page.SelectOptionAsync("#upload-kind", "1");
        // A 20 MB photo made inside the page: handing Chromium the bytes over the test's pipe would take longer than the check.
        await page.EvaluateAsync("() => { const bytes = new Uint8Array(20 * 1024 * 1024); bytes.set([0xFF, 0xD8, 0xFF]);"
            + " const transfer = new DataTransfer(); transfer.items.add(new File([bytes], 'big.jpg', { type: 'image/jpeg' }));"
            + " document.getElementById('upload-file').files = transfer.files; }");
        await page.ClickAsync("#upload");

        await Assertions.Expect(page.Locator("#upload-error")).ToContainTextAsync("文件不能超过5MB");
        Assert.Equal(0, posts);
        await Assertions.Expect(page.Locator(".material.selected")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(page, "upload-refused-too-large");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(5 * 1024 * 1024 + 1)]
    [InlineData(7 * 1024 * 1024)]
    [InlineData(20 * 1024 * 1024)]
    public async Task AnOversizeFilePostedAroundThePageEndsOnTheFormWithTheMessage(int size)
    {
        var page = await AtUploadStepAsync();
        var form = page.Locator("#upload-form");
        var action = await form.GetAttributeAsync("action");
        var multipart = page.Context.APIRequest.CreateFormData();
        foreach (var name in new[] { "__RequestVerificationToken", "Type", "material" })
            multipart.Set(name, await form.Locator($"input[name='{name}']").InputValueAsync());
        multipart.Set("UploadKind", "1");
        multipart.Set("Upload", new FilePayload { Name = "big.jpg", MimeType = "image/jpeg", Buffer = Jpeg(size) });

        var response = await page.Context.APIRequest.PostAsync(fixture.BaseUrl + action, new() { Multipart = multipart });

        Assert.Equal(200, response.Status);
        var html = await response.TextAsync();
        Assert.Contains("文件不能超过5MB", html);
        Assert.Contains("id=\"upload-form\"", html);
        Assert.Contains("浏览器测试单位", html); // the material is still selected: the form is kept
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFourthFileOfOneKindIsRefused()
    {
        var page = await AtUploadStepAsync();
        for (var i = 0; i < 3; i++) await WithdrawalFlowTests.UploadAsync(page, 1, $"front{i}.png", "image/png", WithdrawalFlowTests.Png);
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(3);
        await WithdrawalFlowTests.UploadAsync(page, 1, "front4.png", "image/png", WithdrawalFlowTests.Png);
        await Assertions.Expect(page.Locator("#upload-error")).ToContainTextAsync("每类材料最多上传3个文件");
        await Assertions.Expect(page.Locator(".uploaded")).ToHaveCountAsync(3);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnUploadIsEncryptedOnDiskReadableOnlyByTheServiceAndStillShownToItsOwner()
    {
        var citizen = await WithdrawalFlowTests.ReadyCitizenAsync(fixture);
        var page = await fixture.OpenAsync(citizen.OpenId);
        await WithdrawalFlowTests.StartEmploymentEndedAsync(fixture, page, "");
        await WithdrawalFlowTests.UploadAsync(page, 1, "front.png", "image/png", WithdrawalFlowTests.Png);
        var material = long.Parse(new Uri(page.Url).Query.Split('&').Single(p => p.StartsWith("material=", StringComparison.Ordinal))["material=".Length..]);
        var document = Assert.Single(await fixture.Materials.PendingDocumentsAsync(citizen.Account.Grzh, material, default));

        var path = Path.Combine(HostProcess.UploadsDirectory(), document.StoredName);
        var stored = await File.ReadAllBytesAsync(path);
        Assert.Equal("dev1", document.KeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(stored.AsSpan().IndexOf(WithdrawalFlowTests.Png.AsSpan(0, 8)) >= 0, "the PNG's bytes are on disk in clear");
        Assert.DoesNotContain(".png", document.StoredName);

        var href = await page.Locator(".uploaded").First.GetAttributeAsync("href");
        var served = await page.Context.APIRequest.GetAsync(fixture.BaseUrl + href);
        Assert.Equal(WithdrawalFlowTests.Png, await served.BodyAsync());
        Assert.Equal("image/png", served.Headers["content-type"]);
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
