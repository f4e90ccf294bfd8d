namespace Fund.Core.Withdrawals;

/// <summary>
/// Decides what an upload is from its first bytes, never from its name or the browser's Content-Type, which the
/// sender controls: a renamed executable stays an executable.
/// </summary>
public static class DocumentContent
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Pdf = "application/pdf";

    /// <summary>Bytes needed to recognise every accepted format.</summary>
    public const int HeaderLength = 8;

    public static string? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (header.StartsWith("%PDF-"u8)) return Pdf;
        return null;
    }
}
