namespace Wechat.Handlers.Protocol;

/// <summary>
/// PKCS#7 padding to a 32-byte block, as WXBizMsgCrypt does (AES's own block is 16, so the framework's
/// <c>PaddingMode.PKCS7</c> would pad differently and Tencent would reject our replies).
/// </summary>
internal static class Pkcs7Padding32
{
    public const int BlockSize = 32;

    /// <summary>Copies <paramref name="data"/> and appends 1..32 bytes each holding the pad length.</summary>
    public static byte[] Pad(ReadOnlySpan<byte> data)
    {
        var pad = BlockSize - data.Length % BlockSize;
        var padded = new byte[data.Length + pad];
        data.CopyTo(padded);
        padded.AsSpan(data.Length).Fill((byte)pad);
        return padded;
    }

    /// <summary>The data without its padding, or false when the padding is not 1..32 identical bytes.</summary>
    public static bool TryUnpad(ReadOnlySpan<byte> padded, out ReadOnlySpan<byte> data)
    {
        data = default;
        if (padded.IsEmpty)
        {
            return false;
        }

        int pad = padded[^1];
        if (pad is < 1 or > BlockSize || pad > padded.Length)
        {
            return false;
        }

        foreach (var b in padded[^pad..])
        {
            if (b != pad)
            {
                return false;
            }
        }

        data = padded[..^pad];
        return true;
    }
}
