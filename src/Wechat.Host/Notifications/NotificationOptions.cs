namespace Wechat.Host.Notifications;

/// <summary>Template message ids by <see cref="Fund.Data.Stores.TemplateKeys"/> key, bound from <c>Wechat:Templates</c>.</summary>
public sealed class TemplateOptions
{
    public const string Section = "Wechat:Templates";

    public string? WithdrawalApproved { get; set; }
    public string? WithdrawalRejected { get; set; }
    public string? WithdrawalPaid { get; set; }
    public string? LoanProgress { get; set; }
    public string? ContributionReceived { get; set; }
    public string? AccountSecurity { get; set; }

    public string? IdFor(string key) => key switch
    {
        nameof(WithdrawalApproved) => WithdrawalApproved,
        nameof(WithdrawalRejected) => WithdrawalRejected,
        nameof(WithdrawalPaid) => WithdrawalPaid,
        nameof(LoanProgress) => LoanProgress,
        nameof(ContributionReceived) => ContributionReceived,
        nameof(AccountSecurity) => AccountSecurity,
        _ => null,
    };
}

/// <summary>The outbox poller, bound from <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Off in hosts that share a database with another that delivers (the host tests).</summary>
    public bool DeliveryEnabled { get; set; } = true;

    public double PollSeconds { get; set; } = 5;
}
