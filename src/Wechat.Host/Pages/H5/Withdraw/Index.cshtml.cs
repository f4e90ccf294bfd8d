using Fund.Core.Accounts;
using Fund.Core.Withdrawals;
using Fund.Data.Stores;
using Wechat.Host.H5;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Pages.H5.Withdraw;

/// <summary>业务办理 → 提取: the three online types, each with its conditions, documents and this account's verdict.</summary>
public sealed class IndexModel(AccountQuery accounts, MySqlApplicationStore applications, TimeProvider time) : BoundAccountPage(accounts)
{
    public sealed record TypeChoice(WithdrawalType Type, Eligibility Eligibility, IReadOnlyList<string> Conditions, IReadOnlyList<DocumentKind> Documents);

    public IReadOnlyList<TypeChoice> Types { get; private set; } = [];
    public long? OpenApplicationId { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        OpenApplicationId = await applications.OpenIdAsync(Account.Grzh, ct);
        var loans = await Accounts.LoansAsync(Account.Grzh, ct);
        var today = WithdrawalClock.Today(time);
        Types = WithdrawalEligibility.OnlineTypes.Select(t => new TypeChoice(t,
            WithdrawalEligibility.Check(t, Account, loans, today), Conditions(t), DocumentKinds.Offered(t))).ToList();
    }

    public static IReadOnlyList<string> Conditions(WithdrawalType type) => type switch
    {
        WithdrawalType.EmploymentEnded => ["已与单位终止（解除）劳动关系，账户已封存", "账户封存满6个月", "无未结清的住房公积金贷款", "提取全部余额并销户"],
        WithdrawalType.SettledAbroad => ["本人已出境定居", "无未结清的住房公积金贷款", "提取全部余额并销户"],
        _ => ["已达到法定退休年龄（按2025年起渐进式延迟退休规定），或已办理退休手续", "无未结清的住房公积金贷款", "提取全部余额并销户"],
    };
}
