using Fund.Core;
using Fund.Data.Stores;

namespace Wechat.Host.Withdrawals;

/// <summary>
/// `documents rekey`: re-encrypts every uploaded document not under <c>Withdrawals:DocumentKeyId</c> (older keys, or
/// files from before encryption). `interest year-end [--as-of yyyy-MM-dd]`: posts the 年终结息 missing up to that
/// day (default today) to every account that still holds money.
/// </summary>
internal static class WithdrawalVerbs
{
    public static async Task<int> DocumentsAsync(WebApplication app, string[] rest, CancellationToken ct)
    {
        if (rest.FirstOrDefault() != "rekey")
        {
            Console.Error.WriteLine("usage: documents rekey");
            return 2;
        }
        var files = app.Services.GetRequiredService<DocumentFiles>();
        var (moved, missing) = await files.RekeyAsync(ct);
        Console.WriteLine($"documents: {moved} file(s) re-encrypted under key '{app.Services.GetRequiredService<DocumentCipher>().CurrentKeyId}'" +
                          (missing > 0 ? $", {missing} row(s) without a file (see the log)" : ""));
        return missing > 0 ? 1 : 0;
    }

    public static async Task<int> InterestAsync(WebApplication app, string[] rest, CancellationToken ct)
    {
        if (rest.FirstOrDefault() != "year-end")
        {
            Console.Error.WriteLine("usage: interest year-end [--as-of yyyy-MM-dd]");
            return 2;
        }
        var asOf = CentreClock.Today(app.Services.GetRequiredService<TimeProvider>());
        var i = Array.IndexOf(rest, "--as-of");
        if (i >= 0 && (i + 1 >= rest.Length || !DateOnly.TryParseExact(rest[i + 1], "yyyy-MM-dd", out asOf)))
        {
            Console.Error.WriteLine("interest: --as-of wants a date as yyyy-MM-dd");
            return 2;
        }
        var (accounts, total) = await app.Services.GetRequiredService<YearEndInterest>().PostAllAsync(asOf, ct);
        Console.WriteLine($"interest: year-end interest up to {asOf:yyyy-MM-dd} posted to {accounts} account(s), {total:N2} in all");
        return 0;
    }
}
