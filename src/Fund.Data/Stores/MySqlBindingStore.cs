using System.Data;
using Dapper;
using Fund.Core.Binding;
using MySqlConnector;

namespace Fund.Data.Stores;

/// <summary>
/// The bindings as Core's port sees them. Binding here is unaudited (seeding, tests, load tools); the citizens'
/// own sign-in binds through <see cref="CitizenAccessChanges"/>. Unbinding is the chat's 解绑 and is audited.
/// </summary>
public sealed class MySqlBindingStore(FundDatabase db, CitizenAccessChanges changes, AccountVersions versions) : IBindingStore
{
    public async Task<string?> GetGrzhAsync(string openId, CancellationToken ct)
    {
        return await db.ReadAsync(conn => conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT grzh FROM wechat_binding WHERE openid = @openId", new { openId }, cancellationToken: ct)), ct);
    }

    public async Task BindAsync(string openId, string grzh, CancellationToken ct)
    {
        // Under REPEATABLE READ the deletes of absent rows take gap locks that concurrent binds' inserts then wait
        // on, deadlocking two citizens who bind at the same moment; READ COMMITTED takes no such gap locks, and
        // the rare deadlock that remains is retried.
        var held = await db.WriteAsync(async (conn, tx) =>
        {
            // The account this OpenID held before loses its binding: its copies must go too.
            var previous = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT grzh FROM wechat_binding WHERE openid = @openId", new { openId }, tx, cancellationToken: ct));
            // An account follows one WeChat user: binding from a new phone releases the old one.
            await conn.ExecuteAsync(new CommandDefinition(
                "DELETE FROM wechat_binding WHERE grzh = @grzh", new { grzh }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "DELETE FROM wechat_binding WHERE openid = @openId", new { openId }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO wechat_binding (openid, grzh, bound_at) VALUES (@openId, @grzh, UTC_TIMESTAMP())",
                new { openId, grzh }, tx, cancellationToken: ct));
            return previous;
        }, ct, IsolationLevel.ReadCommitted);
        await versions.PublishAsync(held is null ? [grzh] : [grzh, held], ct);
    }

    public Task<bool> UnbindAsync(string openId, CancellationToken ct) =>
        changes.UnbindAsync(new AccessOrigin(openId, AccessOrigin.WechatChat), ct);
}
