using Fund.Core.Accounts;
using Fund.Core.Withdrawals;
using Fund.Core;
using Fund.Data.Stores;
using Microsoft.Extensions.Options;
using Wechat.Host.H5;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Pages.H5.Withdraw;

/// <summary>业务办理 → 提取: the online types, each with its conditions, documents and this account's verdict.</summary>
public sealed class IndexModel(
    AccountQuery accounts, MySqlApplicationStore applications, MySqlWithdrawalStore withdrawals, IOptions<WithdrawalLimits> limits,
    TimeProvider time) : BoundAccountPage(accounts)
{
    public sealed record TypeChoice(WithdrawalType Type, Eligibility Eligibility, IReadOnlyList<string> Conditions, IReadOnlyList<DocumentKind> Documents);

    public IReadOnlyList<TypeChoice> Types { get; private set; } = [];
    public long? OpenApplicationId { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        OpenApplicationId = await applications.OpenIdAsync(Account.Grzh, ct);
        var loans = await Accounts.LoansAsync(Account.Grzh, ct);
        var today = CentreClock.Today(time);
        var history = await withdrawals.GetHistoryAsync(Account.Grzh, ct);
        Types = WithdrawalEligibility.OnlineTypes.Select(t => new TypeChoice(t,
            WithdrawalEligibility.Check(t, Account, loans, today, history: history, limits: limits.Value),
            Conditions(t, limits.Value), DocumentKinds.Offered(t))).ToList();
    }

    public static IReadOnlyList<string> Conditions(WithdrawalType type, WithdrawalLimits limits) => type switch
    {
        WithdrawalType.Rent =>
        [
            "本人及配偶在本市无自有住房，租房自住；提交无房声明或房屋租赁合同（二选一）",
            $"账户正常缴存，已缴存满{limits.RentMinContributionMonths}个月；无未结清的住房公积金贷款",
            $"每{limits.RentIntervalMonths}个月可提取一次，每次不超过{limits.RentYearlyLimit:N0}元且不超过账户余额",
        ],
        WithdrawalType.HousePurchase =>
        [
            $"购买本市自住住房，购房合同签订或发票日期在近{limits.PurchaseWindowMonths}个月内",
            "同一购房合同（发票）只能提取一次",
            "提取金额不超过房屋总价，且不超过账户余额",
        ],
        WithdrawalType.RepayLoan =>
        [
            "偿还本人购买自住住房的商业银行贷款或异地住房公积金贷款本息（本中心公积金贷款请到柜台办理冲还贷）",
            $"提取金额不超过近{limits.RepayWindowMonths}个月内已偿还的本息，且不超过账户余额",
            $"每{limits.RepayWindowMonths}个月可提取一次",
        ],
        WithdrawalType.EmploymentEnded => ["已与单位终止（解除）劳动关系，账户已封存", "账户封存满6个月", "无未结清的住房公积金贷款", "提取全部余额并销户"],
        WithdrawalType.SettledAbroad => ["本人已出境定居", "无未结清的住房公积金贷款", "提取全部余额并销户"],
        _ => ["已达到法定退休年龄（按2025年起渐进式延迟退休规定），或已办理退休手续", "无未结清的住房公积金贷款", "提取全部余额并销户"],
    };
}
