namespace Fund.Core.Accounts;

public interface IAccountStore
{
    Task<PersonalAccount?> GetAsync(string grzh, CancellationToken ct);

    /// <summary>The account bound to a WeChat OpenID, or null: one look-up for what every H5 page asks first.</summary>
    Task<PersonalAccount?> GetBoundToAsync(string openId, CancellationToken ct);

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
