using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Wechat.Host.Tests.Certificates;

/// <summary>Reads a certificate PDF back as a reader would: its text (PdfPig), and its QR code from the rendered page.</summary>
internal static class PdfReading
{
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>
    /// Every byte of the file as a text could hold it: the raw file and each stream inflated (content, fonts,
    /// ToUnicode maps, metadata), so "not anywhere in the PDF" means not in any of them.
    /// </summary>
    public static IEnumerable<byte[]> AllBytes(byte[] pdf)
    {
        yield return pdf;
        var latin = Encoding.Latin1.GetString(pdf);
        for (var at = latin.IndexOf("stream", StringComparison.Ordinal); at >= 0; at = latin.IndexOf("stream", at + 6, StringComparison.Ordinal))
        {
            var start = at + 6;
            if (start < latin.Length && latin[start] == '\r') start++;
            if (start < latin.Length && latin[start] == '\n') start++;
            var end = latin.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0) break;
            byte[]? inflated = null;
            try
            {
                using var z = new ZLibStream(new MemoryStream(pdf, start, end - start), CompressionMode.Decompress);
                using var output = new MemoryStream();
                z.CopyTo(output);
                inflated = output.ToArray();
            }
            catch (InvalidDataException) { }
            if (inflated is not null) yield return inflated;
            at = end;
        }
    }

    public static bool Contains(byte[] pdf, string text) =>
        AllBytes(pdf).Any(bytes =>
            bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0
            || bytes.AsSpan().IndexOf(Encoding.BigEndianUnicode.GetBytes(text)) >= 0
            || bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0);

    /// <summary>
    /// Renders the page with poppler's pdftoppm (grey, 150 dpi) and decodes the QR code on it, the page upright and then
    /// turned a quarter at a time, as a phone may be held; when ZXing cannot find it there, once more at 300 dpi, as a
    /// reader would hold the phone closer. The turns matter: ZXing's finder-pattern search misses about one code in a
    /// hundred upright, even a perfect bitmap of QRCoder's or of its own encoder (an identical matrix, which it decodes
    /// when told where it is and which zbar reads from the page), and found every one of 3,000 random tokens once turned.
    /// </summary>
    public static string QrCode(byte[] pdf, int page = 1) => TryQrCode(pdf, page, 150) ?? TryQrCode(pdf, page, 300)
        ?? throw new Xunit.Sdk.XunitException("No QR code found on the rendered page at 150 or 300 dpi, in any of four turns.");

    private static string? TryQrCode(byte[] pdf, int page, int dpi)
    {
        var dir = Directory.CreateTempSubdirectory("certificate-qr-");
        try
        {
            var file = Path.Combine(dir.FullName, "c.pdf");
            File.WriteAllBytes(file, pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", $"{dpi}", "-gray", "-f", $"{page}", "-l", $"{page}", file, Path.Combine(dir.FullName, "page")])
            { RedirectStandardError = true })!;
            process.WaitForExit(60_000);
            Assert.Equal(0, process.ExitCode);
            var (width, height, pixels) = Pgm(File.ReadAllBytes(Directory.GetFiles(dir.FullName, "page*.pgm").Single()));
            LuminanceSource source = new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
            for (var turn = 0; turn < 4; turn++, source = source.rotateCounterClockwise())
            {
                var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                    new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true });
                if (result is not null) return result.Text;
            }
            return null;
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>A binary PGM (P5, 8-bit): the header's width, height and maximum, then one byte per pixel.</summary>
    private static (int Width, int Height, byte[] Pixels) Pgm(byte[] file)
    {
        var at = 0;
        string Next()
        {
            while (char.IsWhiteSpace((char)file[at]) || file[at] == '#')
            {
                if (file[at] == '#') while (file[at] != '\n') at++;
                at++;
            }
            var start = at;
            while (!char.IsWhiteSpace((char)file[at])) at++;
            return Encoding.ASCII.GetString(file, start, at - start);
        }
        Assert.Equal("P5", Next());
        var width = int.Parse(Next());
        var height = int.Parse(Next());
        Assert.Equal("255", Next());
        at++; // the single whitespace before the pixels
        return (width, height, file.AsSpan(at, width * height).ToArray());
    }
}
