namespace Fund.Core.Accounts;

public interface IAccountStore
{
    Task<PersonalAccount?> GetAsync(string grzh, CancellationToken ct);

    /// <summary>The account bound to a WeChat OpenID, or null: one look-up for what every H5 page asks first.</summary>
    Task<PersonalAccount?> GetBoundToAsync(string openId, CancellationToken ct);

    /// <summary>
    /// Where the store can tell whether its copy of the account bound to <paramref name="openId"/> is still current
    /// (an opaque key, read by the caller in a round trip it makes anyway); null when it holds no copy.
    /// </summary>
    string? CopyCheckKeyFor(string openId) => null;

    /// <summary>
    /// <see cref="GetBoundToAsync(string, CancellationToken)"/> with the value under <see cref="CopyCheckKeyFor"/> already
    /// read by the caller, so a current copy is answered without any round trip.
    /// </summary>
    Task<PersonalAccount?> GetBoundToAsync(string openId, CopyCheck? check, CancellationToken ct) => GetBoundToAsync(openId, ct);

    /// <summary>
    /// The statement page's whole read in one round trip: the account bound to an OpenID (null when none), the years
    /// with entries (newest first) and that account's entries of one year in posting order.
    /// </summary>
    Task<(PersonalAccount? Account, IReadOnlyList<int> Years, IReadOnlyList<Ledger.LedgerEntry> Entries)> GetBoundWithYearAsync(
        string openId, int year, CancellationToken ct);

    /// <summary>Looks up by the blind index of the ID number; the clear number never reaches SQL.</summary>
    Task<PersonalAccount?> FindByIdNumberAsync(string idNumber, CancellationToken ct);

    Task<Employer?> GetEmployerAsync(string dwzh, CancellationToken ct);
}
