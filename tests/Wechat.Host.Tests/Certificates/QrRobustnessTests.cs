using System.Security.Cryptography;
using Fund.Core.Certificates;
using Fund.Pdf;

namespace Wechat.Host.Tests.Certificates;

/// <summary>The printed QR code must scan whatever the token: many random tokens, each decoded from its rendered page.</summary>
public sealed class QrRobustnessTests
{
    [Fact]
    public void EveryRandomTokensQrCodeDecodesFromTheRenderedPage()
    {
        var issued = new DateTimeOffset(2026, 12, 5, 2, 30, 0, TimeSpan.Zero);
        var failures = new List<string>();
        // The first failed to decode when the code was 96 pt wide; the second at 120 pt from 150 dpi (300 dpi reads it); the
        // third and fourth upright at 150 and 300 dpi alike (zbar read them; ZXing finds them turned, see PdfReading.QrCode).
        var tokens = new List<string> { "dE_8SMEFGib6pvgZJBXjSNX94rzxJkGd-sSa0zsD", "Z4GY6aJ1xV3JNwOS27CXp35cWiA5JFExH2wqUOPR", "ffLMcDr_Okh_lIjf7-qn-w_ImJiKkyzmOzWps6X8",
            "6H3_HVzx5HbWHbc5fuIYwrG8GJBdDNoqUWjmT_u_" };
        for (var i = 0; i < 60; i++) tokens.Add(Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_'));
        foreach (var token in tokens)
        {
            var url = "https://fund.example.test/verify/" + token;
            var certificate = new Certificate
            {
                Serial = CertificateIssuer.NewSerial(new DateOnly(2026, 12, 5)), TokenSeed = new byte[16], Grzh = "411500000001",
                Purpose = CertificatePurpose.Loan, IssuedAt = issued, ValidUntil = issued.AddDays(30),
                Facts = new CertificateFacts
                {
                    Kind = CertificateKind.Deposit, CentreName = "信阳市住房公积金管理中心", Name = "张伟", MaskedIdNumber = "4115**********1018",
                    Grzh = "411500000001", EmployerName = "信阳市示范科技有限公司", OpenedOn = new DateOnly(2016, 3, 1), StatusName = "正常",
                    PurposeName = "办理贷款", ContributionBase = 6000m, PersonalMonthly = 720m, EmployerMonthly = 720m, PaidUpToText = "2026年10月",
                },
            };
            string? read;
            try { read = PdfReading.QrCode(CertificatePdf.Draw(certificate, url)); }
            catch (Exception e) when (e is Xunit.Sdk.XunitException) { read = null; }
            if (read != url) failures.Add(token);
        }
        Assert.Empty(failures);
    }
}
