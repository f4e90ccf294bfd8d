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
        // The first failed to decode when the code was 96 pt wide.
        var tokens = new List<string> { "dE_8SMEFGib6pvgZJBXjSNX94rzxJkGd-sSa0zsD" };
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
