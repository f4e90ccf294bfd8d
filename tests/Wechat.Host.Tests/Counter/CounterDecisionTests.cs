using System.Net;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Wechat.Host.Tests.Counter;

/// <summary>
/// Issue #13.11: approving shows the amount and needs confirming, a decision redirects (F5 does not post it again),
/// the history reads in Chinese, and a reason that is too long says so.
/// </summary>
public sealed class CounterDecisionTests(FundHostFactory factory) : IClassFixture<FundHostFactory>
{
    private const decimal Balance = 224105m;

    /// <summary>A fresh account holding <see cref="Balance"/>, with a card, a material and a submitted application.</summary>
    private async Task<(string Grzh, long Id)> SubmittedAsync()
    {
        var services = factory.Services;
        var accounts = services.GetRequiredService<MySqlAccountStore>();
        await accounts.UpsertEmployerAsync(new Employer("411509999996", "柜台测试单位", "91411500MA4TEST003", AccountStatus.Normal, 0.12m, 0.12m), default);
        var first17 = $"4115{Random.Shared.Next(10, 100)}{new DateOnly(1975, 1, 1).AddDays(Random.Shared.Next(0, 9000)):yyyyMMdd}{Random.Shared.Next(0, 1000):000}";
        var grzh = "46" + Random.Shared.NextInt64(0, 9_999_999_999).ToString("0000000000");
        await accounts.InsertAsync(new PersonalAccount
        {
            Grzh = grzh, Name = "柜台测试", IdNumber = first17 + IdNumber.CheckCharacter(first17),
            Phone = "136" + Random.Shared.Next(0, 99_999_999).ToString("00000000"), Dwzh = "411509999996", Status = AccountStatus.Sealed,
            ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m, PersonalMonthly = 600m, EmployerMonthly = 600m,
            Balance = 0m, OpenedOn = new DateOnly(2016, 1, 1), SealedOn = new DateOnly(2025, 1, 1),
        }, default);
        await services.GetRequiredService<MySqlLedgerStore>().PostAsync(grzh, [(new DateOnly(2024, 12, 10), BusinessType.Remittance, Balance, "汇缴")], default);
        await services.GetRequiredService<MySqlBankCardStore>().SaveFirstAsync(grzh, "中国工商银行", "6222 0212 3456 7890 128", default);
        var material = await services.GetRequiredService<MySqlMaterialStore>().CreateAsync(grzh, WithdrawalType.SettledAbroad,
            new Dictionary<string, string> { ["country"] = "新西兰", ["settledOn"] = "2025-03-01" }, default);
        var (_, id) = await services.GetRequiredService<MySqlApplicationStore>().SubmitAsync(grzh, WithdrawalType.SettledAbroad, material, Guid.NewGuid().ToString("N"), [], default);
        return (grzh, id);
    }

    private async Task<WithdrawalStatus> StatusAsync(long id) =>
        (await factory.Services.GetRequiredService<MySqlApplicationStore>().GetAsync(id, null, default))!.Withdrawal.Status;

    [Fact]
    public async Task ApprovingFirstShowsTheAmountAndTheCardAndAPostWithoutItPaysNothing()
    {
        var (_, id) = await SubmittedAsync();
        using var clerk = await CounterSession.SignInAsync(factory, "clerk1");
        var url = $"/counter/applications/{id}";

        var page = await clerk.PageAsync(url);
        Assert.Contains($"{url}?confirm=approve", page);
        Assert.DoesNotContain("确认通过并支付", page);

        var confirm = await clerk.PageAsync(url + "?confirm=approve");
        Assert.Contains("确认审核通过", confirm);
        Assert.Contains("¥224,105.00", confirm);
        Assert.Contains("尾号 0128", confirm);

        var unconfirmed = await clerk.PostFormAsync(url, url + "?handler=Approve", new());
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("请核对支付金额后确认", await clerk.TextAsync(unconfirmed));
        var stale = await clerk.PostFormAsync(url, url + "?handler=Approve", new() { ["ConfirmedAmount"] = "1000.00" });
        Assert.Contains("支付金额已变为 ¥", await clerk.TextAsync(stale));
        Assert.Equal(WithdrawalStatus.Submitted, await StatusAsync(id));
    }

    /// <summary>The amount on the confirmation, as the hidden field carries it (invariant, two decimals).</summary>
    private static string ConfirmedField(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"ConfirmedAmount\" value=\"([0-9.]+)\"").Groups[1].Value;

