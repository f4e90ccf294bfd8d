using Fund.Core.Employers;

namespace Wechat.Host.Unit;

/// <summary>The employer hall, bound from <c>UnitHall</c>: the city's base limits and rounding, and its TLS port.</summary>
public sealed class UnitHallOptions
{
    public const string Section = "UnitHall";

    /// <summary>缴存基数 lower and upper limits, published by the city each year.</summary>
    public decimal MinBase { get; set; } = 2000m;
    public decimal MaxBase { get; set; } = 25000m;
    public AmountRounding Rounding { get; set; } = AmountRounding.Fen;

    /// <summary>How long a hall session lasts from sign-in however busy (it also ends after 30 idle minutes).</summary>
    public int SessionAbsoluteHours { get; set; } = 10;

    /// <summary>Where the hall listens with HTTPS and client certificates, e.g. https://127.0.0.1:5443; empty: no TLS listener here.</summary>
    public string HttpsUrl { get; set; } = "";

    /// <summary>Decrypts the CA's and the server certificate's private keys (stored encrypted in the database).</summary>
    public string CaPassphrase { get; set; } = "";

    /// <summary>Names the server certificate is made for when the CA is created (comma-separated DNS names or addresses).</summary>
    public string ServerNames { get; set; } = "127.0.0.1,localhost";

    /// <summary>
    /// Addresses of the proxies (nginx) that terminate the hall's mutual TLS and pass the verified certificate in
    /// X-Client-Cert (comma-separated); empty: the header is believed from nobody.
    /// </summary>
    public string TrustedProxy { get; set; } = "";

    /// <summary>
    /// A secret nginx adds to every request it passes from the hall's port (X-Proxy-Secret), required with
    /// <see cref="TrustedProxy"/>: the proxy's address alone would let any local process that can bind it claim a
    /// certificate it holds only the public half of. 32 characters or more.
    /// </summary>
    public string ProxySecret { get; set; } = "";

    public IReadOnlyList<System.Net.IPAddress> TrustedProxyList =>
        [.. TrustedProxy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(System.Net.IPAddress.Parse)];

    public bool TrustedProxyIsValid =>
        TrustedProxy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(a => System.Net.IPAddress.TryParse(a, out _));

    public ContributionBaseRules Rules => new(MinBase, MaxBase, Rounding);

    public IReadOnlyList<string> ServerNameList =>
        ServerNames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
