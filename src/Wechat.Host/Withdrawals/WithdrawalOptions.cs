namespace Wechat.Host.Withdrawals;

/// <summary>Where uploads live, how large they may be and the keys they are encrypted under, bound from <c>Withdrawals</c>.</summary>
public sealed class WithdrawalOptions
{
    public const string Section = "Withdrawals";

    /// <summary>Where Development keeps uploads when <see cref="UploadPath"/> is not set: the checkout's git-ignored .local/.</summary>
    public const string DevelopmentUploadPath = "../../.local/uploads";

    /// <summary>Outside wwwroot; relative paths are under the content root. Required outside Development.</summary>
    public string? UploadPath { get; set; }

    public int MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Document keys by id (Base64, 32 bytes each); old ids stay until `documents rekey` has moved their files.</summary>
    public Dictionary<string, string> DocumentKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The id in <see cref="DocumentKeys"/> new files are encrypted under.</summary>
    public string? DocumentKeyId { get; set; }

    /// <summary>Every problem with the settings, for one start-up message; empty when they are usable.</summary>
    public IEnumerable<string> Problems(bool development, string? columnKey)
    {
        if (MaxUploadBytes <= 0) yield return "Withdrawals:MaxUploadBytes must be positive.";
        if (!development && string.IsNullOrWhiteSpace(UploadPath))
            yield return "Withdrawals:UploadPath is required outside Development (a directory outside the web root, readable only by the service).";
        if (string.IsNullOrEmpty(DocumentKeyId) || !DocumentKeys.ContainsKey(DocumentKeyId))
            yield return "Withdrawals:DocumentKeyId must name one of Withdrawals:DocumentKeys.";
        foreach (var (id, key) in DocumentKeys)
        {
            if (id.Length is 0 or > 32 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                yield return $"Withdrawals:DocumentKeys:{id} — a key id is 1 to 32 letters, digits, '-' or '_'.";
            var buffer = new byte[48];
            if (!Convert.TryFromBase64String(key ?? "", buffer, out var n) || n != 32)
                yield return $"Withdrawals:DocumentKeys:{id} must be 32 bytes in Base64.";
            else if (buffer.AsSpan(0, 32).IndexOfAnyExcept((byte)0) < 0)
                yield return $"Withdrawals:DocumentKeys:{id} must not be all zeros.";
            if (!string.IsNullOrEmpty(columnKey) && key == columnKey)
                yield return $"Withdrawals:DocumentKeys:{id} must differ from Fund:EncryptionKey.";
            if (!development && key == DevelopmentKey)
                yield return $"Withdrawals:DocumentKeys:{id} is the Development key from appsettings.Development.json.";
        }
    }

    /// <summary>The published key of appsettings.Development.json, refused anywhere else.</summary>
    internal const string DevelopmentKey = "ZGV2LW9ubHktZG9jdW1lbnQta2V5LTMyLWJ5dGVzISE=";
}

/// <summary>Every problem of the <c>Withdrawals</c> settings at start-up, in one message.</summary>
internal sealed class WithdrawalOptionsCheck(bool development, string? columnKey) : Microsoft.Extensions.Options.IValidateOptions<WithdrawalOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, WithdrawalOptions options)
    {
        var problems = options.Problems(development, columnKey).ToList();
        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }
}
