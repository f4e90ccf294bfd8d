using System.IO.Compression;
using System.Text;
using Fund.Core.Employers;
using Wechat.Host.Unit;

namespace Wechat.Host.Tests.Unit;

/// <summary>
/// An .xlsx is a ZIP: the 5 MB upload limit counts compressed bytes only. The attack's 615 KB file held one 600 MiB
/// inline-string cell and took an instance from 233 MB to 5.2 GB. Each bomb here is made by the test.
/// </summary>
public sealed class ZipBombTests
{
    /// <summary>The hall's own template with its sheet replaced by one row whose name cell holds <paramref name="chars"/> letters.</summary>
    private static MemoryStream WorkbookWithOneCell(long chars)
    {
        var file = new MemoryStream();
        file.Write(new RosterImport().Template(RosterKind.Open));
        using (var zip = new ZipArchive(file, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            writer.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>""");
            var block = new string('A', 1 << 20);
            for (var left = chars; left > 0; left -= block.Length) writer.Write(block.AsSpan(0, (int)Math.Min(block.Length, left)));
            writer.Write("</t></is></c></row></sheetData></worksheet>");
        }
        file.Position = 0;
        return file;
    }

    [Fact]
    public void ABombIsRefusedWithoutInflatingIt()
    {
        using var bomb = WorkbookWithOneCell(100L * 1024 * 1024);
        Assert.InRange(bomb.Length, 1, RosterImport.MaxBytes);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = new RosterImport().Read(RosterKind.Open, bomb, bomb.Length);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Empty(result.Rows);
        Assert.Contains("解压后过大", result.Problem);
        // Bounded by the per-part limit and the copy, not by the 100 MiB the cell holds (200 MiB as a string).
        Assert.True(allocated < 80L * 1024 * 1024, $"{allocated / 1024 / 1024} MiB allocated");
    }

    [Fact]
    public void ACellLongerThanAnyFieldIsRefusedBeforeParsing()
    {
        using var file = WorkbookWithOneCell(5_000);
        var result = new RosterImport().Read(RosterKind.Open, file, file.Length);
        Assert.Empty(result.Rows);
        Assert.Contains("单元格内容过长", result.Problem);
    }

    [Fact]
    public void TheTemplateItselfStillReads()
    {
        var template = new RosterImport().Template(RosterKind.Open);
        using var file = new MemoryStream(template);
        var result = new RosterImport().Read(RosterKind.Open, file, file.Length);
        Assert.DoesNotContain("解压后过大", result.Problem ?? "");
        Assert.DoesNotContain("单元格内容过长", result.Problem ?? "");
        Assert.DoesNotContain("无法读取", result.Problem ?? "");
    }
}
