using PdfSharp.Drawing;
using QRCoder;

namespace Fund.Pdf;

/// <summary>A QR code drawn as vector squares (crisp at any print size), its quiet zone left white.</summary>
internal static class QrDrawing
{
    public static void Draw(XGraphics gfx, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes the 4-module quiet zone
        var n = matrix.Count;
        var module = size / n;
        gfx.DrawRectangle(XBrushes.White, x, y, size, size);
        for (var row = 0; row < n; row++)
        {
            var bits = matrix[row];
            for (var col = 0; col < n; col++)
            {
                if (!bits[col]) continue;
                var start = col;
                while (col + 1 < n && bits[col + 1]) col++;
                // A hair wider than the run so neighbouring squares leave no white seam in renderers.
                gfx.DrawRectangle(XBrushes.Black, x + start * module, y + row * module, (col - start + 1) * module + 0.05, module + 0.05);
            }
        }
    }
}
