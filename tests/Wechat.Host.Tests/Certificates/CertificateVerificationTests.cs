using System.Net;
using Dapper;
using Fund.Data;
using Fund.Data.Certificates;
using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;
using static Wechat.Host.Tests.Certificates.CertificateClients;

namespace Wechat.Host.Tests.Certificates;

/// <summary>
/// Issue 18's "done when": a demo citizen's certificate is read back as a bank would read it — its text, and the QR
/// code decoded from the rendered page — and the address in the code verifies with the same facts; a changed token,
/// an expired and a revoked certificate say so.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CertificateVerificationTests(CertificateHost host) : IClassFixture<CertificateHost>
{
    // 张伟 (demo-openid-1), from the demo set.
    private const string FullIdNumber = "411502198803151018";
    private const string MaskedIdNumber = "4115**********1018";

    private async Task<(string Serial, string VerifyPath, string PdfText)> IssueDepositAsync(HttpClient zhang)
    {
        var serial = await IssueAsync(zhang, new() { ["Kind"] = "Deposit", ["Purpose"] = "Loan", ["IncludeBalance"] = "true" });
        var pdf = await PdfAsync(zhang, serial);
        var url = PdfReading.QrCode(pdf);
        Assert.StartsWith("http://127.0.0.1:5080/verify/", url);
        return (serial, new Uri(url).AbsolutePath, PdfReading.Text(pdf));
    }

    [Fact]
    public async Task ADemoCitizensCertificateReadsBackAndItsQrCodeVerifiesWithTheSameFacts()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var serial = await IssueAsync(zhang, new() { ["Kind"] = "Deposit", ["Purpose"] = "Loan", ["IncludeBalance"] = "true" });
        var listed = await zhang.GetStringAsync("/h5/certificate?issued=" + serial);
        Assert.Contains("证明已开具", listed);
        Assert.Contains(serial, listed);

        var pdf = await PdfAsync(zhang, serial);
        var text = PdfReading.Text(pdf);
        foreach (var printed in new[] { "个人住房公积金缴存证明", "信阳市住房公积金管理中心", "张伟", MaskedIdNumber, "411500000001",
                     "信阳市示范科技有限公司", "正常", "办理贷款", serial, "账户余额", "核验方法" })
            Assert.Contains(printed, text);
        // Not in the text, nor in any stream of the file (content, fonts, ToUnicode maps, metadata).
        Assert.DoesNotContain(FullIdNumber, text);
        Assert.False(PdfReading.Contains(pdf, FullIdNumber), "the full ID number is somewhere in the PDF");

        var url = PdfReading.QrCode(pdf);
        Assert.StartsWith("http://127.0.0.1:5080/verify/", url);
        var reader = host.CreateClient(); // anyone: no session, no cookie
        var response = await reader.GetAsync(new Uri(url).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("有效", State(page));
        // The same facts as the paper: every value the page shows is printed on the PDF.
        foreach (var id in new[] { "fact-serial", "fact-name", "fact-id", "fact-grzh", "fact-employer", "fact-status", "fact-base", "fact-paid-up-to", "fact-balance" })
        {
            var value = System.Text.RegularExpressions.Regex.Match(page, $"id=\"{id}\">([^<]+)<").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(value), id);
            Assert.Contains(value, text);
        }
        Assert.Contains(MaskedIdNumber, page);
        Assert.DoesNotContain(FullIdNumber, page);
    }

    [Fact]
    public async Task AStatementCoversThePeriodWithOpeningAndClosingBalancesAndVerifies()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var serial = await IssueAsync(zhang, new()
        {
            ["Kind"] = "Statement", ["Purpose"] = "Rent", ["FromMonth"] = "2023-01", ["ToMonth"] = "2025-12",
        });
        var pdf = await PdfAsync(zhang, serial);
        var text = PdfReading.Text(pdf);
        foreach (var printed in new[] { "个人住房公积金明细账", "2023年01月01日 至 2025年12月31日", "期初余额", "期末余额", "汇缴", "年终结息", "租房" })
            Assert.Contains(printed, text);
        Assert.True(PdfReading.PageCount(pdf) >= 2, "36 months of entries run over one page");
        Assert.False(PdfReading.Contains(pdf, FullIdNumber));

        var page = await host.CreateClient().GetStringAsync(new Uri(PdfReading.QrCode(pdf)).AbsolutePath);
        Assert.Equal("有效", State(page));
        foreach (var id in new[] { "fact-opening", "fact-closing" })
            Assert.Contains(System.Text.RegularExpressions.Regex.Match(page, $"id=\"{id}\">([^<]+)<").Groups[1].Value, text);
    }

    [Fact]
    public async Task APeriodLongerThanThreeYearsIsRefusedWithAReason()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var form = new Dictionary<string, string> { ["Kind"] = "Statement", ["Purpose"] = "Other", ["FromMonth"] = "2020-01", ["ToMonth"] = "2023-01" };
        form["__RequestVerificationToken"] = Antiforgery(await zhang.GetStringAsync("/h5/certificate"));
        var page = await (await zhang.PostAsync("/h5/certificate", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Contains("明细账一次最长可开具3年", page);
    }

    [Fact]
    public async Task EveryChangedCharacterOfTheTokenIsInvalid()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var (_, path, _) = await IssueDepositAsync(zhang);
        var token = path["/verify/".Length..];
        var reader = host.CreateClient();
        Assert.Equal("有效", State(await reader.GetStringAsync(path)));
        foreach (var at in new[] { 0, 7, 15, 16, 25, token.Length - 1 })
        {
            var changed = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
            Assert.Equal("无效", State(await reader.GetStringAsync("/verify/" + changed)));
        }
        // '+' and '/' would decode like '-' and '_' in a lenient reader.
        var swapped = token.Replace('-', '+').Replace('_', '/');
        if (swapped != token) Assert.Equal("无效", State(await reader.GetStringAsync("/verify/" + Uri.EscapeDataString(swapped))));
        Assert.Equal("无效", State(await reader.GetStringAsync("/verify/" + token[..^1])));
        Assert.Equal("无效", State(await reader.GetStringAsync("/verify/")));
    }

    [Fact]
    public async Task AnExpiredCertificateSaysSoAndShowsNoPersonalFacts()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var (serial, path, _) = await IssueDepositAsync(zhang);
        await using (var conn = await host.Services.GetRequiredService<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE certificate SET valid_until = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE serial = @serial", new { serial });
        var page = await host.CreateClient().GetStringAsync(path);
        Assert.Equal("已过期", State(page));
        Assert.DoesNotContain("张伟", page);
        Assert.Contains("已过期", await zhang.GetStringAsync("/h5/certificate"));
    }

    [Fact]
    public async Task ARevokedCertificateSaysSoAndEveryStepIsAuditedWithoutPersonalData()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var (serial, path, _) = await IssueDepositAsync(zhang);
        var reader = host.CreateClient();
        Assert.Equal("有效", State(await reader.GetStringAsync(path)));

        var list = await zhang.GetStringAsync("/h5/certificate");
        var revoke = await zhang.PostAsync("/h5/certificate?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["serial"] = serial, ["__RequestVerificationToken"] = Antiforgery(list),
        }));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Contains("已撤销", await zhang.GetStringAsync(revoke.Headers.Location!.OriginalString.Insert(0, "/h5/certificate")));
        var page = await reader.GetStringAsync(path);
        Assert.Equal("已撤销", State(page));
        Assert.DoesNotContain("张伟", page);

        var trail = await host.Services.GetRequiredService<AuditTrail>().ForTargetAsync(MySqlCertificateStore.Target(serial), default);
        Assert.Equal(["proof.issue", "proof.verify", "proof.revoke", "proof.verify"], trail.Select(a => a.Action));
        Assert.Equal(["result=valid", "result=revoked"], trail.Where(a => a.Action == "proof.verify").Select(a => a.Detail));
        foreach (var line in trail)
        {
            var all = line.Actor + " " + line.Target + " " + line.Detail;
            foreach (var personal in new[] { "张伟", "411500000001", FullIdNumber, "1018", "demo-openid-1", "13803760001" })
                Assert.DoesNotContain(personal, all);
        }
        Assert.StartsWith("openid:", trail[0].Actor);
    }

    [Fact]
    public async Task AnotherCitizenCanNeitherDownloadNorRevokeIt()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var (serial, path, _) = await IssueDepositAsync(zhang);
        var li = await CitizenAsync(host, "demo-openid-2");

        Assert.Equal(HttpStatusCode.NotFound, (await li.GetAsync("/h5/certificate?handler=Pdf&serial=" + serial)).StatusCode);
        Assert.DoesNotContain(serial, await li.GetStringAsync("/h5/certificate"));
        var refused = await li.PostAsync("/h5/certificate?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["serial"] = serial, ["__RequestVerificationToken"] = Antiforgery(await li.GetStringAsync("/h5/certificate")),
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("没有找到可以撤销的这份证明", await refused.Content.ReadAsStringAsync());
        Assert.Equal("有效", State(await host.CreateClient().GetStringAsync(path)));
    }

    [Fact]
    public async Task ARevokePostedWithoutTheAntiforgeryTokenIsRefused()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var (serial, path, _) = await IssueDepositAsync(zhang);
        // A forged cross-site form carries the session cookie but cannot read the page's token.
        var forged = await zhang.PostAsync("/h5/certificate?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["serial"] = serial }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("有效", State(await host.CreateClient().GetStringAsync(path)));
    }
}

