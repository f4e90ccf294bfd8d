using System.Text.Json;
using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Employers;
using Fund.Core.Notifications;
using Fund.Data.Employers;
using Fund.Data.Stores;

namespace Fund.Data.Tests.Employers;

/// <summary>Drafts an operator builds entry by entry, opens again and deletes; the employee's phone changed by the employer.</summary>
[Collection(DataCollection.Name)]
public class RosterDraftTests(DataFixture fx)
{
    private RosterStore Rosters => fx.Get<RosterStore>();

    [Fact]
    public async Task SingleEntriesContinueTheOpenDraftNumberedFromOne()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var first = await Rosters.AddToOpenDraftAsync(dwzh, RosterKind.Open, who.OperatorId, new RosterRow(0, "张甲", TestEmployers.NewIdNumber(), "13900000001", Base: "6000"), default);
        var second = await Rosters.AddToOpenDraftAsync(dwzh, RosterKind.Open, who.OperatorId, new RosterRow(0, "李乙", TestEmployers.NewIdNumber(), "13900000002", Base: "6000"), default);
        var seal = await Rosters.AddToOpenDraftAsync(dwzh, RosterKind.Seal, who.OperatorId, new RosterRow(0, "王丙", Grzh: "411500000101", Date: "2026-12-01"), default);

        Assert.Equal(first, second);
        Assert.NotEqual(first, seal);
        Assert.Equal([1, 2], (await Rosters.GetDraftAsync(first, dwzh, default))!.Value.Rows.Select(r => r.RowNo));
        var draft = Assert.Single(await Rosters.DraftsAsync(dwzh, RosterKind.Open, default));
        Assert.Equal((first, 2), (draft.Id, draft.RowCount));
        Assert.Empty(await Rosters.DraftsAsync(TestEmployers.NewDwzh(), RosterKind.Open, default));
    }

    [Fact]
    public async Task AnOpenDraftCanBeDeletedButNotAnotherEmployersNorASubmittedOne()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var (other, otherWho) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var id = await Rosters.AddToOpenDraftAsync(dwzh, RosterKind.Open, who.OperatorId, new RosterRow(0, "张甲", TestEmployers.NewIdNumber(), "13900000001", Base: "6000"), default);

        Assert.False(await Rosters.DeleteDraftAsync(id, other, otherWho.OperatorId, default));
        Assert.True(await Rosters.DeleteDraftAsync(id, dwzh, who.OperatorId, default));
        Assert.Null(await Rosters.GetDraftAsync(id, dwzh, default));
        Assert.Empty(await Rosters.DraftsAsync(dwzh, RosterKind.Open, default));
        Assert.Contains(await fx.Get<AuditTrail>().ForTargetAsync(RemittancePosting.Target(id), default), e => e.Action == "roster.discard");

        var e = await TestEmployers.EmployeeAsync(fx, dwzh, 6000m);
        var posted = await Rosters.AddToOpenDraftAsync(dwzh, RosterKind.Unseal, who.OperatorId, new RosterRow(0, e.Name, Grzh: e.Grzh), default);
        await using (var conn = await fx.Get<FundDatabase>().OpenAsync(default))
            await conn.ExecuteAsync("UPDATE employer_business SET status = 2 WHERE id = @posted", new { posted });
        Assert.False(await Rosters.DeleteDraftAsync(posted, dwzh, who.OperatorId, default));
    }

    [Fact]
    public async Task AnUnchangedPhoneChangesNothingAndAChangedOneTellsTheEmployee()
    {
        var (dwzh, who) = await TestEmployers.CreateAsync(fx, new DateOnly(2026, 10, 1));
        var e = await TestEmployers.EmployeeAsync(fx, dwzh, 6000m, bound: true);

        Assert.Equal(new PhoneChangeResult(PhoneChangeOutcome.Unchanged, e.Phone), await Rosters.ChangePhoneAsync(dwzh, e.Grzh, e.Phone, who, default));
        Assert.Empty(await fx.Get<NotificationOutbox>().ForOpenIdAsync("unit-" + e.Grzh, default));
        Assert.Equal(PhoneChangeOutcome.NotFound, (await Rosters.ChangePhoneAsync(TestEmployers.NewDwzh(), e.Grzh, "13812345678", who, default)).Outcome);

        Assert.Equal(new PhoneChangeResult(PhoneChangeOutcome.Changed, e.Phone), await Rosters.ChangePhoneAsync(dwzh, e.Grzh, "13812345678", who, default));
        Assert.Equal("13812345678", (await fx.Get<MySqlAccountStore>().GetAsync(e.Grzh, default))!.Phone);
        var queued = Assert.Single(await fx.Get<NotificationOutbox>().ForOpenIdAsync("unit-" + e.Grzh, default));
        Assert.Equal(TemplateKeys.AccountSecurity, queued.TemplateKey);
        await using var conn = await fx.Get<FundDatabase>().OpenAsync(default);
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await conn.QuerySingleAsync<string>("SELECT data FROM notification_outbox WHERE id = @Id", new { queued.Id }));
        Assert.Equal(TemplateMessages.PhoneChangedByEmployer(e.Grzh, "13812345678"), data);
        Assert.Equal("预留手机改为138****5678", data!["keyword2"]);
    }
}
