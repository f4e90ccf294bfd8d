namespace Fund.Core.Ledger;

public sealed class StatementQuery(ILedgerStore ledger, Accounts.IAccountStore accounts, TimeProvider time)
{
    public async Task<Statement> GetAsync(string grzh, int year, CancellationToken ct) =>
        Statement.FromEntries(year, await ledger.GetYearAsync(grzh, year, ct));

    /// <summary>
    /// The statement page for the account bound to an OpenID: its holder (for the printed head), the years with entries
    /// and the statement of the year asked for, else of the newest year. One round trip when the year shown is the one
    /// asked for, or, when none is asked, the current year (the usual case: contributions post monthly); null holder
    /// when the OpenID is not bound.
    /// </summary>
    public async Task<(Accounts.PersonalAccount? Account, IReadOnlyList<int> Years, Statement? Statement)> PageForOpenIdAsync(
        string openId, int? year, CancellationToken ct)
    {
        var wanted = Wanted(year);
        var (account, years, entries) = await accounts.GetBoundWithYearAsync(openId, wanted, ct);
        if (account is null) return (null, [], null);
        return (account, years, await ShownAsync(account.Grzh, wanted, years, entries, ct));
    }

    /// <summary>
    /// The year to read with the years list: the one asked for, or the current year when none (or one no ledger can
    /// have: 0, negative, past 9998) was asked — the newest year whenever the account had an entry this year.
    /// </summary>
    private int Wanted(int? year) => year is >= 1900 and <= 9998 ? year.Value : CentreClock.Today(time).Year;

    /// <summary>The wanted year's statement when it has entries, else the newest year's (one more read), else none.</summary>
    private async Task<Statement?> ShownAsync(string grzh, int wanted, IReadOnlyList<int> years, IReadOnlyList<LedgerEntry> entries,
        CancellationToken ct) =>
        years.Contains(wanted) ? Statement.FromEntries(wanted, entries)
        : years.Count == 0 ? null
        : await GetAsync(grzh, years[0], ct);
}
