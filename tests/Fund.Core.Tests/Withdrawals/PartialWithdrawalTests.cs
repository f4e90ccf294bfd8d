using Fund.Core.Accounts;
using Fund.Core.Ledger;
using Fund.Core.Loans;
using Fund.Core.Validation;
using Fund.Core.Withdrawals;

namespace Fund.Core.Tests.Withdrawals;

/// <summary>租房, 购房 and 还贷 提取: each limit at its boundary, with the defaults and with settings changed.</summary>
public class PartialWithdrawalTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly WithdrawalLimits Defaults = new();

    private static PersonalAccount Account(AccountStatus status = AccountStatus.Normal, decimal balance = 20000m,
        DateOnly? openedOn = null, DateOnly? paidUpTo = null)
    {
        const string first17 = "41150219920109101";
        return new PersonalAccount
        {
            Grzh = "480000000002", Name = "测试", IdNumber = first17 + IdNumber.CheckCharacter(first17), Phone = "13800000000",
            Dwzh = "411501000001", Status = status, ContributionBase = 5000m, PersonalRate = 0.12m, EmployerRate = 0.12m,
            PersonalMonthly = 600m, EmployerMonthly = 600m, Balance = balance,
            OpenedOn = openedOn ?? new DateOnly(2020, 1, 1), PaidUpTo = paidUpTo ?? new DateOnly(2026, 11, 1),
            SealedOn = status == AccountStatus.Sealed ? new DateOnly(2026, 6, 1) : null,
        };
    }

    /// <summary>A withdrawal decided at 10:00 Beijing time on <paramref name="decidedOn"/>.</summary>
    private static Withdrawal Made(WithdrawalType type, DateOnly decidedOn, WithdrawalStatus status = WithdrawalStatus.Paid)
    {
        var at = new DateTimeOffset(decidedOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        return new Withdrawal(1, "480000000002", type, 5000m, status, at.AddDays(-2), at, null);
    }

    private static Eligibility Check(WithdrawalType type, PersonalAccount account, IReadOnlyList<Withdrawal>? history = null,
        IReadOnlyList<Loan>? loans = null, DateOnly? today = null, WithdrawalLimits? limits = null) =>
        WithdrawalEligibility.Check(type, account, loans ?? [], today ?? Today, history: history ?? [], limits: limits ?? Defaults);

    private static Loan FundLoan(LoanStatus status) => new()
    {
        ContractNo = "XYGJJ2021060017", Grzh = "480000000002", Amount = 1m, TermMonths = 12, AnnualRate = 0.026m,
        Method = RepaymentMethod.EqualInstalment, Status = status, OutstandingPrincipal = 1m,
    };

    private static WithdrawalMaterial Material(WithdrawalType type, params (string Key, string Value)[] facts) =>
        new(5, "480000000002", type, facts.ToDictionary(f => f.Key, f => f.Value), DateTimeOffset.UnixEpoch);

    private static WithdrawalMaterial Purchase(string purchasedOn = "2026-10-01", string contractNo = "XY2026-0815", string price = "680000") =>
        Material(WithdrawalType.HousePurchase, ("contractNo", contractNo), ("purchasedOn", purchasedOn), ("price", price), ("address", "浉河区"));

    private static WithdrawalMaterial Repayment(string repaidFrom = "2026-01-01", string repaidAmount = "31200.50") =>
        Material(WithdrawalType.RepayLoan, ("loanKind", MaterialFields.CommercialLoan), ("loanContractNo", "JH2024001"),
            ("lender", "中国建设银行"), ("repaidFrom", repaidFrom), ("repaidAmount", repaidAmount));

    // 租房

    [Fact]
    public void RentIsCappedByTheYearlyLimitAndByTheBalance()
    {
        Assert.Equal(12000m, PartialWithdrawalRules.Maximum(WithdrawalType.Rent, null, 20000m, Defaults));
        Assert.Equal(8000.55m, PartialWithdrawalRules.Maximum(WithdrawalType.Rent, null, 8000.55m, Defaults));
        Assert.Equal(15000m, PartialWithdrawalRules.Maximum(WithdrawalType.Rent, null, 20000m, new WithdrawalLimits { RentYearlyLimit = 15000m }));
        Assert.Equal(7900m, PartialWithdrawalRules.Maximum(WithdrawalType.Rent, null, 8000m, new WithdrawalLimits { RetainedBalance = 100m }));
    }

    [Fact]
    public void ASecondRentIsRefusedUntilTwelveMonthsAfterTheFirstToTheDay()
    {
        Withdrawal[] history = [Made(WithdrawalType.Rent, new DateOnly(2025, 12, 3))];
        var dayBefore = Check(WithdrawalType.Rent, Account(), history);
        Assert.False(dayBefore.Allowed);
        Assert.Equal("您已于2025年12月3日办理租赁自住住房提取，每12个月限办理一次，2026年12月3日起可再次办理。", Assert.Single(dayBefore.Problems));
        Assert.True(Check(WithdrawalType.Rent, Account(), history, today: new DateOnly(2026, 12, 3)).Allowed);
    }

    [Fact]
    public void TheIntervalCountsFromTheBeijingDayOfTheDecision()
    {
        // Decided 2025-12-02 23:30 UTC = 2025-12-03 07:30 Beijing: the year runs from the 3rd.
        var lateUtc = new Withdrawal(1, "480000000002", WithdrawalType.Rent, 1m, WithdrawalStatus.Approved,
            new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 2, 23, 30, 0, TimeSpan.Zero), null);
        Assert.False(Check(WithdrawalType.Rent, Account(), [lateUtc], today: new DateOnly(2026, 12, 2)).Allowed);
    }

    [Theory]
    [InlineData(WithdrawalStatus.Rejected)]
    [InlineData(WithdrawalStatus.Cancelled)]
    public void ARentThatPaidNothingDoesNotCount(WithdrawalStatus status) =>
        Assert.True(Check(WithdrawalType.Rent, Account(), [Made(WithdrawalType.Rent, new DateOnly(2026, 11, 1), status)]).Allowed);

    [Fact]
    public void ZhangWeisRentOf2022IsHistoryAndAPurchaseDoesNotStartTheRentYear()
    {
        Withdrawal[] history = [Made(WithdrawalType.Rent, new DateOnly(2022, 8, 5)), Made(WithdrawalType.HousePurchase, new DateOnly(2026, 11, 1))];
        Assert.True(Check(WithdrawalType.Rent, Account(), history).Allowed);
    }

    [Fact]
    public void RentNeedsThreeMonthsOfContributions()
    {
        var two = Check(WithdrawalType.Rent, Account(openedOn: new DateOnly(2026, 9, 1), paidUpTo: new DateOnly(2026, 10, 1)));
        Assert.Equal("租房提取需缴存满3个月，您的账户已缴存2个月。", Assert.Single(two.Problems));
        Assert.True(Check(WithdrawalType.Rent, Account(openedOn: new DateOnly(2026, 9, 1), paidUpTo: new DateOnly(2026, 11, 1))).Allowed);
        Assert.False(Check(WithdrawalType.Rent, Account(openedOn: new DateOnly(2026, 9, 1), paidUpTo: new DateOnly(2026, 11, 1)),
            limits: new WithdrawalLimits { RentMinContributionMonths = 4 }).Allowed);
    }

    [Theory]
    [InlineData(AccountStatus.Sealed, "正常缴存状态")]
    [InlineData(AccountStatus.Frozen, "冻结")]
    [InlineData(AccountStatus.Closed, "销户")]
    public void RentNeedsANormalAccount(AccountStatus status, string problem) =>
        Assert.Contains(Check(WithdrawalType.Rent, Account(status)).Problems, p => p.Contains(problem));

    [Theory]
    [InlineData(LoanStatus.InProgress, false)]
    [InlineData(LoanStatus.Repaying, false)]
    [InlineData(LoanStatus.Settled, true)]
    public void RentIsRefusedWhileAFundLoanIsOpen(LoanStatus status, bool allowed) =>
        Assert.Equal(allowed, Check(WithdrawalType.Rent, Account(), loans: [FundLoan(status)]).Allowed);

    [Fact]
    public void AnEmptyAccountCannotWithdrawPartOfNothing() =>
        Assert.Contains("可提取余额为0", Assert.Single(Check(WithdrawalType.Rent, Account(balance: 0m)).Problems));

    [Fact]
    public void RentNeedsTheProofItsMaterialNames()
    {
        Assert.Contains(DocumentKind.NoHouseStatement, DocumentKinds.Required(WithdrawalType.Rent,
            new Dictionary<string, string> { ["proof"] = MaterialFields.ProofNoHouseStatement }));
        var withLease = DocumentKinds.Required(WithdrawalType.Rent, new Dictionary<string, string> { ["proof"] = MaterialFields.ProofRentContract });
        Assert.Contains(DocumentKind.RentContract, withLease);
        Assert.DoesNotContain(DocumentKind.NoHouseStatement, withLease);
    }

    [Fact]
    public void RentMaterialNeedsTheDeclarationAndAProofChoice()
    {
        var input = new Dictionary<string, string?> { ["noOwnHouse"] = "有房", ["proof"] = MaterialFields.ProofRentContract, ["address"] = "浉河区" };
        Assert.Equal("请选择本市住房情况", MaterialFields.Clean(WithdrawalType.Rent, input, Today).Problem);
        input["noOwnHouse"] = MaterialFields.NoOwnHouseDeclared;
        Assert.Null(MaterialFields.Clean(WithdrawalType.Rent, input, Today).Problem);
    }

    // 购房

    [Fact]
    public void APurchaseDatedTwelveMonthsAgoToTheDayIsAcceptedAndADayEarlierIsNot()
    {
        Assert.Null(PartialWithdrawalRules.MaterialProblem(Purchase("2025-12-02"), [], Today, Defaults));
        Assert.Equal("合同签订或发票日期2025年12月1日已超过12个月（需在2025年12月2日以后），请到服务网点柜台咨询办理。",
            PartialWithdrawalRules.MaterialProblem(Purchase("2025-12-01"), [], Today, Defaults));
        Assert.Null(PartialWithdrawalRules.MaterialProblem(Purchase("2025-12-01"), [], Today, new WithdrawalLimits { PurchaseWindowMonths = 24 }));
    }

    [Fact]
    public void APurchaseDateInTheFutureIsRefused()
    {
        var input = new Dictionary<string, string?> { ["contractNo"] = "XY2026-0815", ["purchasedOn"] = "2026-12-03", ["price"] = "680000", ["address"] = "浉河区" };
        Assert.Equal("合同签订或发票日期不能晚于今天", MaterialFields.Clean(WithdrawalType.HousePurchase, input, Today).Problem);
    }

    [Fact]
    public void OnePurchaseContractIsWithdrawnForOnce()
    {
        var paid = new PastWithdrawal(Made(WithdrawalType.HousePurchase, new DateOnly(2026, 11, 20)), new Dictionary<string, string> { ["contractNo"] = "XY2026-0815" });
        Assert.Equal("购房合同或发票号码xy2026-0815已于2026年11月20日办理过购房提取，同一购房合同（发票）只能提取一次。",
            PartialWithdrawalRules.MaterialProblem(Purchase(contractNo: "xy2026-0815"), [paid], Today, Defaults));
        Assert.Null(PartialWithdrawalRules.MaterialProblem(Purchase(contractNo: "XY2026-0816"), [paid], Today, Defaults));
        var rejected = paid with { Withdrawal = Made(WithdrawalType.HousePurchase, new DateOnly(2026, 11, 20), WithdrawalStatus.Rejected) };
        Assert.Null(PartialWithdrawalRules.MaterialProblem(Purchase(), [rejected], Today, Defaults));
    }

    [Fact]
    public void APurchaseIsCappedByThePriceAndTheBalance()
    {
        Assert.Equal(20000m, PartialWithdrawalRules.Maximum(WithdrawalType.HousePurchase, Purchase(), 20000m, Defaults));
        Assert.Equal(15000.5m, PartialWithdrawalRules.Maximum(WithdrawalType.HousePurchase, Purchase(price: "15000.50"), 20000m, Defaults));
        Assert.Equal(0m, PartialWithdrawalRules.Maximum(WithdrawalType.HousePurchase, null, 20000m, Defaults));
    }

    [Fact]
    public void ASealedAccountMayWithdrawForAPurchaseButNotForRent()
    {
        Assert.True(Check(WithdrawalType.HousePurchase, Account(AccountStatus.Sealed)).Allowed);
        Assert.False(Check(WithdrawalType.Rent, Account(AccountStatus.Sealed)).Allowed);
    }

    [Theory]
    [InlineData("AB1", "购房合同或发票号码应为4至30位字母、数字或“-”")]
    [InlineData("合同2026001", "购房合同或发票号码应为4至30位字母、数字或“-”")]
    [InlineData("XY 2026", "购房合同或发票号码应为4至30位字母、数字或“-”")]
    [InlineData("xy-2026", null)]
    public void ContractNumbersAreLettersDigitsAndDashes(string number, string? problem)
    {
        var input = new Dictionary<string, string?> { ["contractNo"] = number, ["purchasedOn"] = "2026-10-01", ["price"] = "680000", ["address"] = "浉河区" };
        var (facts, found) = MaterialFields.Clean(WithdrawalType.HousePurchase, input, Today);
        Assert.Equal(problem, found);
        if (problem is null) Assert.Equal("XY-2026", facts["contractNo"]);
    }

    [Theory]
    [InlineData("0", "房屋总价（元）须大于0")]
    [InlineData("0.00", "房屋总价（元）须大于0")]
    [InlineData("680000.123", "房屋总价（元）格式不正确：请填写数字金额（元），最多两位小数")]
    [InlineData("-1", "房屋总价（元）格式不正确：请填写数字金额（元），最多两位小数")]
    [InlineData("680,000", "房屋总价（元）格式不正确：请填写数字金额（元），最多两位小数")]
    [InlineData("1e5", "房屋总价（元）格式不正确：请填写数字金额（元），最多两位小数")]
    [InlineData("680000.5", null)]
    public void PricesAreAmountsAboveZeroWithTwoDecimalsAtMost(string price, string? problem)
    {
        var input = new Dictionary<string, string?> { ["contractNo"] = "XY2026", ["purchasedOn"] = "2026-10-01", ["price"] = price, ["address"] = "浉河区" };
        Assert.Equal(problem, MaterialFields.Clean(WithdrawalType.HousePurchase, input, Today).Problem);
    }

    // 还贷

    [Fact]
    public void RepaymentIsCappedByWhatWasRepaidAndTheBalance()
    {
        Assert.Equal(20000m, PartialWithdrawalRules.Maximum(WithdrawalType.RepayLoan, Repayment(), 20000m, Defaults));
        Assert.Equal(31200.5m, PartialWithdrawalRules.Maximum(WithdrawalType.RepayLoan, Repayment(), 50000m, Defaults));
    }

    [Fact]
    public void RepaymentsCountOnlyWithinTheWindow()
    {
        Assert.Null(PartialWithdrawalRules.MaterialProblem(Repayment("2025-12-02"), [], Today, Defaults));
        Assert.Contains("不能早于2025年12月2日", PartialWithdrawalRules.MaterialProblem(Repayment("2025-12-01"), [], Today, Defaults));
    }

    [Fact]
    public void RepaymentIsOnceAYear()
    {
        Withdrawal[] history = [Made(WithdrawalType.RepayLoan, new DateOnly(2026, 3, 1))];
        Assert.Contains("2027年3月1日起可再次办理", Assert.Single(Check(WithdrawalType.RepayLoan, Account(), history).Problems));
        Assert.True(Check(WithdrawalType.RepayLoan, Account(), history, today: new DateOnly(2027, 3, 1)).Allowed);
        Assert.True(Check(WithdrawalType.Rent, Account(), history).Allowed);
    }

    [Fact]
    public void ACitizenRepayingAFundLoanHereIsSentToTheCounterForOffsetting()
    {
        var e = Check(WithdrawalType.RepayLoan, Account(), loans: [FundLoan(LoanStatus.Repaying)]);
        Assert.True(e.Allowed);
        Assert.Contains(e.Notes, n => n.Contains("XYGJJ2021060017") && n.Contains("冲还贷"));
        Assert.DoesNotContain(Check(WithdrawalType.RepayLoan, Account()).Notes, n => n.Contains("冲还贷"));
    }

    [Fact]
    public void RepaymentMaterialOffersOnlyLoansThatAreNotThisCentres()
    {
        var input = new Dictionary<string, string?>
        {
            ["loanKind"] = "本中心住房公积金贷款", ["loanContractNo"] = "JH2024001", ["lender"] = "建行", ["repaidFrom"] = "2026-01-01", ["repaidAmount"] = "3000",
        };
        Assert.Equal("请选择贷款类型", MaterialFields.Clean(WithdrawalType.RepayLoan, input, Today).Problem);
    }

    // The amount asked

    [Theory]
    [InlineData("", "请填写提取金额")]
    [InlineData("0", "提取金额须大于0")]
    [InlineData("12000.001", "提取金额格式不正确：请填写数字金额（元），最多两位小数")]
    [InlineData("12000.", "提取金额格式不正确：请填写数字金额（元），最多两位小数")]
    [InlineData("-100", "提取金额格式不正确：请填写数字金额（元），最多两位小数")]
    [InlineData("12000.01", "提取金额不能超过本次最多可提取的12,000.00元")]
    [InlineData("12000", null)]
    [InlineData("0.01", null)]
    public void TheAmountAskedIsAnAmountUpToTheMaximum(string text, string? problem)
    {
        var (amount, found) = PartialWithdrawalRules.Amount(text, 12000m);
        Assert.Equal(problem, found);
        if (problem is null) Assert.Equal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    // Approval

    private static LockedAccount Ledger(decimal balance, AccountStatus status = AccountStatus.Normal) =>
        new(status, 0, [new LedgerEntry(new DateOnly(2025, 1, 10), BusinessType.Remittance, balance, balance, "")]);

    [Fact]
    public void ApprovingARentPostsOnePartialWithdrawalAndKeepsTheAccountOpen()
    {
        var (outcome, plan) = WithdrawalReview.Approve(new LockedApplication(9, WithdrawalType.Rent, WithdrawalStatus.Submitted, 5000m, "0128"),
            Ledger(20000m), Today);
        Assert.Equal(DecisionOutcome.Done, outcome);
        var posting = Assert.Single(plan!.Postings);
        Assert.Equal((BusinessType.PartialWithdrawal, -5000m, "租赁自住住房提取"), (posting.Type, posting.Amount, posting.Memo));
        Assert.False(plan.CloseAccount);
        Assert.Equal(5000m, plan.Amount);
        Assert.Equal(WithdrawalReview.PartialApproveAction, plan.AuditAction);
        Assert.Equal("5000.00元", plan.Message["keyword2"]);
    }

    [Fact]
    public void APartialWithdrawalTheBalanceNoLongerCoversIsNotApproved()
    {
        var application = new LockedApplication(9, WithdrawalType.HousePurchase, WithdrawalStatus.Submitted, 5000m, "0128");
        Assert.Equal(DecisionOutcome.Done, WithdrawalReview.Approve(application, Ledger(5000m), Today).Outcome);
        Assert.Equal(DecisionOutcome.AccountNoLongerEligible, WithdrawalReview.Approve(application, Ledger(4999.99m), Today).Outcome);
        Assert.Equal(DecisionOutcome.AccountNoLongerEligible, WithdrawalReview.Approve(application, Ledger(9000m, AccountStatus.Frozen), Today).Outcome);
    }

    [Fact]
    public void TheDefaultLimitsAreUsableAndNonsenseIsNamed()
    {
        Assert.Empty(Defaults.Problems());
        Assert.Contains("Withdrawals:Limits:RentYearlyLimit must be positive.", new WithdrawalLimits { RentYearlyLimit = 0m }.Problems());
    }
}
