namespace Fund.Core.Ledger;

public sealed class StatementQuery(ILedgerStore ledger, Accounts.IAccountStore accounts, TimeProvider time)
{
    public async Task<Statement> GetAsync(string grzh, int year, CancellationToken ct) =>
        Statement.FromEntries(year, await ledger.GetYearAsync(grzh, year, ct));

    public Task<IReadOnlyList<int>> YearsAsync(string grzh, CancellationToken ct) => ledger.GetYearsAsync(grzh, ct);

    /// <summary>
    /// What the statement page shows: the years with entries (newest first) and the statement of the year asked for,
    /// or of the newest year when that one has no entries or none was asked; null statement when there are none at all.
    /// </summary>
    public async Task<(IReadOnlyList<int> Years, Statement? Statement)> PageAsync(string grzh, int? year, CancellationToken ct)
    {
        year = Plausible(year);
        if (year is { } asked)
        {
            // The common case, a year from the page's own picker, costs one round trip.
            var (years, entries) = await ledger.GetYearsAndYearAsync(grzh, asked, ct);
            if (years.Contains(asked)) return (years, Statement.FromEntries(asked, entries));
            return years.Count == 0 ? (years, null) : (years, await GetAsync(grzh, years[0], ct));
        }

        var all = await YearsAsync(grzh, ct);
        return all.Count == 0 ? (all, null) : (all, await GetAsync(grzh, all[0], ct));
    }

    /// <summary>
    /// The statement page for the account bound to an OpenID: its holder (for the printed head), the years with entries
    /// and the statement of the year asked for, else of the newest year. One round trip when the year shown is the one
    /// asked for, or, when none is asked, the current year (the usual case: contributions post monthly); null holder
    /// when the OpenID is not bound.
    /// </summary>
    public async Task<(Accounts.PersonalAccount? Account, IReadOnlyList<int> Years, Statement? Statement)> PageForOpenIdAsync(
        string openId, int? year, CancellationToken ct)
    {
        var wanted = Plausible(year) ?? CentreClock.Today(time).Year;
        var (account, years, entries) = await accounts.GetBoundWithYearAsync(openId, wanted, ct);
        if (account is null) return (null, [], null);
        if (years.Contains(wanted)) return (account, years, Statement.FromEntries(wanted, entries));
        return years.Count == 0 ? (account, years, null) : (account, years, await GetAsync(account.Grzh, years[0], ct));
    }

    /// <summary>A year from the address bar that no ledger can have (0, negative, past 9998) is no year asked.</summary>
    private static int? Plausible(int? year) => year is >= 1900 and <= 9998 ? year : null;
}
