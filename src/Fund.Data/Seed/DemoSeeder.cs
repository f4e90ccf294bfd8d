using Dapper;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Loans;
using Fund.Core.Withdrawals;
using Fund.Core;
using Fund.Data.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Fund.Data.Seed;

/// <summary>Lays the demo set down afresh: the same rows every run, whatever earlier demos did to them.</summary>
public sealed class DemoSeeder(
    FundDatabase db, MySqlAccountStore accounts, MySqlLedgerStore ledger, MySqlLoanStore loans,
    MySqlWithdrawalStore withdrawals, MySqlCitizenLoginStore logins, Core.Binding.IBindingStore bindings,
    CounterStaffStore staff, DemoEmployerOperators employerOperators, YearEndInterest interest, TimeProvider time,
    AccountVersions versions, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        await ClearAsync(ct);
        foreach (var e in DemoCitizens.Employers)
            await accounts.UpsertEmployerAsync(new Employer(e.Dwzh, e.Name, e.CreditCode, AccountStatus.Normal, e.Rate, e.Rate), ct);

        var hasher = new PasswordHasher<string>();
        foreach (var c in DemoCitizens.All)
        {
            var monthly = ContributionRule.MonthlyAmount(c.ContributionBase, c.Rate);
            await accounts.InsertAsync(new PersonalAccount
            {
                Grzh = c.Grzh, Name = c.Name, IdNumber = c.IdNumber, Phone = c.Phone, Dwzh = c.Dwzh,
                Status = c.SealedOn is null ? AccountStatus.Normal : AccountStatus.Sealed,
                ContributionBase = c.ContributionBase, PersonalRate = c.Rate, EmployerRate = c.Rate,
                PersonalMonthly = monthly, EmployerMonthly = monthly, Balance = 0m,
                PaidUpTo = c.PaidUpTo, OpenedOn = c.OpenedOn, SealedOn = c.SealedOn,
            }, ct);
            var postings = ContributionHistory.Monthly(c.OpenedOn, c.PaidUpTo, monthly * 2);
            if (c.Number == 1) AddRentWithdrawal(postings);
            await ledger.PostAsync(c.Grzh, postings, ct);
            // Sealed accounts earn 年终结息 after their deposits stop, as the centre's year-end run posts it.
            await interest.PostAsync(c.Grzh, CentreClock.Today(time), ct);

            if (c.Registered)
            {
                await logins.TryRegisterAsync(new MySqlCitizenLoginStore.CitizenLogin(c.Grzh,
                    hasher.HashPassword(c.Grzh, DemoCitizens.Password), DemoCitizens.SecurityQuestion,
                    hasher.HashPassword(c.Grzh, DemoCitizens.SecurityAnswer)), ct);
                await bindings.BindAsync(c.OpenId, c.Grzh, ct);
            }
        }
        await SeedLoansAsync(ct);
        await withdrawals.InsertAsync(new Withdrawal(0, "411500000001", WithdrawalType.Rent, 9600m, WithdrawalStatus.Paid,
            new DateTimeOffset(2022, 8, 3, 2, 15, 0, TimeSpan.Zero), RentWithdrawalDecidedAt, null), ct);
        await SeedCounterStaffAsync(ct);
        await employerOperators.SeedAsync(ct);
        logger.LogInformation("Seeded {Count} demo citizens", DemoCitizens.All.Count);
    }

    /// <summary>The counter's demo users (README lists them): one clerk, one supervisor, the same demo password.</summary>
    private async Task SeedCounterStaffAsync(CancellationToken ct)
    {
        var hasher = new PasswordHasher<string>();
        foreach (var s in DemoCounterStaff.All)
            await staff.UpsertAsync(new CounterStaff(s.Username, s.DisplayName, hasher.HashPassword(s.Username, DemoCounterStaff.Password), s.Role), ct);
    }

    /// <summary>When 张伟's 2022 rent withdrawal was decided (办结); its ledger line is posted that day, as approval does.</summary>
    public static readonly DateTimeOffset RentWithdrawalDecidedAt = new(2022, 8, 5, 7, 30, 0, TimeSpan.Zero);

    // 张伟 drew 9,600 for rent in August 2022: posted on the day it was decided (Beijing date), before that month's deposit.
    private static void AddRentWithdrawal(List<(DateOnly Date, BusinessType Type, decimal Amount, string Memo)> postings)
    {
        var posted = CentreClock.DateOf(RentWithdrawalDecidedAt);
        var at = postings.FindIndex(p => p.Date > posted);
        postings.Insert(at, (posted, BusinessType.PartialWithdrawal, -9600m, "租赁自住住房提取"));
    }

    private async Task SeedLoansAsync(CancellationToken ct)
    {
        await loans.InsertAsync(new Loan
        {
            ContractNo = "XYGJJ2026110001", Grzh = "411500000002", Amount = 500000m, TermMonths = 300, AnnualRate = 0.026m,
            Method = RepaymentMethod.EqualInstalment, Status = LoanStatus.InProgress, OutstandingPrincipal = 500000m,
            PropertyAddress = "信阳市浉河区示范路88号示范花园3号楼2单元501室",
        }, ct);
        var cst = CentreClock.Offset;
        foreach (var (stage, at, note) in new[]
        {
            ("受理", new DateTimeOffset(2026, 11, 10, 9, 20, 0, cst), "申请材料已受理（浉河区服务大厅）"),
            ("初审", new DateTimeOffset(2026, 11, 12, 15, 5, 0, cst), "初审通过"),
            ("审批", new DateTimeOffset(2026, 11, 20, 10, 40, 0, cst), "审批中，请保持电话畅通"),
        })
            await loans.AddStageAsync("XYGJJ2026110001", new LoanProgressStage(stage, at, note), ct);

        await loans.InsertAsync(new Loan
        {
            ContractNo = "XYGJJ2021060017", Grzh = "411500000003", Amount = 400000m, TermMonths = 240, AnnualRate = 0.026m,
            Method = RepaymentMethod.EqualInstalment, Status = LoanStatus.Repaying, OutstandingPrincipal = 318842.57m,
            DisbursedOn = new DateOnly(2021, 6, 25), NextDueDate = new DateOnly(2026, 12, 20), NextInstalment = 2138.39m,
            PropertyAddress = "信阳市羊山新区示范大道16号示范苑8号楼1202室",
        }, ct);
        foreach (var (stage, at, note) in new[]
        {
            ("受理", new DateTimeOffset(2021, 5, 28, 10, 0, 0, cst), "申请材料已受理"),
            ("审批", new DateTimeOffset(2021, 6, 8, 16, 30, 0, cst), "审批通过"),
            ("签订合同", new DateTimeOffset(2021, 6, 15, 9, 0, 0, cst), "借款合同已签订"),
            ("抵押登记", new DateTimeOffset(2021, 6, 22, 11, 0, 0, cst), "抵押登记完成"),
            ("放款", new DateTimeOffset(2021, 6, 25, 14, 0, 0, cst), "贷款已发放至售房人账户"),
        })
            await loans.AddStageAsync("XYGJJ2021060017", new LoanProgressStage(stage, at, note), ct);
    }

    private async Task ClearAsync(CancellationToken ct)
    {
        var grzhs = DemoCitizens.All.Select(c => c.Grzh).ToArray();
        var openIds = DemoCitizens.All.Select(c => c.OpenId).ToArray();
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var sql in new[]
        {
            "DELETE FROM loan_progress WHERE contract_no IN (SELECT contract_no FROM loan WHERE grzh IN @grzhs)",
            "DELETE FROM loan WHERE grzh IN @grzhs",
            "DELETE FROM certificate WHERE grzh IN @grzhs",
            "DELETE FROM withdrawal WHERE grzh IN @grzhs",
            "DELETE FROM withdrawal_document WHERE grzh IN @grzhs",
            "DELETE FROM withdrawal_material WHERE grzh IN @grzhs",
            "DELETE FROM bank_card WHERE grzh IN @grzhs",
            "DELETE FROM notification_outbox WHERE openid IN @openIds",
            "DELETE FROM ledger_entry WHERE grzh IN @grzhs",
            "DELETE FROM wechat_binding WHERE grzh IN @grzhs OR openid IN @openIds",
            "DELETE FROM citizen_login WHERE grzh IN @grzhs",
            "DELETE FROM personal_account WHERE grzh IN @grzhs",
        })
            await conn.ExecuteAsync(new CommandDefinition(sql, new { grzhs, openIds }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        await versions.PublishAsync(grzhs, ct);
    }
}
