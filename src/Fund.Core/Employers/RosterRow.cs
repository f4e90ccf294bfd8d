namespace Fund.Core.Employers;

/// <summary>
/// One row of a 清册 as entered or imported; a kind uses only its columns. Base and Date stay text until checked, so
/// a bad cell is reported with its reason instead of failing the whole upload.
/// </summary>
/// <param name="NumberCells">Columns whose spreadsheet cell was a number, not text (an 18-digit number has lost its last digits).</param>
public sealed record RosterRow(int RowNo, string Name = "", string IdNumber = "", string Phone = "", string Grzh = "",
    string Base = "", string Date = "", IReadOnlyList<RosterField>? NumberCells = null)
{
    public string Value(RosterField field) => field switch
    {
        RosterField.Name => Name,
        RosterField.IdNumber => IdNumber,
        RosterField.Phone => Phone,
        RosterField.Grzh => Grzh,
        RosterField.Base => Base,
        _ => Date,
    };

    public static RosterRow From(int rowNo, Func<RosterField, string?> cell) => new(rowNo,
        Clean(cell(RosterField.Name)), Validation.IdNumber.Normalize(Clean(cell(RosterField.IdNumber))), Clean(cell(RosterField.Phone)),
        Clean(cell(RosterField.Grzh)), Clean(cell(RosterField.Base)), Clean(cell(RosterField.Date)));

    private static string Clean(string? s) => (s ?? "").Trim();
}

/// <summary>
/// What the centre already holds about the person a row names (looked up by ID number or 个人账号); when read for
/// submitting, also the account's 缴至年月 and the name of the employer it is with (a 转入 moves it from there).
/// </summary>
public sealed record KnownPerson(string Grzh, string Name, string Dwzh, Accounts.AccountStatus Status,
    DateOnly? PaidUpTo = null, string EmployerName = "");

/// <summary>A row's verdict: its reasons in Chinese (none when it passes), and the account it acts on if one exists.</summary>
public sealed record RowVerdict(int RowNo, IReadOnlyList<string> Problems, string? ExistingGrzh)
{
    public bool Passes => Problems.Count == 0;
}
