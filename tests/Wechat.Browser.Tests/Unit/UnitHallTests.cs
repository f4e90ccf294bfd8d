using Dapper;
using Fund.Core.Accounts;
using Fund.Data;
using Fund.Data.Employers;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Wechat.Browser.Tests.Unit;

/// <summary>The employer hall driven as an operator: with the certificate every business, with a password nothing that posts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UnitHallTests(BrowserFixture fixture)
{
    private readonly UnitHallRig rig = new(fixture);

    [Fact]
    public async Task AnOperatorWithTheCertificateRemitsTheNextMonthOnceAndTheEmployeeIsToldInWechat()
    {
        var employer = await rig.EmployerAsync();
        var openId = "unit-" + Guid.NewGuid().ToString("N")[..16];
        var bound = await rig.EmployeeAsync(employer.Dwzh, 6000m, balance: 10000m, openId: openId);
        var other = await rig.EmployeeAsync(employer.Dwzh, 5000m);
        var leaver = await rig.EmployeeAsync(employer.Dwzh, 5000m, AccountStatus.Sealed);
        var cert = await rig.IssueAsync(employer.OperatorId);
        var page = await rig.SignInWithCertificateAsync(cert);
        await Assertions.Expect(page.Locator("#paid-up-to")).ToHaveTextAsync("2026年10月");

        await page.ClickAsync("#nav-remit");
        await Assertions.Expect(page.Locator("#remit-month")).ToContainTextAsync("2026年11月");
        await Assertions.Expect(page.Locator(".remit-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#remit-rows")).Not.ToContainTextAsync(leaver.Grzh);
        await Assertions.Expect(page.Locator("#remit-total")).ToHaveTextAsync("2,640.00");
        await BrowserFixture.ShotAsync(page, "unit-1-remit-confirm");
        await page.ClickAsync("#remit-confirm");
        await Assertions.Expect(page.Locator("#remit-message")).ToContainTextAsync("2026年11月汇缴登记成功：2人，合计2,640.00元");

        // Posted once: the ledger, the 缴至年月, the history with the certificate's serial.
        Assert.Equal((11440m, new DateOnly(2026, 11, 1)), await BalanceAndPaidUpToAsync(bound.Grzh));
        Assert.Equal((1200m, new DateOnly(2026, 11, 1)), await BalanceAndPaidUpToAsync(other.Grzh));
        await page.GotoAsync(fixture.UnitHttpsUrl + "/unit/history");
        await Assertions.Expect(page.Locator("#history .business[data-kind=remit] .serial")).ToHaveTextAsync(cert.Serial);

        // The employee bound to WeChat gets a template message with the amount and the new balance.
        var message = await fixture.Wechat.WaitForTemplateAsync(openId, WechatStandIn.ContributionTemplate, TimeSpan.FromSeconds(20));
        // Amounts without grouping commas, no first/remark (issue 19 #11; this expected "1,440.00元" and "11,440.00元" before).
        Assert.Equal("1440.00元", message["data"]!["keyword2"]!["value"]!.GetValue<string>());
        Assert.Equal("11440.00元", message["data"]!["keyword3"]!["value"]!.GetValue<string>());
        Assert.Null(message["data"]!["first"]);
        Assert.Null(message["data"]!["remark"]);
        var phone = await fixture.OpenAsync(openId);
        await phone.GotoAsync(fixture.BaseUrl + "/h5/statement?year=2026");
        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync("余额 11,440.00");
    }

    [Fact]
    public async Task ABatchUploadWithABadRowShowsItsRowAndReasonAndNothingIsPostedUntilAllPass()
    {
        var employer = await rig.EmployerAsync();
        var cert = await rig.IssueAsync(employer.OperatorId);
        var page = await rig.SignInWithCertificateAsync(cert);
        await page.ClickAsync("#nav-open");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#template"));
        Assert.Equal("开户清册模板.xlsx", download.SuggestedFilename);
        var template = (await new MemoryStream(await File.ReadAllBytesAsync((await download.PathAsync())!)).QueryAsync(useHeaderRow: false)).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["姓名", "身份证号", "手机号码", "缴存基数"], Assert.Single(template).Values); // the headers only: the example is on its own sheet

        var first = UnitHallRig.NewIdNumber();
        var second = UnitHallRig.NewIdNumber();
        var wrongCheck = second[..17] + (second[17] == '1' ? '2' : '1');
        await UploadAsync(page, [("新员工甲", first, "13900000001", "6000"), ("新员工乙", wrongCheck, "13900000002", "1500")]);
        await Assertions.Expect(page.Locator(".roster-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".roster-row[data-row='2'] .verdict")).ToHaveTextAsync("通过");
        await Assertions.Expect(page.Locator(".roster-row[data-row='3'] .verdict"))
            .ToHaveTextAsync("第3行：身份证号码校验位不正确，请核对；缴存基数不得低于本市下限2000.00元");
        await Assertions.Expect(page.Locator("#roster-blocked")).ToContainTextAsync("有 1 行未通过校验");
        await Assertions.Expect(page.Locator("#submit-roster")).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(page, "unit-2-batch-bad-row");
        Assert.Null(await fixture.Accounts.FindByIdNumberAsync(first, default));

        await page.ClickAsync("#nav-open");
        await UploadAsync(page, [("新员工甲", first, "13900000001", "6000"), ("新员工乙", second, "13900000002", "4500")]);
        await Assertions.Expect(page.Locator(".roster-row[data-row='3'] .monthly-total")).ToHaveTextAsync("1,080.00");
        await page.ClickAsync("#submit-roster");
        await Assertions.Expect(page.Locator("#roster-message")).ToHaveTextAsync("开户清册已提交，业务办理成功。");
        var opened = await fixture.Accounts.FindByIdNumberAsync(second, default);
        Assert.Equal((employer.Dwzh, AccountStatus.Normal, 540m), (opened!.Dwzh, opened.Status, opened.PersonalMonthly));
        Assert.NotNull(await fixture.Accounts.FindByIdNumberAsync(first, default));
    }

    [Fact]
    public async Task SealUnsealBaseAdjustmentPhoneChangeTransferAndQueriesAsTheOperator()
    {
        var employer = await rig.EmployerAsync();
        var employee = await rig.EmployeeAsync(employer.Dwzh, 6000m);
        var elsewhere = await rig.EmployerAsync();
        var mover = await rig.EmployeeAsync(elsewhere.Dwzh, 5000m, AccountStatus.Sealed, balance: 5000m);
        var cert = await rig.IssueAsync(employer.OperatorId);
        var page = await rig.SignInWithCertificateAsync(cert);

        await page.ClickAsync("#nav-seal");
        await page.ClickAsync($".pick[data-grzh='{employee.Grzh}']");
        await Assertions.Expect(page.Locator(".roster-row .verdict")).ToHaveTextAsync("通过");
        await page.ClickAsync("#submit-roster");
        await Assertions.Expect(page.Locator("#roster-message")).ToHaveTextAsync("封存清册已提交，业务办理成功。");
        var sealedNow = await fixture.Accounts.GetAsync(employee.Grzh, default);
        Assert.Equal((AccountStatus.Sealed, (DateOnly?)DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))), (sealedNow!.Status, sealedNow.SealedOn));

        await page.ClickAsync("#nav-unseal");
        await page.ClickAsync($".pick[data-grzh='{employee.Grzh}']");
        await page.ClickAsync("#submit-roster");
        await Assertions.Expect(page.Locator("#roster-message")).ToHaveTextAsync("启封清册已提交，业务办理成功。");
        Assert.Equal(AccountStatus.Normal, (await fixture.Accounts.GetAsync(employee.Grzh, default))!.Status);

        await page.ClickAsync("#nav-base");
        await page.FillAsync("#cell-Grzh", employee.Grzh);
        await page.FillAsync("#cell-Name", employee.Name);
        await page.FillAsync("#cell-Base", "8000");
        await page.ClickAsync("#add-row");
        await Assertions.Expect(page.Locator(".roster-row .monthly-total")).ToHaveTextAsync("1,920.00");
        await page.ClickAsync("#submit-roster");
        await Assertions.Expect(page.Locator("#roster-message")).ToHaveTextAsync("基数调整清册已提交，业务办理成功。");
        Assert.Equal(960m, (await fixture.Accounts.GetAsync(employee.Grzh, default))!.PersonalMonthly);
        await page.ClickAsync("#nav-base");
        await Assertions.Expect(page.Locator("#roster-message")).ToContainTextAsync("每年只能办理一次");

        await page.ClickAsync("#nav-phone");
        await page.FillAsync("#Grzh", employee.Grzh);
        await page.FillAsync("#Phone", "1380000");
        await page.ClickAsync("#phone-submit");
        await Assertions.Expect(page.Locator("#phone-message")).ToHaveTextAsync("手机号码应为11位手机号");
        await page.FillAsync("#Phone", "13812345678");
        await page.ClickAsync("#phone-submit");
        await page.ClickAsync("#phone-confirm-submit");
        await Assertions.Expect(page.Locator("#phone-message")).ToContainTextAsync("138****5678");
        Assert.Equal("13812345678", (await fixture.Accounts.GetAsync(employee.Grzh, default))!.Phone);

        await page.ClickAsync("#nav-transfer");
        await page.FillAsync("#cell-Name", mover.Name);
        await page.FillAsync("#cell-IdNumber", mover.IdNumber);
        await page.FillAsync("#cell-Base", "7000");
        await page.ClickAsync("#add-row");
        await Assertions.Expect(page.Locator(".roster-row .verdict")).ToHaveTextAsync("通过");
        await page.ClickAsync("#submit-roster");
        await Assertions.Expect(page.Locator("#roster-message")).ToHaveTextAsync("职工转入清册已提交，业务办理成功。");
        var moved = await fixture.Accounts.GetAsync(mover.Grzh, default);
        Assert.Equal((employer.Dwzh, AccountStatus.Normal, 5000m), (moved!.Dwzh, moved.Status, moved.Balance));

        await page.ClickAsync("#nav-employees");
        await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync("共 2 人");
        await page.FillAsync("input[name=q]", mover.Name);
        await page.ClickAsync("#search");
        await Assertions.Expect(page.Locator(".employee")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".employee")).ToContainTextAsync(Fund.Core.Validation.Mask.IdNumber(mover.IdNumber));
        await Assertions.Expect(page.Locator("#employees")).Not.ToContainTextAsync(mover.IdNumber);
        var export = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var rows = (await new MemoryStream(await File.ReadAllBytesAsync((await export.PathAsync())!)).QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(mover.Grzh, Assert.Single(rows)["个人账号"]?.ToString());
        await page.ClickAsync("#nav-history");
        await Assertions.Expect(page.Locator("#history .business")).ToHaveCountAsync(5);
        await BrowserFixture.ShotAsync(page, "unit-3-history");
    }

    [Fact]
    public async Task AQueryOnlySignInCannotPost()
    {
        var employer = await rig.EmployerAsync();
        var employee = await rig.EmployeeAsync(employer.Dwzh, 6000m);
        var page = await rig.DesktopAsync(null);
        await page.GotoAsync(fixture.BaseUrl + "/unit");
        await page.FillAsync("#Dwzh", employer.Dwzh);
        await page.FillAsync("#IdNumber", employer.OperatorIdNumber);
        await page.FillAsync("#Password", "wrong-password");
        await page.ClickAsync("#password-sign-in");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("单位账号、身份证号或密码错误");
        await page.FillAsync("#Password", UnitHallRig.Password);
        await page.ClickAsync("#password-sign-in");
        await Assertions.Expect(page.Locator("#sign-in-method")).ToHaveTextAsync("查询登录（仅可查询）");
        await Assertions.Expect(page.Locator("#employer-name")).ToHaveTextAsync(employer.Name);

        await page.ClickAsync("#nav-remit");
        await Assertions.Expect(page.Locator("#denied")).ToHaveTextAsync("此业务需要使用数字证书（CA）登录");

        // A hand-made POST with the session's cookie is refused before anything else looks at it.
        var response = await page.APIRequest.PostAsync(fixture.BaseUrl + "/unit/business/remit", new()
        {
            Form = page.APIRequest.CreateFormData().Set("Month", "2026-11").Set("Headcount", "1").Set("Total", "1440"),
            MaxRedirects = 0,
        });
        Assert.Equal(302, response.Status);
        Assert.Contains("/unit/denied", response.Headers["location"]);
        Assert.Equal(0m, (await fixture.Accounts.GetAsync(employee.Grzh, default))!.Balance);
        Assert.Equal(UnitHallRig.PaidUpTo, (await fixture.Get<EmployerHallQueries>().StandingAsync(employer.Dwzh, default))!.PaidUpTo);
    }

    [Fact]
    public async Task ARevokedCertificateStopsTheVeryNextTransaction()
    {
        var employer = await rig.EmployerAsync();
        await rig.EmployeeAsync(employer.Dwzh, 6000m);
        var cert = await rig.IssueAsync(employer.OperatorId);
        var page = await rig.SignInWithCertificateAsync(cert);
        await page.ClickAsync("#nav-remit");
        await Assertions.Expect(page.Locator("#remit-confirm")).ToBeVisibleAsync();

        Assert.True(await fixture.Get<CertificateStore>().RevokeAsync(cert.Serial, "staff:browser-test", default));
        await page.ClickAsync("#remit-confirm");
        // The revoked certificate's session ends at once (issue 19 item 1): back to the sign-in.
        await Assertions.Expect(page.Locator("#password-sign-in")).ToBeVisibleAsync();
        Assert.Equal(UnitHallRig.PaidUpTo, (await fixture.Get<EmployerHallQueries>().StandingAsync(employer.Dwzh, default))!.PaidUpTo);
    }

    private static async Task UploadAsync(IPage page, IReadOnlyList<(string Name, string Id, string Phone, string Base)> rows)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows.Select(r => new Dictionary<string, object>
        {
            ["姓名"] = r.Name, ["身份证号"] = r.Id, ["手机号码"] = r.Phone, ["缴存基数"] = r.Base,
        }));
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "开户.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = stream.ToArray() });
        await page.ClickAsync("#import");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private async Task<(decimal Balance, DateOnly? PaidUpTo)> BalanceAndPaidUpToAsync(string grzh)
    {
        var a = await fixture.Accounts.GetAsync(grzh, default);
        return (a!.Balance, a.PaidUpTo);
    }
}