/// <summary>A bank phones the counter with a serial: the clerk finds the certificate, its state and its trail.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CounterCertificateLookUpTests(CertificateHost host) : IClassFixture<CertificateHost>
{
    [Fact]
    public async Task AClerkLooksUpASerialAndSeesItsStateAndTrail()
    {
        var zhang = await CitizenAsync(host, "demo-openid-1");
        var serial = await IssueAsync(zhang, new() { ["Kind"] = "Deposit", ["Purpose"] = "Rent" });
        using var clerk = await Counter.CounterSession.SignInAsync(host, "clerk1");

        var page = await clerk.PageAsync("/counter/certificates?serial=" + serial);
        Assert.Contains("id=\"state\">有效<", page);
        Assert.Contains("张伟", page);
        Assert.Contains("4115**********1018", page);
        Assert.Contains("开具证明", page);
        Assert.Contains("柜台查询证明", page);
        Assert.Contains("没有这个编号的证明", await clerk.PageAsync("/counter/certificates?serial=ZM2026010100000000"));
        Assert.Contains("请核对后重新输入", await clerk.PageAsync("/counter/certificates?serial=' OR 1=1"));
        // Citizens' sessions do not open the console.
        var notStaff = await zhang.GetAsync("/counter/certificates?serial=" + serial);
        Assert.Equal(HttpStatusCode.Redirect, notStaff.StatusCode);
    }
}