    /// <summary>
    /// Issue 19 item 18: a closing withdrawal pays the balance plus 销户结息; the confirmation names that sum, the one
    /// Core's review posts, and says how it is made up.
    /// </summary>
    [Fact]
    public async Task TheConfirmationNamesTheAmountActuallyPaidWithTheClosingInterest()
    {
        var (grzh, id) = await SubmittedAsync();
        using var clerk = await CounterSession.SignInAsync(factory, "clerk1");
        var url = $"/counter/applications/{id}";

        var confirm = await clerk.PageAsync(url + "?confirm=approve");
        var shown = decimal.Parse(ConfirmedField(confirm), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(shown > Balance, $"the confirmation shows {shown}, not the balance plus interest");
        Assert.Contains($"确认通过并支付 ¥{shown:N2}", confirm);
        Assert.Contains($"¥{Balance:N2}", confirm);
        Assert.Contains($"销户结息 ¥{shown - Balance:N2}", confirm);

        var approved = await clerk.PostFormAsync(url + "?confirm=approve", url + "?handler=Approve",
            new() { ["ConfirmedAmount"] = ConfirmedField(confirm) });
        Assert.Equal($"{url}?done=approved", approved.Headers.Location!.OriginalString);
        var entries = (await factory.Services.GetRequiredService<StatementQuery>().GetAsync(grzh, DateTime.UtcNow.AddHours(8).Year, default)).Entries;
        Assert.Equal(-shown, Assert.Single(entries, e => e.Type == BusinessType.ClosingWithdrawal).Amount);
    }

    [Fact]
    public async Task AConfirmedApprovalRedirectsSoRepostingItChangesNothing()
    {
        var (grzh, id) = await SubmittedAsync();
        using var clerk = await CounterSession.SignInAsync(factory, "clerk1");
        var url = $"/counter/applications/{id}";
        var form = new Dictionary<string, string> { ["ConfirmedAmount"] = ConfirmedField(await clerk.PageAsync(url + "?confirm=approve")) };

        var approved = await clerk.PostFormAsync(url + "?confirm=approve", url + "?handler=Approve", new(form));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal($"{url}?done=approved", approved.Headers.Location!.OriginalString);
        Assert.Contains("已审核通过", await clerk.PageAsync(approved.Headers.Location.OriginalString));

        var replayed = await clerk.PostFormAsync(url, url + "?handler=Approve", new(form));
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal($"{url}?problem=changed", replayed.Headers.Location!.OriginalString);
        Assert.Equal(WithdrawalStatus.Approved, await StatusAsync(id));
        var entries = (await factory.Services.GetRequiredService<StatementQuery>().GetAsync(grzh, DateTime.UtcNow.AddHours(8).Year, default)).Entries;
        Assert.Single(entries, e => e.Type == BusinessType.ClosingWithdrawal);
    }

    [Fact]
    public async Task ATooLongReasonSaysTooLongAndAnEmptyOneSaysRequired()
    {
        var (_, id) = await SubmittedAsync();
        using var clerk = await CounterSession.SignInAsync(factory, "clerk1");
        var url = $"/counter/applications/{id}";

        var tooLong = await clerk.PostFormAsync(url, url + "?handler=Reject", new() { ["Reason"] = new string('长', 5000) });
        var text = await clerk.TextAsync(tooLong);
        Assert.Contains("退回原因不能超过200字（现为5000字）", text);
        Assert.DoesNotContain("请填写退回原因", text);
        var empty = await clerk.PostFormAsync(url, url + "?handler=Reject", new() { ["Reason"] = "   " });
        Assert.Contains("请填写退回原因", await clerk.TextAsync(empty));
        Assert.Equal(WithdrawalStatus.Submitted, await StatusAsync(id));
    }

    [Fact]
    public async Task TheHistoryReadsInChineseWithTheReason()
    {
        var (_, id) = await SubmittedAsync();
        using var clerk = await CounterSession.SignInAsync(factory, "clerk2");
        var url = $"/counter/applications/{id}";

        var rejected = await clerk.PostFormAsync(url, url + "?handler=Reject", new() { ["Reason"] = "户口注销证明不清晰" });
        Assert.Equal($"{url}?done=rejected", rejected.Headers.Location!.OriginalString);

        var page = await clerk.PageAsync(rejected.Headers.Location.OriginalString);
        Assert.Contains("已退回，申请人将收到通知", page);
        Assert.Contains("申请人 · <span class=\"audit__action\">提交申请</span>", page);
        Assert.Contains("工作人员 clerk2 · <span class=\"audit__action\">退回</span>", page);
        Assert.Contains("原因：户口注销证明不清晰", page);
        Assert.DoesNotContain("withdrawal.submit", page);
        Assert.DoesNotContain("withdrawal.reject", page);
    }
}
