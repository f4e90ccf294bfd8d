using System.Text.RegularExpressions;

namespace Wechat.Host.Security;

/// <summary>
/// What must hold before the host serves anyone outside Development, checked in one pass so the operator gets
/// every problem in one message (no stack trace) instead of one exception per start. A new required setting is
/// one more line in <see cref="Problems"/>.
/// </summary>
public sealed partial class ProductionSettings(IConfiguration config)
{
    [GeneratedRegex("^[A-Za-z0-9]{3,32}$")]
    private static partial Regex WechatToken();

    [GeneratedRegex("^[A-Za-z0-9]{43}$")]
    private static partial Regex EncodingAesKey();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex KeyId();

    private readonly List<string> problems = [];
    private readonly IConfiguration development = DevelopmentSettings();

    public IReadOnlyList<string> Problems()
    {
        problems.Clear();
        Required("ConnectionStrings:Fund");
        Required("ConnectionStrings:Redis");
        RedisPassword();
        SecretKey("Fund:EncryptionKey", 32);
        SecretKey("Fund:BlindIndexKey", 32);
        DataKeys();
        SecretKey("DataProtection:KeyEncryptionKey", 32);
        Distinct("Fund:EncryptionKey", "Fund:BlindIndexKey", "Fund:PreviousEncryptionKey", "Fund:PreviousBlindIndexKey",
            "DataProtection:KeyEncryptionKey");
        var withdrawals = config.GetSection(Withdrawals.WithdrawalOptions.Section).Get<Withdrawals.WithdrawalOptions>() ?? new();
        problems.AddRange(withdrawals.Problems(development: false, config["Fund:EncryptionKey"]));
        problems.AddRange((config.GetSection(Fund.Core.Withdrawals.WithdrawalLimits.Section).Get<Fund.Core.Withdrawals.WithdrawalLimits>() ?? new()).Problems());
        if (!KeyId().IsMatch(config["DataProtection:KeyEncryptionKeyId"] ?? ""))
            problems.Add("DataProtection:KeyEncryptionKeyId: required, 1–32 of A–Z a–z 0–9 . _ - (names the key so it can be rotated).");
        if (config["DataProtection:PreviousKeyEncryptionKey"] is { Length: > 0 }) SecretKey("DataProtection:PreviousKeyEncryptionKey", 32);

        Required("Wechat:AppId");
        Secret("Wechat:AppSecret");
        if (!WechatToken().IsMatch(config["Wechat:Token"] ?? ""))
            problems.Add("Wechat:Token: 3–32 letters or digits (WeChat's rule for the server configuration's Token).");
        else NotDevelopmentValue("Wechat:Token");
        AesKey("Wechat:EncodingAESKey", required: true);
        AesKey("Wechat:PreviousEncodingAESKey", required: false);
        HttpsUrl("Wechat:PublicBaseUrl", required: true);
        HttpsUrl("Wechat:ApiBaseUrl", required: false);
        HttpsUrl("Wechat:OAuthBaseUrl", required: false);
        HttpsUrl("Sms:GatewayUrl", required: true);
        Secret("Sms:ApiKey");
        Required("Sms:TemplateId");
        if (config["Health:DetailsKey"] is { Length: > 0 and < 16 })
            problems.Add("Health:DetailsKey: at least 16 characters when set.");
        // The CA's and the hall server's private keys are stored encrypted under it: the published value opens them.
        if (config["UnitHall:CaPassphrase"] is { Length: > 0 }) NotDevelopmentValue("UnitHall:CaPassphrase");
        else if (!string.IsNullOrWhiteSpace(config["UnitHall:HttpsUrl"]))
            problems.Add("UnitHall:CaPassphrase: required with UnitHall:HttpsUrl (it decrypts the CA's and the hall server's private keys).");
        if (!string.IsNullOrWhiteSpace(config["UnitHall:TrustedProxy"]) && (config["UnitHall:ProxySecret"]?.Length ?? 0) < 32)
            problems.Add("UnitHall:ProxySecret: required with UnitHall:TrustedProxy, 32 characters or more (`openssl rand -hex 32`; the value nginx sends in X-Proxy-Secret).");
        return problems;
    }

    /// <summary>
    /// The data keys' ids and, during a rotation, the previous pair: ids name the key inside every value so it can be
    /// rotated; a previous key needs the id it was used under, differs from the new one and is a real key. It may be the
    /// Development value: rotating away from a leaked key is what it is there for.
    /// </summary>
    private void DataKeys()
    {
        foreach (var name in new[] { "Fund:EncryptionKeyId", "Fund:BlindIndexKeyId" })
            if (!KeyId().IsMatch(config[name] ?? ""))
                problems.Add($"{name}: required, 1–32 of A–Z a–z 0–9 . _ - (names the key, so it can be rotated with `keys rotate`).");
        foreach (var name in new[] { "Fund:PreviousEncryptionKey", "Fund:PreviousBlindIndexKey" })
        {
            if (config[name] is not { Length: > 0 } value) continue;
            var buffer = new byte[48];
            if (!Convert.TryFromBase64String(value, buffer, out var n) || n != 32)
                problems.Add($"{name}: want the 32-byte Base64 key the data was written under (the old value of {name.Replace("Previous", "", StringComparison.Ordinal)}).");
            else if (buffer.AsSpan(0, 32).IndexOfAnyExcept((byte)0) < 0) problems.Add($"{name}: all zero bytes.");
        }
        var options = config.GetSection(Fund.Data.Security.SensitiveDataOptions.Section).Get<Fund.Data.Security.SensitiveDataOptions>() ?? new();
        // Key formats and sameness are reported above and by Distinct; the options add what ties ids and previous keys together.
        problems.AddRange(options.Problems()
            .Where(p => p.Setting.StartsWith("Previous", StringComparison.Ordinal) && p.Setting.EndsWith("KeyId", StringComparison.Ordinal))
            .Select(p => p.Message));
    }

