using System.Collections.Concurrent;
using Fund.Core.Accounts;
using Fund.Core.Ledger;
using StackExchange.Redis;

namespace Fund.Data.Stores;

/// <summary>
/// This instance's copies of what the hot reads return — the account bound to an OpenID (chat's 我的账户 / 余额) and
/// the statement page's read of one year — each tagged with the account's data version it was read at. A copy is
/// served only while that version is at least the one published in Redis (<see cref="AccountVersions"/>), so any
/// change of the account, its ledger or its binding, made on any instance, shows in the next read.
/// </summary>
/// <remarks>
/// Keyed by the OpenID (and year) the caller's own session or push names, never by anything a request chooses, and a
/// copy holds the account bound to that OpenID: a rebinding moves the versions of both accounts. Kept in process, not
/// in Redis, so no ID number or phone leaves the process in clear. Bounded: past <see cref="MaxCopies"/>
/// (<see cref="MaxStatementCopies"/>) the whole table is dropped (re-read on demand). Copies older than <see cref="AccountVersions.MaxCopyAge"/> or taken before the
/// last <see cref="AccountVersions.Epoch"/> move are never served.
/// </remarks>
public sealed class AccountCopies(AccountVersions versions, TimeProvider time)
{
    /// <summary>Bound accounts kept (about half a kilobyte each).</summary>
    public const int MaxCopies = 50_000;

    /// <summary>Statement reads kept (a year's lines each: one to a few kilobytes).</summary>
    public const int MaxStatementCopies = 10_000;

    private sealed record Copy<T>(string Grzh, long Version, long Epoch, long At, T Value);

    public sealed record StatementRead(PersonalAccount Account, IReadOnlyList<int> Years, IReadOnlyList<LedgerEntry> Entries);

    private readonly ConcurrentDictionary<string, Copy<PersonalAccount>> _bound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string OpenId, int Year), Copy<StatementRead>> _statements = new();

    /// <summary>The key to read for the copy of the account bound to <paramref name="openId"/>; null without a usable copy.</summary>
    public string? CheckKeyFor(string openId) =>
        _bound.TryGetValue(openId, out var copy) && Usable(copy) ? AccountVersions.KeyFor(copy.Grzh) : null;

    /// <summary>The copy when it is current: <paramref name="check"/> read by the caller, else one Redis GET here.</summary>
    public async ValueTask<PersonalAccount?> BoundAsync(string openId, CopyCheck? check)
    {
        // Metric-worthy events here: "account_copy.miss" (no usable copy), "account_copy.hit", "account_copy.stale".
        if (!_bound.TryGetValue(openId, out var copy) || !Usable(copy)) return null;
        var published = check is not null && check.Key == AccountVersions.KeyFor(copy.Grzh)
            ? (check.Value is { } v ? (RedisValue)v : RedisValue.Null)
            : await versions.PublishedAsync(copy.Grzh);
        return AccountVersions.IsCurrent(copy.Version, published) ? copy.Value : null;
    }

    public void KeepBound(string openId, PersonalAccount account, long version, long epochBeforeRead)
    {
        Keep(_bound, MaxCopies, openId, new Copy<PersonalAccount>(account.Grzh, version, epochBeforeRead, Now, account));
        versions.PublishIfNone(account.Grzh, version);
    }

    /// <summary>The current copy of the statement read of <paramref name="year"/> for <paramref name="openId"/>; one Redis GET.</summary>
    public async ValueTask<StatementRead?> StatementAsync(string openId, int year)
    {
        // Metric-worthy events: "statement_copy.miss", "statement_copy.hit", "statement_copy.stale".
        if (!_statements.TryGetValue((openId, year), out var copy) || !Usable(copy)) return null;
        return AccountVersions.IsCurrent(copy.Version, await versions.PublishedAsync(copy.Grzh)) ? copy.Value : null;
    }

    public void KeepStatement(string openId, int year, StatementRead read, long version, long epochBeforeRead)
    {
        Keep(_statements, MaxStatementCopies, (openId, year), new Copy<StatementRead>(read.Account.Grzh, version, epochBeforeRead, Now, read));
        versions.PublishIfNone(read.Account.Grzh, version);
    }

    /// <summary>The epoch to tag a copy with: read before the database, so a drop during the read discards it.</summary>
    public long Epoch => versions.Epoch;

    private long Now => time.GetTimestamp();

    private bool Usable<T>(Copy<T> copy) =>
        copy.Epoch == versions.Epoch && time.GetElapsedTime(copy.At) < AccountVersions.MaxCopyAge;

    private static void Keep<TKey, T>(ConcurrentDictionary<TKey, Copy<T>> table, int max, TKey key, Copy<T> copy) where TKey : notnull
    {
        // Metric-worthy event "account_copies.table_dropped" (the table was full).
        if (table.Count >= max) table.Clear();
        table[key] = copy;
    }
}
