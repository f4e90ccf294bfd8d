using System.Collections.Concurrent;
using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Loans;
using Fund.Core.Outlets;
using Fund.Core.Withdrawals;

namespace Wechat.Handlers.Tests.Pipeline;

/// <summary>Fund.Core's ports in memory, holding one demo citizen the tests can bind to.</summary>
internal sealed class InMemoryFund : IBindingStore, IAccountStore, ILoanStore, IWithdrawalStore, IOutletStore
{
    public const string Grzh = "410100123456789";
    public const string IdNumber = "410102199001011234";
    public const string Phone = "13800001234";

    public ConcurrentDictionary<string, string> Bindings { get; } = new();
    public ConcurrentDictionary<string, PersonalAccount> Accounts { get; } = new();
    public ConcurrentDictionary<string, List<Loan>> Loans { get; } = new();
    public ConcurrentDictionary<string, List<LoanProgressStage>> Progress { get; } = new();
    public List<ServiceOutlet> Outlets { get; } = [];

    public int BindingLookups;

    public static PersonalAccount DemoAccount() => new()
    {
        Grzh = Grzh,
        Name = "张三",
        IdNumber = IdNumber,
        Phone = Phone,
        Dwzh = "41010001",
        EmployerName = "信阳市示例科技有限公司",
        Status = AccountStatus.Normal,
        ContributionBase = 5000m,
        PersonalRate = 0.12m,
        EmployerRate = 0.12m,
        PersonalMonthly = 600m,
        EmployerMonthly = 600m,
        Balance = 12345.67m,
        PaidUpTo = new DateOnly(2025, 6, 1),
    };

    public static Loan DemoLoan() => new()
    {
        ContractNo = "XYGJJ2024-0001",
        Grzh = Grzh,
        Amount = 500000m,
        TermMonths = 360,
        AnnualRate = 0.026m,
        Method = RepaymentMethod.EqualInstalment,
        Status = LoanStatus.Repaying,
        OutstandingPrincipal = 480000m,
        NextDueDate = new DateOnly(2025, 7, 20),
        NextInstalment = 2001.23m,
    };

    /// <summary>The demo account exists; <paramref name="openId"/> is bound to it.</summary>
    public InMemoryFund WithBoundCitizen(string openId)
    {
        Accounts[Grzh] = DemoAccount();
        Bindings[openId] = Grzh;
        return this;
    }

    public Task<string?> GetGrzhAsync(string openId, CancellationToken ct)
    {
        Interlocked.Increment(ref BindingLookups);
        return Task.FromResult(Bindings.GetValueOrDefault(openId));
    }

    public Task BindAsync(string openId, string grzh, CancellationToken ct)
    {
        Bindings[openId] = grzh;
        return Task.CompletedTask;
    }

    public Task<bool> UnbindAsync(string openId, CancellationToken ct) => Task.FromResult(Bindings.TryRemove(openId, out _));

    public Task<PersonalAccount?> GetAsync(string grzh, CancellationToken ct) => Task.FromResult(Accounts.GetValueOrDefault(grzh));

    public Task<PersonalAccount?> GetBoundToAsync(string openId, CancellationToken ct) =>
        Task.FromResult(Bindings.TryGetValue(openId, out var grzh) ? Accounts.GetValueOrDefault(grzh) : null);

    // The chat never shows a statement; the in-memory fund holds no ledger.
    public async Task<(PersonalAccount? Account, IReadOnlyList<int> Years, IReadOnlyList<Fund.Core.Ledger.LedgerEntry> Entries)> GetBoundWithYearAsync(
        string openId, int year, CancellationToken ct) => (await GetBoundToAsync(openId, ct), [], []);

    public Task<PersonalAccount?> FindByIdNumberAsync(string idNumber, CancellationToken ct) =>
        Task.FromResult(Accounts.Values.FirstOrDefault(a => a.IdNumber == idNumber));

    public Task<Employer?> GetEmployerAsync(string dwzh, CancellationToken ct) => Task.FromResult<Employer?>(null);

    public Task<IReadOnlyList<Loan>> GetByAccountAsync(string grzh, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Loan>>(Loans.GetValueOrDefault(grzh) ?? []);

    public Task<IReadOnlyList<LoanProgressStage>> GetProgressAsync(string contractNo, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LoanProgressStage>>(Progress.GetValueOrDefault(contractNo) ?? []);

    public Task<IReadOnlyList<Withdrawal>> GetHistoryAsync(string grzh, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Withdrawal>>([]);

    public Task<IReadOnlyList<ServiceOutlet>> GetAllAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ServiceOutlet>>(Outlets);
}
