namespace Fund.Core.Accounts;

/// <summary>
/// The value a caller read under a store's copy-check key (<see cref="IAccountStore.CopyCheckKeyFor"/>): the published
/// version of the account's data, which a copy must have reached to be served. <see cref="Value"/> is null when
/// nothing was published or the read failed; the store then reads the database.
/// </summary>
public sealed record CopyCheck(string Key, string? Value);
