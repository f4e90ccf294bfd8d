namespace Fund.Core.Withdrawals;

/// <summary>A withdrawal as the status page and the counter see it: the history row and what was submitted with it.</summary>
public sealed record WithdrawalApplication(
    Withdrawal Withdrawal,
    string HolderName,
    long? MaterialId,
    string? BankName,
    string? CardLast4,
    string? DecidedBy,
    DateTimeOffset? PaidAt)
{
    public long Id => Withdrawal.Id;
    public string Grzh => Withdrawal.Grzh;

    /// <summary>Shown instead of the number: the last four digits only.</summary>
    public string MaskedCard => CardLast4 is null ? "—" : $"**** **** **** {CardLast4}";
}

/// <summary>The card on file for an account; the number itself stays encrypted in storage.</summary>
public sealed record BankCardOnFile(string BankName, string Last4)
{
    public string Masked => $"**** **** **** {Last4}";
}

public sealed record WithdrawalDocument(
    long Id, string Grzh, long MaterialId, DocumentKind Kind, string StoredName, byte[] Sha256,
    string ContentType, int SizeBytes, DateTimeOffset UploadedAt, string? KeyId = null, long? WithdrawalId = null)
{
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);
}

public enum SubmitOutcome
{
    Created,
    /// <summary>The same idempotency key again: the first application is returned, nothing new is made.</summary>
    Repeated,
    /// <summary>Another application of this account is still open.</summary>
    AnotherOpen,
    /// <summary>A required document is no longer among the material's (deleted in another tab meanwhile).</summary>
    DocumentsMissing,
    /// <summary>The amount asked (租房, 购房, 还贷) is more than the balance under the lock.</summary>
    OverBalance,
}

public enum DecisionOutcome
{
    Done,
    /// <summary>Someone else decided first, or the application is not in the state the action needs.</summary>
    NotInRequiredState,
    NotFound,
    /// <summary>Since submission the account was frozen or closed, or took a fund loan: it may no longer withdraw.</summary>
    AccountNoLongerEligible,
    /// <summary>What approval would pay is no longer the amount the clerk confirmed (a posting or a new day since).</summary>
    PayoutChanged,
}