    /// <summary>A Redis on another machine needs a password (or ACL user): without one anyone on the network reads sessions and keys.</summary>
    private void RedisPassword()
    {
        if (config.GetConnectionString("Redis") is not { Length: > 0 } redis) return;
        StackExchange.Redis.ConfigurationOptions options;
        try { options = StackExchange.Redis.ConfigurationOptions.Parse(redis); }
        catch (ArgumentException) { problems.Add("ConnectionStrings:Redis: not a valid StackExchange.Redis configuration string."); return; }
        var loopbackOnly = options.EndPoints.All(e => e switch
        {
            System.Net.IPEndPoint ip => System.Net.IPAddress.IsLoopback(ip.Address),
            System.Net.DnsEndPoint dns => dns.Host == "localhost",
            _ => false,
        });
        if (string.IsNullOrEmpty(options.Password) && !loopbackOnly)
            problems.Add("ConnectionStrings:Redis: no password= (with user= for an ACL user) for a Redis on another machine.");
    }

    private void Required(string name)
    {
        if (string.IsNullOrWhiteSpace(config[name])) problems.Add($"{name}: required.");
    }

    private void Secret(string name)
    {
        if (string.IsNullOrWhiteSpace(config[name])) problems.Add($"{name}: required.");
        else NotDevelopmentValue(name);
    }

    private void NotDevelopmentValue(string name)
    {
        if (development[name] is { Length: > 0 } dev && string.Equals(dev, config[name], StringComparison.Ordinal))
            problems.Add($"{name}: is the Development value from appsettings.Development.json (published in the repository).");
    }

    private void SecretKey(string name, int bytes)
    {
        var value = config[name];
        byte[] key;
        try { key = Convert.FromBase64String(value ?? ""); }
        catch (FormatException) { problems.Add($"{name}: not valid Base64 (want {bytes} random bytes in Base64)."); return; }
        if (key.Length != bytes) problems.Add($"{name}: {key.Length} bytes; want {bytes} random bytes in Base64 (e.g. `openssl rand -base64 {bytes}`).");
        else if (key.All(b => b == 0)) problems.Add($"{name}: all zero bytes.");
        else NotDevelopmentValue(name);
    }

    private void Distinct(params string[] names)
    {
        var given = names.Where(n => !string.IsNullOrEmpty(config[n])).ToList();
        foreach (var group in given.GroupBy(n => config[n], StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var same = group.ToList();
            // The one mistake a rotation invites: the new key pasted into the previous setting too.
            if (same.Count == 2 && same[1] == same[0].Replace("Fund:", "Fund:Previous", StringComparison.Ordinal))
                problems.Add($"{same[1]}: is the same key as {same[0]}; the previous key is the one the data was written under, the new key goes in {same[0]}.");
            else problems.Add($"{string.Join(", ", same)}: must be different keys.");
        }
    }

    private void AesKey(string name, bool required)
    {
        var value = config[name];
        if (string.IsNullOrEmpty(value)) { if (required) problems.Add($"{name}: required (43 characters, from the official account's 基本配置)."); return; }
        if (!EncodingAesKey().IsMatch(value)) { problems.Add($"{name}: {value.Length} characters; want exactly 43 letters and digits."); return; }
        try
        {
            if (Convert.FromBase64String(value + "=").Length != 32) problems.Add($"{name}: does not decode to 32 bytes.");
            else NotDevelopmentValue(name);
        }
        catch (FormatException) { problems.Add($"{name}: not valid Base64."); }
    }

    private void HttpsUrl(string name, bool required)
    {
        var value = config[name];
        if (string.IsNullOrEmpty(value)) { if (required) problems.Add($"{name}: required (an https:// address)."); return; }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            problems.Add($"{name}: must be an absolute https:// address.");
    }

    /// <summary>appsettings.Development.json as built into the host, so its published keys are known wherever it runs.</summary>
    private static IConfiguration DevelopmentSettings()
    {
        using var stream = typeof(ProductionSettings).Assembly.GetManifestResourceStream("Wechat.Host.appsettings.Development.json");
        var builder = new ConfigurationBuilder();
        if (stream is not null) builder.AddJsonStream(new MemoryStream(ReadAll(stream)));
        return builder.Build();
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Outside Development: prints every problem to standard error and returns false when there are any.</summary>
    public static bool Check(WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return true;
        var found = new ProductionSettings(app.Configuration).Problems();
        if (found.Count == 0) return true;
        Console.Error.WriteLine($"WechatFund will not start in {app.Environment.EnvironmentName}: {found.Count} setting(s) to fix " +
                                "(as environment variables, ':' is written '__'):");
        foreach (var p in found) Console.Error.WriteLine("  - " + p);
        return false;
    }
}
