using System.Globalization;
using Fund.Core.Employers;
using MiniExcelLibs;

namespace Wechat.Host.Unit;

/// <summary>
/// The .xlsx side of a 清册: the template of a kind (<see cref="RosterTemplate"/>) and reading an upload's first
/// sheet back into rows numbered as the spreadsheet numbers them (the header is row 1). A number cell in a column that
/// must be text (ID number, phone, 个人账号) is marked on its row, for the check to refuse with its reason.
/// </summary>
public sealed class RosterImport
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Result(IReadOnlyList<RosterRow> Rows, string? Problem);

    public static string FileName(RosterKind kind) => $"{kind.DisplayName()}清册模板.xlsx";

    public byte[] Template(RosterKind kind) => RosterTemplate.Build(kind);

    /// <summary>Rows of the upload, or a problem (in Chinese) with the file as a whole.</summary>
    public Result Read(RosterKind kind, Stream upload, long length)
    {
        if (length is 0 or > MaxBytes) return new([], $"请上传不超过{MaxBytes / 1024 / 1024}MB的.xlsx文件");
        using var buffer = new MemoryStream();
        upload.CopyTo(buffer);
        var bytes = buffer.GetBuffer();
        // An .xlsx is a ZIP: refuse anything else before the parser sees it.
        if (buffer.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4)
            return new([], "文件不是Excel（.xlsx）格式，请使用下载的模板");
        buffer.Position = 0;
        // Uncompressed parts and cells bounded before the parser sees them (a zip bomb otherwise takes gigabytes).
        var (safe, problem) = XlsxLimits.Check(buffer);
        if (safe is null) return new([], problem);
        using var _ = safe;
        List<IDictionary<string, object?>> sheet;
        try
        {
            sheet = safe.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Take(MaxRows + 1).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or NotSupportedException)
        {
            return new([], "文件无法读取，请使用下载的模板");
        }
        var columns = kind.Columns();
        if (sheet.Count > 0 && columns.FirstOrDefault(c => !sheet[0].ContainsKey(c.Header)) is { } missing)
            return new([], $"模板缺少“{missing.Header}”列，请下载本业务的模板");
        if (sheet.Count > MaxRows) return new([], $"一次最多导入{MaxRows}行");
        var rows = new List<RosterRow>(sheet.Count);
        for (var i = 0; i < sheet.Count; i++)
        {
            var cells = sheet[i];
            if (columns.All(c => string.IsNullOrWhiteSpace(Text(cells.TryGetValue(c.Header, out var v) ? v : null)))) continue; // blank line
            var values = columns.ToDictionary(c => c.Field, c => cells.TryGetValue(c.Header, out var v) ? v : null);
            var byField = values.ToDictionary(p => p.Key, p => p.Key == RosterField.Date ? DateText(p.Value) : Text(p.Value));
            var numberCells = values.Where(p => p.Key.MustBeText() && IsNumberCell(p.Value)).Select(p => p.Key).ToList();
            rows.Add(RosterRow.From(i + 2, f => byField.GetValueOrDefault(f)) with { NumberCells = numberCells.Count > 0 ? numberCells : null });
        }
        return rows.Count == 0 ? new([], "文件中没有数据行") : new(rows, null);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A cell stored as a number (a date is a number with a date style): what a spreadsheet makes of digits typed into a General cell.</summary>
    private static bool IsNumberCell(object? value) => value is double or float or decimal or int or long or DateTime;

    /// <summary>A date cell as text; a bare serial number (a date cell that lost its date style) as the date it counts.</summary>
    private static string DateText(object? value) => value switch
    {
        double d when d >= 1 && d < 2958466 && d == Math.Floor(d) => DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Text(value),
    };
}
