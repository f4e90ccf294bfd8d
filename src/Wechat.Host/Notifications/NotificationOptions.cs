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

    /// <summary>How many due rows one lease takes (one UPDATE).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How many sends are under way at once per instance: WeChat answers in tens of milliseconds, so one
    /// at a time would cap an instance at a few dozen messages a second.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>The first wait after WeChat answered -1 (busy) or did not answer; doubled for each later attempt.</summary>
    public double BusyRetrySeconds { get; set; } = 5;

    /// <summary>How long the instance sends nothing after WeChat answered 45009 (quota or rate spent).</summary>
    public double QuotaPauseSeconds { get; set; } = 60;
}
