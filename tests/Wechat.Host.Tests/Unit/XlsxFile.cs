using System.IO.Compression;
using System.Security;
using System.Text;

namespace Wechat.Host.Tests.Unit;

/// <summary>
/// A one-sheet .xlsx written part by part, so a test chooses each cell's type the way a given program stores it:
/// Excel and WPS put typed text in the shared-strings table, some writers use inline strings, every program stores a
/// typed long number (an ID number not formatted as text) and a date as a number cell, a date with a date style.
/// </summary>
internal sealed class XlsxFile
{
    public enum CellType { Shared, Inline, Number }

    public sealed record Cell(string Value, CellType Type = CellType.Shared, int Style = 0);

    private readonly List<Cell[]> rows = [];
    private readonly List<string> numFmts = [];
    private readonly List<int> xfNumFmtIds = [0];

    public XlsxFile Row(params Cell[] cells) { rows.Add(cells); return this; }

    /// <summary>A cell style with a built-in number format (14 = Excel's short date), returned as its style index.</summary>
    public int BuiltInStyle(int numFmtId) { xfNumFmtIds.Add(numFmtId); return xfNumFmtIds.Count - 1; }

    /// <summary>A cell style with a custom format such as LibreOffice's YYYY-MM-DD, returned as its style index.</summary>
    public int CustomStyle(string formatCode)
    {
        numFmts.Add(formatCode);
        xfNumFmtIds.Add(163 + numFmts.Count);
        return xfNumFmtIds.Count - 1;
    }

    public static Cell S(string v) => new(v);
    public static Cell I(string v) => new(v, CellType.Inline);
    public static Cell N(string v, int style = 0) => new(v, CellType.Number, style);

    public byte[] Bytes()
    {
        var shared = new List<string>();
        var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = rows[r][c];
                var at = $"{(char)('A' + c)}{r + 1}";
                var style = cell.Style > 0 ? $" s=\"{cell.Style}\"" : "";
                switch (cell.Type)
                {
                    case CellType.Shared:
                        shared.Add(cell.Value);
                        sheet.Append($"<c r=\"{at}\" t=\"s\"{style}><v>{shared.Count - 1}</v></c>");
                        break;
                    case CellType.Inline:
                        sheet.Append($"<c r=\"{at}\" t=\"inlineStr\"{style}><is><t>{SecurityElement.Escape(cell.Value)}</t></is></c>");
                        break;
                    default:
                        sheet.Append($"<c r=\"{at}\"{style}><v>{cell.Value}</v></c>");
                        break;
                }
            }
            sheet.Append("</row>");
        }
        sheet.Append("</sheetData></worksheet>");

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Part(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            var formats = numFmts.Count == 0 ? "" :
                $"<numFmts count=\"{numFmts.Count}\">{string.Concat(numFmts.Select((f, i) => $"<numFmt numFmtId=\"{164 + i}\" formatCode=\"{SecurityElement.Escape(f)}\"/>"))}</numFmts>";
            var xfs = string.Concat(xfNumFmtIds.Select(id => $"<xf numFmtId=\"{id}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"{(id > 0 ? " applyNumberFormat=\"1\"" : "")}/>"));
            Part(zip, "xl/styles.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{formats}<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="{xfNumFmtIds.Count}">{xfs}</cellXfs></styleSheet>""");
            Part(zip, "xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{shared.Count}" uniqueCount="{shared.Count}">{string.Concat(shared.Select(s => $"<si><t>{SecurityElement.Escape(s)}</t></si>"))}</sst>""");
            Part(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
        }
        return buffer.ToArray();
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }
}
