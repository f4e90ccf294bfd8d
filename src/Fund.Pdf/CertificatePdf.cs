using Fund.Core;
using Fund.Core.Certificates;
using Fund.Core.Ledger;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Fund.Pdf;

/// <summary>
/// Draws a certificate as an A4 PDF from what was fixed at its issue: the centre's name and the title, the QR code to
/// <c>/verify/{token}</c> at the top right, serial, time of issue and validity, the facts, the drawn mark, and how to
/// verify. 明细账 runs over as many pages as its entries need, each page numbered and carrying the serial.
/// </summary>
public static class CertificatePdf
{
    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 56;
    private const double Right = PageWidth - Margin, ContentWidth = PageWidth - 2 * Margin;
    // About 42 mm: large enough for a phone at arm's length and for a scanner reading the whole page (at 96 pt one
    // token in forty failed to decode from a 150-dpi rendering).
    private const double QrSize = 120;
    private static readonly XColor Ink = XColor.FromArgb(30, 30, 30);
    private static readonly XColor Rule = XColor.FromArgb(120, 120, 120);

    public static byte[] Draw(Certificate certificate, string verifyUrl)
    {
        CertificateFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = certificate.Kind.Title() + " " + certificate.Serial;
        document.Info.Author = certificate.Facts.CentreName;
        document.Info.Creator = "WechatFund";
        var pages = new Pages(document, certificate);
        var y = Head(pages.Gfx, certificate, verifyUrl);
        y = certificate.Kind == CertificateKind.Deposit ? DepositBody(pages, certificate.Facts, y) : StatementBody(pages, certificate.Facts, y);
        Close(pages, certificate, verifyUrl, y);
        pages.Finish();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static XFont Font(double size, bool bold = false) =>
        new(CertificateFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);

    private static string Time(DateTimeOffset t) => CentreClock.Local(t).ToString("yyyy年MM月dd日 HH:mm");

    private static string Money(decimal amount) => amount.ToString("N2");

    private static double Head(XGraphics gfx, Certificate c, string verifyUrl)
    {
        var brush = new XSolidBrush(Ink);
        gfx.DrawString(c.Facts.CentreName, Font(13), brush, new XRect(Margin, 46, ContentWidth, 18), XStringFormats.Center);
        gfx.DrawString(c.Kind.Title(), Font(22, bold: true), brush, new XRect(Margin, 70, ContentWidth, 30), XStringFormats.Center);
        QrDrawing.Draw(gfx, verifyUrl, Right - QrSize, 106, QrSize);
        gfx.DrawString("扫码核验", Font(8), brush, new XRect(Right - QrSize, 104 + QrSize, QrSize, 12), XStringFormats.Center);

        var small = Font(10);
        gfx.DrawString("证明编号：" + c.Serial, small, brush, Margin, 132);
        gfx.DrawString("开具时间：" + Time(c.IssuedAt), small, brush, Margin, 150);
        var days = (int)Math.Round((c.ValidUntil - c.IssuedAt).TotalDays);
        gfx.DrawString($"有效期至：{Time(c.ValidUntil)}（{days}天）", small, brush, Margin, 168);
        gfx.DrawString("证明用途：" + c.Facts.PurposeName, small, brush, Margin, 186);
        return 244;
    }

    private static double DepositBody(Pages pages, CertificateFacts f, double y)
    {
        var rows = new List<(string, string)>
        {
            ("姓名", f.Name),
            ("身份证号", f.MaskedIdNumber),
            ("个人账号", f.Grzh),
            ("工作单位", f.EmployerName),
            ("开户日期", f.OpenedOn.ToString("yyyy年MM月dd日")),
            ("账户状态", f.StatusName),
            ("缴存基数（元）", Money(f.ContributionBase)),
            ("月缴存额（元）", $"{Money(f.MonthlyDeposit)}（个人 {Money(f.PersonalMonthly)}，单位 {Money(f.EmployerMonthly)}）"),
            ("缴至年月", f.PaidUpToText),
        };
        if (f.Balance is { } balance) rows.Add(("账户余额（元）", Money(balance)));
        y = Rows(pages.Gfx, rows, y, 28, 120);
        var brush = new XSolidBrush(Ink);
        pages.Gfx.DrawString($"兹证明上述职工在{f.CentreName}缴存住房公积金，缴存情况如上表。", Font(11), brush, Margin, y + 30);
        pages.Gfx.DrawString("特此证明。", Font(11), brush, Margin + 22, y + 52);
        return y + 60;
    }

    private static double StatementBody(Pages pages, CertificateFacts f, double y)
    {
        var rows = new List<(string, string)>
        {
            ("姓名", f.Name),
            ("身份证号", f.MaskedIdNumber),
            ("个人账号", f.Grzh),
            ("工作单位", f.EmployerName),
            ("期间", $"{f.PeriodFrom:yyyy年MM月dd日} 至 {f.PeriodTo:yyyy年MM月dd日}"),
            ("期初余额（元）", Money(f.OpeningBalance)),
            ("期末余额（元）", Money(f.ClosingBalance)),
            ("本期收入 / 支出（元）", $"{Money(f.TotalIn)} / {Money(f.TotalOut)}（共 {f.Entries.Count} 笔）"),
        };
        y = Rows(pages.Gfx, rows, y, 22, 130) + 16;

        double[] widths = [82, 82, 139, 90, 90];
        string[] head = ["记账日期", "业务类型", "摘要", "发生额（元）", "余额（元）"];
        const double rowHeight = 17;
        y = TableHead(pages.Gfx, widths, head, y, rowHeight);
        if (f.Entries.Count == 0)
        {
            pages.Gfx.DrawString("本期间无发生额。", Font(9), new XSolidBrush(Ink), Margin + 4, y + 12);
            return y + rowHeight + 8;
        }
        foreach (var e in f.Entries)
        {
            if (y + rowHeight > PageHeight - 90)
            {
                pages.Next();
                y = TableHead(pages.Gfx, widths, head, 70, rowHeight);
            }
            EntryRow(pages.Gfx, widths, e, y, rowHeight);
            y += rowHeight;
        }
        return y + 8;
    }

    private static double TableHead(XGraphics gfx, double[] widths, string[] head, double y, double h)
    {
        gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(236, 236, 236)), Margin, y, widths.Sum(), h);
        var x = Margin;
        for (var i = 0; i < widths.Length; i++)
        {
            gfx.DrawString(head[i], Font(9, bold: true), new XSolidBrush(Ink), new XRect(x, y, widths[i], h), XStringFormats.Center);
            x += widths[i];
        }
        gfx.DrawLine(new XPen(Rule, 0.6), Margin, y + h, Margin + widths.Sum(), y + h);
        return y + h;
    }

    private static void EntryRow(XGraphics gfx, double[] widths, LedgerEntry e, double y, double h)
    {
        var font = Font(9);
        var brush = new XSolidBrush(Ink);
        string[] cells = [e.Date.ToString("yyyy-MM-dd"), e.Type.DisplayName(), e.Memo, StatementText.Signed(e.Amount), Money(e.BalanceAfter)];
        var x = Margin;
        for (var i = 0; i < cells.Length; i++)
        {
            var format = i >= 3 ? XStringFormats.CenterRight : XStringFormats.Center;
            var cell = i == 2 && cells[i].Length > 12 ? cells[i][..12] : cells[i];
            gfx.DrawString(cell, font, brush, new XRect(x + 3, y, widths[i] - 6, h), format);
            x += widths[i];
        }
        gfx.DrawLine(new XPen(XColor.FromArgb(210, 210, 210), 0.4), Margin, y + h, Margin + widths.Sum(), y + h);
    }

    private static double Rows(XGraphics gfx, IReadOnlyList<(string Label, string Value)> rows, double y, double h, double labelWidth)
    {
        var pen = new XPen(Rule, 0.6);
        var brush = new XSolidBrush(Ink);
        var top = y;
        foreach (var (label, value) in rows)
        {
            gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(245, 245, 245)), Margin, y, labelWidth, h);
            gfx.DrawString(label, Font(10.5), brush, new XRect(Margin + 8, y, labelWidth - 8, h), XStringFormats.CenterLeft);
            gfx.DrawString(value, Font(10.5), brush, new XRect(Margin + labelWidth + 10, y, ContentWidth - labelWidth - 10, h), XStringFormats.CenterLeft);
            gfx.DrawLine(pen, Margin, y + h, Right, y + h);
            y += h;
        }
        gfx.DrawRectangle(pen, Margin, top, ContentWidth, y - top);
        gfx.DrawLine(pen, Margin + labelWidth, top, Margin + labelWidth, y);
        return y;
    }

    /// <summary>The issuer's line, date and mark after the body (on a new page when the body filled this one), and how to verify.</summary>
    private static void Close(Pages pages, Certificate c, string verifyUrl, double y)
    {
        if (y > PageHeight - 230) { pages.Next(); y = 80; }
        var gfx = pages.Gfx;
        var brush = new XSolidBrush(Ink);
        var signY = y + 40;
        gfx.DrawString(c.Facts.CentreName, Font(11), brush, new XRect(Margin, signY, ContentWidth - 20, 16), XStringFormats.CenterRight);
        gfx.DrawString(CentreClock.Local(c.IssuedAt).ToString("yyyy年MM月dd日"), Font(11), brush,
            new XRect(Margin, signY + 20, ContentWidth - 20, 16), XStringFormats.CenterRight);
        SealMark.Draw(gfx, Right - 85, signY + 14, 52, c.Facts.CentreName);

        var note = Font(9);
        var bottom = PageHeight - 92;
        gfx.DrawLine(new XPen(Rule, 0.5), Margin, bottom - 10, Right, bottom - 10);
        gfx.DrawString("核验方法：用手机扫描右上角二维码打开中心核验页面，页面显示“有效”且信息与本证明一致方为有效。", note, brush, Margin, bottom + 4);
        gfx.DrawString("核验地址：" + verifyUrl, Font(7.5), brush, Margin, bottom + 18);
        gfx.DrawString("本证明由网上服务开具，所示印章样式为电子证明标识，不是实物印章；证明内容以核验页面为准。", Font(7.5), brush, Margin, bottom + 31);
    }

    /// <summary>The pages of one document; the footer (page number and serial) is written on all of them at the end.</summary>
    private sealed class Pages
    {
        private readonly PdfDocument _document;
        private readonly Certificate _certificate;
        private readonly List<PdfPage> _pages = [];

        public Pages(PdfDocument document, Certificate certificate)
        {
            _document = document;
            _certificate = certificate;
            Next();
        }

        public XGraphics Gfx { get; private set; } = null!;

        public void Next()
        {
            Gfx?.Dispose();
            var page = _document.AddPage();
            page.Size = PageSize.A4;
            _pages.Add(page);
            Gfx = XGraphics.FromPdfPage(page);
        }

        public void Finish()
        {
            Gfx.Dispose();
            for (var i = 0; i < _pages.Count; i++)
            {
                using var gfx = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
                gfx.DrawString($"第 {i + 1} 页 / 共 {_pages.Count} 页    证明编号 {_certificate.Serial}", Font(8), new XSolidBrush(Rule),
                    new XRect(Margin, PageHeight - 40, ContentWidth, 12), XStringFormats.Center);
            }
        }
    }
}
