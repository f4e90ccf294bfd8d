using Dapper;
using Fund.Core.Binding;

namespace Fund.Data.Stores;

public sealed class MySqlBindingStore(FundDatabase db) : IBindingStore
{
    public async Task<string?> GetGrzhAsync(string openId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT grzh FROM wechat_binding WHERE openid = @openId", new { openId }, cancellationToken: ct));
    }

    public async Task BindAsync(string openId, string grzh, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // An account follows one WeChat user: binding from a new phone releases the old one.
        await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM wechat_binding WHERE grzh = @grzh OR openid = @openId", new { openId, grzh }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO wechat_binding (openid, grzh, bound_at) VALUES (@openId, @grzh, UTC_TIMESTAMP())",
            new { openId, grzh }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<bool> UnbindAsync(string openId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM wechat_binding WHERE openid = @openId", new { openId }, cancellationToken: ct)) > 0;
    }
}
