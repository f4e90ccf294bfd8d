namespace Fund.Core.Certificates;

/// <summary>What a reader of <c>/verify/{token}</c> is told, in large type.</summary>
public enum CertificateState
{
    Valid,
    Expired,
    Revoked,
    /// <summary>No certificate has this token: a typo, a changed character or a forgery.</summary>
    Invalid,
}

/// <summary>
/// An issued certificate as stored. <see cref="TokenSeed"/> is the random half of the verification token; the token
/// itself is never stored (see <see cref="ICertificateTokens"/>).
/// </summary>
public sealed record Certificate
{
    public required string Serial { get; init; }
    public required byte[] TokenSeed { get; init; }
    public required string Grzh { get; init; }
    public required CertificatePurpose Purpose { get; init; }
    public required CertificateFacts Facts { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ValidUntil { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public CertificateKind Kind => Facts.Kind;

    /// <summary>Revoked wins over expired: a reader should learn that the citizen withdrew it.</summary>
    public CertificateState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? CertificateState.Revoked
        : now >= ValidUntil ? CertificateState.Expired
        : CertificateState.Valid;
}

public static class CertificateStateNames
{
    public static string DisplayName(this CertificateState state) => state switch
    {
        CertificateState.Valid => "有效",
        CertificateState.Expired => "已过期",
        CertificateState.Revoked => "已撤销",
        _ => "无效",
    };
}
