using System.Security.Cryptography;
using Fund.Core.Accounts;
using Fund.Core.Ledger;

namespace Fund.Core.Certificates;

/// <summary>An issued certificate with the token its QR code carries (the token exists only here and in the PDF).</summary>
public sealed record IssuedCertificate(Certificate Certificate, string Token);

/// <summary>The outcome of an issue: the certificate, or the citizen's reason why not.</summary>
public sealed record IssueResult(IssuedCertificate? Issued, string? Refusal);

/// <summary>What <c>/verify/{token}</c> learns: the state, and for a certificate that exists its facts.</summary>
public sealed record Verification(CertificateState State, Certificate? Certificate);

/// <summary>
/// Issues, lists, revokes and verifies certificates. The account is always the caller's own (the page passes the
/// account bound to its session); revocation names the account as well as the serial, so no one revokes another's.
/// </summary>
public sealed class CertificateIssuer(ICertificateStore store, ICertificateTokens tokens, ILedgerStore ledger,
    CertificateOptions options, TimeProvider time)
{
    public CertificateOptions Options => options;

    public async Task<IssueResult> IssueAsync(PersonalAccount account, CertificateRequest request, CertificateOrigin origin, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = CentreClock.Today(time);
        var dayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), CentreClock.Offset);
        var issuedToday = await store.CountIssuedSinceAsync(account.Grzh, dayStart, ct);
        if (CertificateRules.Refusal(account, request, today, issuedToday, options) is { } refusal) return new(null, refusal);

        PeriodLedger? period = null;
        if (request.Kind == CertificateKind.Statement)
            period = await ledger.GetPeriodAsync(account.Grzh, request.FromMonth!.Value, CertificateRules.PeriodEnd(request.ToMonth!.Value, today), ct);
        var facts = CertificateRules.Facts(account, request, options, today, period);

        // A serial collision (two in 10^8 on one day) is retried with another; the store's UNIQUE key decides.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var certificate = new Certificate
            {
                Serial = NewSerial(today),
                TokenSeed = tokens.NewSeed(),
                Grzh = account.Grzh,
                Purpose = request.Purpose,
                Facts = facts,
                IssuedAt = TruncateToMilliseconds(now),
                ValidUntil = TruncateToMilliseconds(now.AddDays(options.ValidityDays)),
            };
            if (await store.AddAsync(certificate, origin, ct)) return new(new IssuedCertificate(certificate, tokens.TokenFor(certificate.TokenSeed)), null);
        }
        throw new InvalidOperationException("Could not find a free certificate serial.");
    }

    /// <summary>The account's certificates, newest first.</summary>
    public Task<IReadOnlyList<Certificate>> ListAsync(string grzh, CancellationToken ct) => store.ListAsync(grzh, ct);

    /// <summary>The account's own certificate by serial with its token (for download), or null.</summary>
    public async Task<IssuedCertificate?> OwnAsync(string grzh, string serial, CancellationToken ct)
    {
        var certificate = await store.FindBySerialAsync(serial, ct);
        return certificate is not null && certificate.Grzh == grzh ? new(certificate, tokens.TokenFor(certificate.TokenSeed)) : null;
    }

    public Task<bool> RevokeAsync(string grzh, string serial, CertificateOrigin origin, CancellationToken ct) =>
        store.RevokeAsync(grzh, serial, TruncateToMilliseconds(time.GetUtcNow()), origin, ct);

    /// <summary>What a token verifies as; every call is audited (the serial when there is one, never the token).</summary>
    public async Task<Verification> VerifyAsync(string? token, string? clientAddress, CancellationToken ct)
    {
        var seed = token is null ? null : tokens.SeedOf(token);
        var certificate = seed is null ? null : await store.FindBySeedAsync(seed, ct);
        var state = certificate?.StateAt(time.GetUtcNow()) ?? CertificateState.Invalid;
        await store.AuditVerifyAsync(certificate?.Serial, state, clientAddress, ct);
        return new(state, certificate);
    }

    public CertificateState StateOf(Certificate certificate) => certificate.StateAt(time.GetUtcNow());

    /// <summary>ZM + the centre day + 8 random digits: readable over the phone, and not the token.</summary>
    public static string NewSerial(DateOnly today) => $"ZM{today:yyyyMMdd}{RandomNumberGenerator.GetInt32(0, 100_000_000):00000000}";

    public static bool LooksLikeSerial(string? text) =>
        text is { Length: 18 } && text.StartsWith("ZM", StringComparison.Ordinal) && text.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0;

    // MariaDB keeps milliseconds: what is printed and what is read back must be the same instant.
    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, t.Offset);
}
