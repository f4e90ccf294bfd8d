using PdfSharp.Drawing;

namespace Fund.Pdf;

/// <summary>
/// A mark in the style of an electronic seal, drawn rather than scanned: a red double ring, the centre's name round
/// the top, a star, and 电子证明专用 / 非实物印章 across it, so no one takes it for the centre's real seal. The
/// certificate's authenticity rests on the QR code's verification, not on this mark.
/// </summary>
internal static class SealMark
{
    private static readonly XColor Red = XColor.FromArgb(200, 200, 30, 30);

    public static void Draw(XGraphics gfx, double cx, double cy, double radius, string centreName)
    {
        var pen = new XPen(Red, 2.2);
        gfx.DrawEllipse(pen, cx - radius, cy - radius, 2 * radius, 2 * radius);
        gfx.DrawEllipse(new XPen(Red, 0.7), cx - radius + 4, cy - radius + 4, 2 * radius - 8, 2 * radius - 8);
        var brush = new XSolidBrush(Red);

        // The name round the top, each character turned to face outwards, over 220° of the ring.
        var font = new XFont(CertificateFonts.Family, radius * 0.2);
        var chars = centreName.ToCharArray();
        const double span = 220;
        for (var i = 0; i < chars.Length; i++)
        {
            var angle = -90 - span / 2 + span * (i + 0.5) / chars.Length; // degrees, 0 = east, clockwise in page space
            var rad = angle * Math.PI / 180;
            var r = radius * 0.72;
            var px = cx + r * Math.Cos(rad);
            var py = cy + r * Math.Sin(rad);
            var state = gfx.Save();
            gfx.RotateAtTransform(angle + 90, new XPoint(px, py));
            gfx.DrawString(chars[i].ToString(), font, brush, new XRect(px - radius * 0.15, py - radius * 0.15, radius * 0.3, radius * 0.3), XStringFormats.Center);
            gfx.Restore(state);
        }

        Star(gfx, brush, cx, cy - radius * 0.02, radius * 0.2);
        gfx.DrawString("电子证明专用", new XFont(CertificateFonts.Family, radius * 0.15), brush,
            new XRect(cx - radius, cy + radius * 0.22, 2 * radius, radius * 0.2), XStringFormats.Center);
        gfx.DrawString("非实物印章", new XFont(CertificateFonts.Family, radius * 0.11), brush,
            new XRect(cx - radius, cy + radius * 0.45, 2 * radius, radius * 0.16), XStringFormats.Center);
    }

    private static void Star(XGraphics gfx, XBrush brush, double cx, double cy, double r)
    {
        var points = new XPoint[10];
        for (var i = 0; i < 10; i++)
        {
            var a = (-90 + 36 * i) * Math.PI / 180;
            var len = i % 2 == 0 ? r : r * 0.4;
            points[i] = new XPoint(cx + len * Math.Cos(a), cy + len * Math.Sin(a));
        }
        gfx.DrawPolygon(brush, points, XFillMode.Winding);
    }
}
