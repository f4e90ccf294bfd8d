using Dapper;
using Fund.Core.Accounts;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>
/// The first lock of every withdrawal write: the account row, then whatever else. Submitting, deciding, uploading,
/// deleting and changing the card all take it first, so they queue up per account and never deadlock.
/// </summary>
internal static class AccountLock
{
    public sealed record Held(AccountStatus Status, bool ApplicationOpen);

    public static async Task<Held> TakeAsync(MySqlConnection conn, MySqlTransaction tx, string grzh, CancellationToken ct)
    {
        var status = await conn.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT status FROM personal_account WHERE grzh = @grzh FOR UPDATE", new { grzh }, tx, cancellationToken: ct));
        var open = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM withdrawal WHERE open_grzh = @grzh", new { grzh }, tx, cancellationToken: ct));
        return new Held(AccountStatusCodes.FromCode(status), open > 0);
    }
}
