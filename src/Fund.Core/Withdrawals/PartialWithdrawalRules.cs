using Fund.Core;
namespace Fund.Core.Withdrawals;

/// <summary>A past withdrawal with the facts of the material it was made with (none for history from before).</summary>
public sealed record PastWithdrawal(Withdrawal Withdrawal, IReadOnlyDictionary<string, string> Facts);

/// <summary>
/// The rules of 租房, 购房 and 还贷 提取 beyond the account's state: how often, for which contract, and how much. The
/// limits come from <see cref="WithdrawalLimits"/>. Only approved or paid withdrawals count as made: a rejected or
/// cancelled one never paid anything, and a submitted one is the account's single open application anyway.
/// </summary>
public static class PartialWithdrawalRules
{
    public static bool Counts(Withdrawal w) => w.Status is WithdrawalStatus.Approved or WithdrawalStatus.Paid;

    /// <summary>The day a withdrawal was made (办结, Beijing date); history rows without a decision count from submission.</summary>
    public static DateOnly MadeOn(Withdrawal w) => CentreClock.DateOf(w.DecidedAt ?? w.SubmittedAt);

    /// <summary>Months that must pass between two withdrawals of the type; 0 when the type has no such rule.</summary>
    public static int IntervalMonths(WithdrawalType type, WithdrawalLimits limits) => type switch
    {
        WithdrawalType.Rent => limits.RentIntervalMonths,
        WithdrawalType.RepayLoan => limits.RepayWindowMonths,
        _ => 0,
    };

    /// <summary>Once per interval: why another of the type cannot be made today, or null. Exactly the interval later is allowed.</summary>
    public static string? IntervalProblem(WithdrawalType type, IEnumerable<Withdrawal> history, DateOnly today, WithdrawalLimits limits)
    {
        var months = IntervalMonths(type, limits);
        if (months == 0) return null;
        var made = history.Where(w => w.Type == type && Counts(w)).Select(MadeOn).ToList();
        if (made.Count == 0) return null;
        var last = made.Max();
        var next = last.AddMonths(months);
        return today < next
            ? $"您已于{last:yyyy年M月d日}办理{type.TypeName()}提取，每{months}个月限办理一次，{next:yyyy年M月d日}起可再次办理。"
            : null;
    }

    /// <summary>What the account can give: the balance less what the centre keeps, never below 0.</summary>
    public static decimal Available(decimal balance, WithdrawalLimits limits) => Math.Max(0m, balance - limits.RetainedBalance);

    /// <summary>
    /// The most this material allows today: 租房 the yearly limit, 购房 the house price, 还贷 the principal and interest
    /// repaid in the window; never more than <see cref="Available"/>.
    /// </summary>
    public static decimal Maximum(WithdrawalType type, WithdrawalMaterial? material, decimal balance, WithdrawalLimits limits)
    {
        var cap = type switch
        {
            WithdrawalType.Rent => limits.RentYearlyLimit,
            WithdrawalType.HousePurchase => material is null ? 0m : MaterialFields.AmountOf(material, "price") ?? 0m,
            WithdrawalType.RepayLoan => material is null ? 0m : MaterialFields.AmountOf(material, "repaidAmount") ?? 0m,
            _ => balance,
        };
        return Math.Min(cap, Available(balance, limits));
    }

    /// <summary>
    /// A contract or invoice number as compared: letters and digits only, upper case. Hyphens, spaces and case are how
    /// it was typed, not which contract it is, so "HT-2026-0001", "ht20260001" and "HT--2026-0001" are one contract.
    /// </summary>
    public static string ContractKey(string? number) =>
        number is null ? "" : string.Concat(number.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant));

    /// <summary>Why this material cannot be used for an application today, or null: dates out of the window, a contract already used.</summary>
    public static string? MaterialProblem(WithdrawalMaterial material, IEnumerable<PastWithdrawal> history, DateOnly today, WithdrawalLimits limits)
    {
        switch (material.Type)
        {
            case WithdrawalType.HousePurchase:
            {
                var earliest = today.AddMonths(-limits.PurchaseWindowMonths);
                if (MaterialFields.DateOf(material, "purchasedOn") is { } on && on < earliest)
                    return $"合同签订或发票日期{on:yyyy年M月d日}已超过{limits.PurchaseWindowMonths}个月（需在{earliest:yyyy年M月d日}以后），请到服务网点柜台咨询办理。";
                var contract = material.Fact("contractNo");
                var key = ContractKey(contract);
                var used = history.FirstOrDefault(p => p.Withdrawal.Type == WithdrawalType.HousePurchase && Counts(p.Withdrawal)
                    && key.Length > 0 && ContractKey(p.Facts.GetValueOrDefault("contractNo")) == key);
                if (contract is not null && used is not null)
                    return $"购房合同或发票号码{contract}已于{MadeOn(used.Withdrawal):yyyy年M月d日}办理过购房提取，同一购房合同（发票）只能提取一次。";
                return null;
            }
            case WithdrawalType.RepayLoan:
            {
                var earliest = today.AddMonths(-limits.RepayWindowMonths);
                if (MaterialFields.DateOf(material, "repaidFrom") is { } from && from < earliest)
                    return $"还款起始日期不能早于{earliest:yyyy年M月d日}：只计算近{limits.RepayWindowMonths}个月内偿还的本息，请按这段时间的还款金额重新创建材料。";
                return null;
            }
            default:
                return null;
        }
    }

    /// <summary>The amount the citizen asks, parsed, or why it cannot be paid: format, more than 0, at most the maximum.</summary>
    public static (decimal Amount, string? Problem) Amount(string? text, decimal maximum)
    {
        if (Money.Problem("提取金额", text) is { } problem) return (0m, problem);
        Money.TryParse(text, out var amount);
        if (maximum <= 0) return (0m, "可提取金额为0，暂不能提取");
        return amount > maximum ? (0m, $"提取金额不能超过本次最多可提取的{maximum:N2}元") : (amount, null);
    }
}
