using Fund.Core.Accounts;
using Fund.Core.Certificates;
using Fund.Core.Ledger;

namespace Fund.Core.Tests.Certificates;

public class CertificateRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly CertificateOptions Options = new();

    private static PersonalAccount Account(AccountStatus status = AccountStatus.Normal) => new()
    {
        Grzh = "411500000001", Name = "张伟", IdNumber = "411502198803151018", Phone = "13803760001", Dwzh = "411501000001",
        EmployerName = "信阳市示范科技有限公司", Status = status, ContributionBase = 6000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
        PersonalMonthly = 720m, EmployerMonthly = 720m, Balance = 98765.43m, PaidUpTo = new DateOnly(2026, 10, 1), OpenedOn = new DateOnly(2016, 3, 15),
    };

    private static CertificateRequest Statement(string from, string to) =>
        new(CertificateKind.Statement, CertificatePurpose.Rent, FromMonth: CertificateRequest.ParseMonth(from), ToMonth: CertificateRequest.ParseMonth(to));

    [Theory]
    [InlineData("2023-12", "2026-11")] // exactly 36 months
    [InlineData("2016-03", "2016-03")] // the opening month itself
    [InlineData("2026-12", "2026-12")] // this month, to today
    public void APeriodOfAtMostThreeYearsWithinTheAccountsLifeIsAllowed(string from, string to) =>
        Assert.Null(CertificateRules.Refusal(Account(), Statement(from, to), Today, 0, Options));

    [Theory]
    [InlineData("2023-11", "2026-11", "最长可开具3年")]
    [InlineData("2026-01", "2025-12", "不能晚于截止年月")]
    [InlineData("2026-01", "2027-01", "不能晚于本月")]
    [InlineData("2016-02", "2016-12", "不能早于开户年月（2016年03月）")]
    public void APeriodOutsideTheRulesIsRefusedWithTheReason(string from, string to, string reason) =>
        Assert.Contains(reason, CertificateRules.Refusal(Account(), Statement(from, to), Today, 0, Options));

    [Fact]
    public void AFrozenAccountIsSentToTheCounterAndTheDailyCapStopsTheEleventh()
    {
        var deposit = new CertificateRequest(CertificateKind.Deposit, CertificatePurpose.Loan);
        Assert.Contains("柜台", CertificateRules.Refusal(Account(AccountStatus.Frozen), deposit, Today, 0, Options));
        Assert.Null(CertificateRules.Refusal(Account(AccountStatus.Closed), deposit, Today, 9, Options));
        Assert.Contains("每天最多", CertificateRules.Refusal(Account(), deposit, Today, 10, Options));
    }

    [Fact]
    public void TheFactsHoldTheIdNumberOnlyMaskedAndTheBalanceOnlyWhenAsked()
    {
        var without = CertificateRules.Facts(Account(), new(CertificateKind.Deposit, CertificatePurpose.Loan), Options, Today, null);
        Assert.Equal("4115**********1018", without.MaskedIdNumber);
        Assert.Null(without.Balance);
        Assert.DoesNotContain("411502198803151018", System.Text.Json.JsonSerializer.Serialize(without));
        Assert.Equal(1440m, without.MonthlyDeposit);
        Assert.Equal("办理贷款", without.PurposeName);

        var with = CertificateRules.Facts(Account(), new(CertificateKind.Deposit, CertificatePurpose.Loan, IncludeBalance: true), Options, Today, null);
        Assert.Equal(98765.43m, with.Balance);
    }

    [Fact]
    public void AStatementPeriodEndsTodayInTheCurrentMonthAndCarriesItsBalances()
    {
        Assert.Equal(Today, CertificateRules.PeriodEnd(new DateOnly(2026, 12, 1), Today));
        Assert.Equal(new DateOnly(2024, 2, 29), CertificateRules.PeriodEnd(new DateOnly(2024, 2, 1), Today));
        var period = new PeriodLedger(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28), 1000m,
            [new(new DateOnly(2026, 1, 15), BusinessType.Remittance, 1440m, 2440m, "汇缴"), new(new DateOnly(2026, 2, 15), BusinessType.Remittance, 1440m, 3880m, "汇缴")]);
        var facts = CertificateRules.Facts(Account(), Statement("2026-01", "2026-02"), Options, Today, period);
        Assert.Equal((1000m, 3880m, 2880m), (facts.OpeningBalance, facts.ClosingBalance, facts.TotalIn));
        Assert.Null(facts.Balance);
    }

    [Fact]
    public void RevokedWinsOverExpiredAndValidityEndsAtItsInstant()
    {
        var issued = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
        var c = new Certificate
        {
            Serial = "ZM2026120500000001", TokenSeed = new byte[16], Grzh = "411500000001", Purpose = CertificatePurpose.Loan,
            Facts = CertificateRules.Facts(Account(), new(CertificateKind.Deposit, CertificatePurpose.Loan), Options, Today, null),
            IssuedAt = issued, ValidUntil = issued.AddDays(30),
        };
        Assert.Equal(CertificateState.Valid, c.StateAt(issued.AddDays(30).AddTicks(-1)));
        Assert.Equal(CertificateState.Expired, c.StateAt(issued.AddDays(30)));
        Assert.Equal(CertificateState.Revoked, (c with { RevokedAt = issued.AddDays(1) }).StateAt(issued.AddDays(31)));
    }

    [Fact]
    public void SerialsAreZmTheCentreDayAndEightDigits()
    {
        var serial = CertificateIssuer.NewSerial(Today);
        Assert.Matches("^ZM20261205[0-9]{8}$", serial);
        Assert.True(CertificateIssuer.LooksLikeSerial(serial));
        Assert.False(CertificateIssuer.LooksLikeSerial("ZM2026120500000' OR 1=1"));
        Assert.False(CertificateIssuer.LooksLikeSerial(null));
    }
}
