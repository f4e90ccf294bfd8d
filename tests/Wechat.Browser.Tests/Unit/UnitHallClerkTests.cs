using Dapper;
using Fund.Core.Employers;
using Fund.Data;
using Fund.Data.Employers;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Wechat.Browser.Tests.Unit;

/// <summary>
/// What an employer's HR clerk found working through the hall on an office laptop (1366×768): the template's
/// example, drafts, a second base adjustment, result pages that resubmit, the phone change, row numbers, sign-in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UnitHallClerkTests(BrowserFixture fixture)
{
    private readonly UnitHallRig rig = new(fixture);

    private async Task<(UnitHallRig.TestEmployer Employer, IPage Page)> SignedInAsync()
    {
        var employer = await rig.EmployerAsync();
        var page = await rig.SignInWithCertificateAsync(await rig.IssueAsync(employer.OperatorId), UnitHallRig.Laptop);
        return (employer, page);
    }

    [Fact]
    public async Task TheTemplateImportsNothingAndItsExampleRowIsRefused()
    {
        var (employer, page) = await SignedInAsync();
        await page.ClickAsync("#nav-open");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#template"));
        var template = await File.ReadAllBytesAsync((await download.PathAsync())!);
        await UploadAsync(page, template);
        await Assertions.Expect(page.Locator("#file-problem")).ToHaveTextAsync("文件中没有数据行");

        // A clerk who copies the example into the sheet and adds a colleague below it: the example row is refused.
        var colleague = UnitHallRig.NewIdNumber();
        await UploadAsync(page, Sheet([
            ["张三", RosterExample.Value(RosterField.IdNumber), "13800000000", "6000.00"],
            ["新同事", colleague, "13900000001", "6000"],
        ]));
        await Assertions.Expect(page.Locator(".roster-row[data-row='2'] .verdict")).ToHaveTextAsync("第2行：" + RosterExample.Problem);
        await Assertions.Expect(page.Locator(".roster-row[data-row='3'] .verdict")).ToHaveTextAsync("通过");
        await Assertions.Expect(page.Locator("#submit-roster")).ToHaveCountAsync(0);
        Assert.Null(await fixture.Accounts.FindByIdNumberAsync(RosterExample.Value(RosterField.IdNumber), default));
    }

    [Fact]
    public async Task SingleEntriesContinueOneDraftNumberedFromOneWhichTheOperatorCanOpenAndDelete()
    {
        var (employer, page) = await SignedInAsync();
        await page.ClickAsync("#nav-open");
        await page.FillAsync("#cell-Name", "新同事");
        await page.FillAsync("#cell-IdNumber", UnitHallRig.NewIdNumber());
        await page.FillAsync("#cell-Phone", "1390000");
        await page.FillAsync("#cell-Base", "6000");
        await page.ClickAsync("#add-row");
        await Assertions.Expect(page.Locator(".roster-row[data-row='1'] .verdict")).ToHaveTextAsync("第1行：手机号码应为11位手机号");

        // Away and back to a fresh 开户 page: the next entry joins the same draft.
        await page.ClickAsync("#nav-home");
        await page.ClickAsync("#nav-open");
        await Assertions.Expect(page.Locator("#drafts .draft")).ToHaveCountAsync(1);
        await page.FillAsync("#cell-Name", "另一位");
        await page.FillAsync("#cell-IdNumber", UnitHallRig.NewIdNumber());
        await page.FillAsync("#cell-Phone", "13900000002");
        await page.FillAsync("#cell-Base", "6000");
        await page.ClickAsync("#add-row");
        await Assertions.Expect(page.Locator("#row-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator(".roster-row[data-row='2'] .verdict")).ToHaveTextAsync("通过");
        var draftId = long.Parse(page.Url.Split('/')[^1]);

        await page.ClickAsync("#nav-open");
        await page.ClickAsync($"#drafts .draft[data-id='{draftId}'] .open-draft");
        await Assertions.Expect(page.Locator(".roster-row")).ToHaveCountAsync(2);

        // Deleting asks first; dismissed, nothing is deleted.
        await page.ClickAsync("#nav-open");
        string? asked = null;
        void Dismiss(object? _, IDialog d) { asked = d.Message; _ = d.DismissAsync(); }
        page.Dialog += Dismiss;
        await page.ClickAsync($"#drafts .draft[data-id='{draftId}'] .delete-draft");
        Assert.Contains($"第 {draftId} 号", asked);
        await Assertions.Expect(page.Locator("#drafts .draft")).ToHaveCountAsync(1);
        page.Dialog -= Dismiss;
        page.Dialog += (_, d) => _ = d.AcceptAsync();
        await page.ClickAsync($"#drafts .draft[data-id='{draftId}'] .delete-draft");
        await Assertions.Expect(page.Locator("#roster-message")).ToHaveTextAsync($"第 {draftId} 号清册已删除。");
        await Assertions.Expect(page.Locator("#drafts .draft")).ToHaveCountAsync(0);
        Assert.Null(await fixture.Get<RosterStore>().GetDraftAsync(draftId, employer.Dwzh, default));
    }

    [Fact]
    public async Task ASecondBaseAdjustmentInTheYearFailsAtValidation()
    {
        var (employer, page) = await SignedInAsync();
        var employee = await rig.EmployeeAsync(employer.Dwzh, 6000m);
        await using (var conn = await fixture.Get<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE employer SET base_adjusted_year = @y WHERE dwzh = @dwzh",
                new { y = DateTime.UtcNow.AddHours(8).Year, employer.Dwzh });
        await page.ClickAsync("#nav-base");
        await page.FillAsync("#cell-Grzh", employee.Grzh);
        await page.FillAsync("#cell-Name", employee.Name);
        await page.FillAsync("#cell-Base", "8000");
        await page.ClickAsync("#add-row");
        await Assertions.Expect(page.Locator(".roster-row .verdict")).ToContainTextAsync("每年只能办理一次");
        await Assertions.Expect(page.Locator("#submit-roster")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ConfirmingARemittanceOrSubmittingARosterEndsOnAPageThatReloadsWithoutPosting()
    {
        var (employer, page) = await SignedInAsync();
        var employee = await rig.EmployeeAsync(employer.Dwzh, 6000m);
        var documents = new List<(string Method, string Url)>();
        page.Request += (_, r) => { if (r.IsNavigationRequest && r.Frame == page.MainFrame) documents.Add((r.Method, r.Url)); };

        await page.ClickAsync("#nav-remit");
        await page.ClickAsync("#remit-confirm");
        await Assertions.Expect(page.Locator("#remit-message")).ToContainTextAsync("汇缴登记成功");
        Assert.Equal("GET", documents[^1].Method);
        Assert.StartsWith(fixture.UnitHttpsUrl + "/unit/business/remit?", documents[^1].Url);
        await page.ReloadAsync();
        Assert.Equal("GET", documents[^1].Method);
        await Assertions.Expect(page.Locator("#remit-message")).ToContainTextAsync("汇缴登记成功");
        Assert.Equal(1440m, (await fixture.Accounts.GetAsync(employee.Grzh, default))!.Balance);

        await page.ClickAsync("#nav-seal");
        await page.ClickAsync($".pick[data-grzh='{employee.Grzh}']");
        await page.ClickAsync("#submit-roster");
        await Assertions.Expect(page.Locator("#roster-message")).ToHaveTextAsync("封存清册已提交，业务办理成功。");
        Assert.Equal("GET", documents[^1].Method);
        Assert.StartsWith(fixture.UnitHttpsUrl + "/unit/business/roster/seal", documents[^1].Url);
    }

    [Fact]
    public async Task APhoneChangeShowsWhoAsksConfirmationAndTellsTheEmployee()
    {
        var (employer, page) = await SignedInAsync();
        var openId = "unit-phone-" + Guid.NewGuid().ToString("N")[..12];
        var employee = await rig.EmployeeAsync(employer.Dwzh, 6000m, openId: openId);
        await page.ClickAsync("#nav-phone");

        await page.FillAsync("#Grzh", employee.Grzh);
        await page.FillAsync("#Phone", employee.Phone);
        await page.ClickAsync("#phone-submit");
        await Assertions.Expect(page.Locator("#phone-message")).ToHaveTextAsync(EmployeePhoneChange.Unchanged);
        await Assertions.Expect(page.Locator("#phone-confirm")).ToHaveCountAsync(0);

        await page.FillAsync("#Phone", "13812345678");
        await page.ClickAsync("#phone-submit");
        await Assertions.Expect(page.Locator("#phone-name")).ToHaveTextAsync(employee.Name);
        await Assertions.Expect(page.Locator("#phone-old")).ToHaveTextAsync(Fund.Core.Validation.Mask.Phone(employee.Phone));
        await Assertions.Expect(page.Locator("#phone-new")).ToHaveTextAsync("138****5678");
        Assert.Equal(employee.Phone, (await fixture.Accounts.GetAsync(employee.Grzh, default))!.Phone); // not yet
        await BrowserFixture.ShotAsync(page, "unit-4-phone-confirm");
        await page.ClickAsync("#phone-confirm-submit");
        await Assertions.Expect(page.Locator("#phone-message")).ToContainTextAsync("修改成功");
        Assert.Equal("13812345678", (await fixture.Accounts.GetAsync(employee.Grzh, default))!.Phone);

        Assert.Contains(await fixture.TextsToAsync(employee.Phone), t => t.Contains("138****5678"));
        var notice = await fixture.Wechat.WaitForTemplateAsync(openId, "tmpl-account-security", TimeSpan.FromSeconds(20));
        Assert.Equal("预留手机改为138****5678", notice["data"]!["keyword2"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task AtLaptopWidthTheVerdictColumnIsInViewAndAnEmptySignInAsksForTheCredentials()
    {
        var (_, page) = await SignedInAsync();
        await page.ClickAsync("#nav-open");
        var id = UnitHallRig.NewIdNumber();
        await UploadAsync(page, Sheet([["李<b>明</b>😀", id[..17] + (id[17] == '1' ? '2' : '1'), "1390000", "1500"]]));
        var verdict = page.Locator(".roster-row[data-row='2'] .verdict");
        await Assertions.Expect(verdict).ToContainTextAsync("第2行：姓名");
        var box = (await verdict.BoundingBoxAsync())!;
        Assert.True(box.X + box.Width <= UnitHallRig.Laptop.Width, $"the verdict ends at {box.X + box.Width}px");
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.card')].every(c => c.scrollWidth <= c.clientWidth)"));
        await BrowserFixture.ShotAsync(page, "unit-5-verdict-at-1366");

        var anonymous = await rig.DesktopAsync(null, UnitHallRig.Laptop);
        await anonymous.GotoAsync(fixture.BaseUrl + "/unit");
        await anonymous.ClickAsync("#password-sign-in");
        await Assertions.Expect(anonymous.Locator("#login-error")).ToHaveTextAsync("请输入单位账号、身份证号和密码");
        await anonymous.FillAsync("#Dwzh", "411501000001");
        await anonymous.ClickAsync("#password-sign-in");
        await Assertions.Expect(anonymous.Locator("#login-error")).ToHaveTextAsync("请输入身份证号和密码");
    }

    private static byte[] Sheet(IReadOnlyList<string[]> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => new Dictionary<string, object> { ["姓名"] = r[0], ["身份证号"] = r[1], ["手机号码"] = r[2], ["缴存基数"] = r[3] }));
        return stream.ToArray();
    }

    private static async Task UploadAsync(IPage page, byte[] xlsx)
    {
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "开户.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = xlsx });
        await page.ClickAsync("#import");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
