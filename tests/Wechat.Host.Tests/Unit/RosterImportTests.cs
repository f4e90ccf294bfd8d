using System.IO.Compression;
using System.Xml.Linq;
using Fund.Core.Employers;
using Wechat.Host.Unit;
using static Wechat.Host.Tests.Unit.XlsxFile;

namespace Wechat.Host.Tests.Unit;

/// <summary>The 清册 template and reading uploads written the way Excel, WPS and LibreOffice write them.</summary>
public class RosterImportTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly RosterImport import = new();
    private const string Id = "411502199001010015";

    private RosterImport.Result Read(RosterKind kind, byte[] bytes) => import.Read(kind, new MemoryStream(bytes), bytes.Length);

    private static XDocument Part(byte[] xlsx, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var stream = zip.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }

    [Theory]
    [InlineData(RosterKind.Open)]
    [InlineData(RosterKind.Seal)]
    [InlineData(RosterKind.BaseAdjust)]
    [InlineData(RosterKind.TransferIn)]
    public void TheTemplateImportsNoRowItsExampleSitsOnASheetOfItsOwn(RosterKind kind)
    {
        var template = import.Template(kind);
        var read = Read(kind, template);
        Assert.Equal("文件中没有数据行", read.Problem);
        Assert.Empty(read.Rows);
        // The first sheet has the kind's headers, read by the same library the import uses.
        var header = (IDictionary<string, object?>)MiniExcelLibs.MiniExcel.Query(new MemoryStream(template), useHeaderRow: false).First();
        Assert.Equal(kind.Columns().Select(c => c.Header), header.Values.Select(v => v?.ToString()));
        var sheets = Part(template, "xl/workbook.xml").Descendants(Main + "sheet").Select(s => (string)s.Attribute("name")!).ToList();
        Assert.Equal(["清册", "填写说明"], sheets);
        using var zip = new ZipArchive(new MemoryStream(template));
        var notes = new StreamReader(zip.GetEntry("xl/worksheets/sheet2.xml")!.Open()).ReadToEnd()
                    + new StreamReader(zip.GetEntry("xl/sharedStrings.xml")?.Open() ?? Stream.Null).ReadToEnd();
        Assert.Contains("张三", notes);
        Assert.Contains("示例", notes);
    }

    [Theory]
    [InlineData(RosterKind.Open, new[] { "B", "C" })]
    [InlineData(RosterKind.Seal, new[] { "A" })]
    [InlineData(RosterKind.TransferIn, new[] { "B" })]
    public void TheTemplateFormatsTheIdPhoneAndAccountColumnsAsText(RosterKind kind, string[] textColumns)
    {
        var template = import.Template(kind);
        var xfs = Part(template, "xl/styles.xml").Descendants(Main + "cellXfs").Single().Elements(Main + "xf").ToList();
        bool IsText(int style) => (int)xfs[style].Attribute("numFmtId")! == 49;
        var cols = Part(template, "xl/worksheets/sheet1.xml").Descendants(Main + "col").ToList();
        for (var i = 0; i < kind.Columns().Count; i++)
        {
            var letter = ((char)('A' + i)).ToString();
            var col = cols.Single(c => (int)c.Attribute("min")! <= i + 1 && i + 1 <= (int)c.Attribute("max")!);
            Assert.Equal(textColumns.Contains(letter), IsText((int?)col.Attribute("style") ?? 0));
        }
    }

    [Fact]
    public void ExcelAndWpsSharedStringsAndAnIdTypedAsANumberAreTold()
    {
        // Excel and WPS: text in sharedStrings, the ID number typed into a General cell stored as 4.11502199001010E+17.
        var file = new XlsxFile()
            .Row(S("姓名"), S("身份证号"), S("手机号码"), S("缴存基数"))
            .Row(S("李明"), S(Id), S("13900000001"), N("6000"))
            .Row(S("王芳"), N("4.1150219900101005E+17"), N("13900000002"), N("6000.5"));
        var read = Read(RosterKind.Open, file.Bytes());
        Assert.Null(read.Problem);
        Assert.Equal(2, read.Rows.Count);
        var (good, typed) = (read.Rows[0], read.Rows[1]);
        Assert.Equal((2, "李明", Id, "13900000001", "6000"), (good.RowNo, good.Name, good.IdNumber, good.Phone, good.Base));
        Assert.Empty(good.NumberCells ?? []);
        Assert.Equal(3, typed.RowNo);
        Assert.Equal([RosterField.IdNumber, RosterField.Phone], typed.NumberCells);
        Assert.Equal("6000.5", typed.Base);
    }

    [Fact]
    public void InlineStringsReadAsText()
    {
        var file = new XlsxFile()
            .Row(I("个人账号"), I("姓名"))
            .Row(I("411510000001"), I("买买提·艾力"));
        var row = Assert.Single(Read(RosterKind.Unseal, file.Bytes()).Rows);
        Assert.Equal(("411510000001", "买买提·艾力"), (row.Grzh, row.Name));
        Assert.Empty(row.NumberCells ?? []);
    }

    [Fact]
    public void AnAccountNumberTypedAsANumberIsTold()
    {
        var file = new XlsxFile().Row(S("个人账号"), S("姓名")).Row(N("411510000001"), S("李明"));
        Assert.Equal([RosterField.Grzh], Assert.Single(Read(RosterKind.Unseal, file.Bytes()).Rows).NumberCells);
    }

    [Fact]
    public void DatesStoredAsSerialNumbersReadAsDates()
    {
        var serial = new DateTime(2026, 12, 1).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = new XlsxFile();
        var excelDate = file.BuiltInStyle(14);                 // Excel, WPS: 短日期
        var libreDate = file.CustomStyle("YYYY\\-MM\\-DD");     // LibreOffice: its own ISO format
        file.Row(S("个人账号"), S("姓名"), S("封存日期"))
            .Row(S("411510000001"), S("李明"), N(serial, excelDate))
            .Row(S("411510000002"), S("王芳"), N(serial, libreDate))
            .Row(S("411510000003"), S("赵敏"), N(serial))      // a serial without a date style
            .Row(S("411510000004"), S("孙丽"), S("2026/12/1"));
        var rows = Read(RosterKind.Seal, file.Bytes()).Rows;
        Assert.Equal(4, rows.Count);
        Assert.All(rows.Take(3), r => Assert.Equal("2026-12-01", r.Date));
        Assert.All(rows, r => Assert.Empty(r.NumberCells ?? []));
        Assert.Equal(new DateOnly(2026, 12, 1), RosterCheck.ParseDate(rows[3].Date));
    }
}
