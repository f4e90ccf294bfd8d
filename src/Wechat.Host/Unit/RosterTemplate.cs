using System.IO.Compression;
using System.Security;
using System.Text;
using Fund.Core.Employers;

namespace Wechat.Host.Unit;

/// <summary>
/// The .xlsx template of a 清册 kind, written part by part because the columns need a text format before anything is
/// typed into them (MiniExcel formats the values it writes, not empty columns). Sheet 1 「清册」 holds only the header
/// row, the ID, phone and account columns formatted as text (numFmtId 49, "@"), so Excel, WPS and LibreOffice keep
/// an 18-digit number as typed. Sheet 2 「填写说明」 holds the notes and the example row: the import reads sheet 1
/// only, so the example never opens an account, and a row copied from it is refused by <see cref="RosterExample"/>.
/// </summary>
public static class RosterTemplate
{
    private const int TextStyle = 1;
    private const int HeaderStyle = 2;

    public static byte[] Build(RosterKind kind)
    {
        var columns = kind.Columns();
        var cols = string.Concat(columns.Select((c, i) =>
            $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{Width(c.Field)}\" customWidth=\"1\"{(c.Field.MustBeText() ? $" style=\"{TextStyle}\"" : "")}/>"));
        var header = Row(1, columns.Select(c => c.Header), HeaderStyle);
        var roster = Sheet($"<cols>{cols}</cols>", header);

        var notes = new List<string>
        {
            $"{kind.DisplayName()}清册填写说明（本页不会导入）",
            "1. 请在“清册”页第2行起逐行填写，一行一人；第1行表头请勿修改。",
            "2. 身份证号、手机号码、个人账号列已设为文本格式，请直接输入；请勿改为“常规”或“数值”格式，否则长号码的末几位会丢失，该行将被退回。",
            "3. 缴存基数填写金额（元），最多两位小数。",
        };
        if (kind == RosterKind.Seal) notes.Add("4. 封存日期写成2026-11-30的形式，不能晚于今天、不能早于一年前。");
        notes.Add("下面一行是填写示例，示例中的人员并不存在：请勿把示例复制到“清册”页，含示例身份证号或个人账号的行不会被受理。");
        var noteRows = notes.Select((n, i) => Row(i + 1, [n], 0)).ToList();
        noteRows.Add(Row(notes.Count + 1, columns.Select(c => c.Header), HeaderStyle));
        noteRows.Add(Row(notes.Count + 2, columns.Select(c => "示例：" + RosterExample.Value(c.Field)), 0));
        var guide = Sheet("<cols><col min=\"1\" max=\"1\" width=\"24\" customWidth=\"1\"/></cols>", string.Concat(noteRows));

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""");
            Part(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="清册" sheetId="1" r:id="rId1"/><sheet name="填写说明" sheetId="2" r:id="rId2"/></sheets></workbook>""");
            Part(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
            // Styles: 0 General, 1 text ("@", built-in 49), 2 text in bold for the header.
            Part(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>""");
            Part(zip, "xl/worksheets/sheet1.xml", roster);
            Part(zip, "xl/worksheets/sheet2.xml", guide);
        }
        return buffer.ToArray();
    }

    private static int Width(RosterField field) => field switch
    {
        RosterField.IdNumber => 22,
        RosterField.Name => 14,
        _ => 16,
    };

    private static string Sheet(string cols, string rows) =>
        $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{cols}<sheetData>{rows}</sheetData></worksheet>""";

    private static string Row(int number, IEnumerable<string> values, int style)
    {
        var cells = new StringBuilder();
        var column = 0;
        foreach (var value in values)
        {
            var reference = $"{(char)('A' + column++)}{number}";
            var styled = style > 0 ? $" s=\"{style}\"" : "";
            cells.Append($"<c r=\"{reference}\" t=\"inlineStr\"{styled}><is><t>{SecurityElement.Escape(value)}</t></is></c>");
        }
        return $"<row r=\"{number}\">{cells}</row>";
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }
}
