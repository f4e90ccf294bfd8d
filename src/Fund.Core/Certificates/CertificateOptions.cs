namespace Fund.Core.Certificates;

/// <summary>The centre's settings for certificates (section <c>Certificates</c>), checked at start-up.</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>Days a certificate verifies as 有效 after its issue.</summary>
    public int ValidityDays { get; set; } = 30;

    /// <summary>Certificates one account may issue per centre day: enough for any real need, not a flood of rows.</summary>
    public int MaxPerDay { get; set; } = 10;

    /// <summary>
    /// Views of <c>/verify</c> per client address and minute: a reader scans a few; a script guessing tokens stops
    /// here.
    /// </summary>
    public int VerifyViewsPerMinute { get; set; } = 30;

    /// <summary>The issuer printed at the top, on the mark and on the verification page.</summary>
    public string CentreName { get; set; } = "信阳市住房公积金管理中心";

    public IEnumerable<string> Problems()
    {
        if (ValidityDays is < 1 or > 365) yield return "Certificates:ValidityDays must be 1–365.";
        if (VerifyViewsPerMinute is < 1 or > 10000) yield return "Certificates:VerifyViewsPerMinute must be 1–10000.";
        if (MaxPerDay is < 1 or > 100) yield return "Certificates:MaxPerDay must be 1–100.";
        if (string.IsNullOrWhiteSpace(CentreName) || CentreName.Length > 40) yield return "Certificates:CentreName must be 1–40 characters.";
    }
}
