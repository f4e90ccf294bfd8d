using System.Text;

namespace Wechat.Handlers.Protocol;

/// <summary>A text bubble. A passive reply carries at most 2048 UTF-8 bytes (about 682 Chinese characters).</summary>
public sealed record TextReply(string Content) : Reply
{
    public const int MaxPassiveReplyBytes = 2048;

    public bool FitsInPassiveReply => Encoding.UTF8.GetByteCount(Content) <= MaxPassiveReplyBytes;

    /// <summary>
    /// The part that fits a passive reply and the rest, which the pipeline sends as a customer-service message.
    /// The cut prefers the last line break in the second half of what fits, so a list is not split mid-line.
    /// </summary>
    public (TextReply Passive, string Overflow) SplitForPassiveReply()
    {
        var cut = FittingLength(Content, MaxPassiveReplyBytes);
        if (cut == Content.Length)
        {
            return (this, "");
        }

        var lineBreak = Content.LastIndexOf('\n', cut - 1);
        if (lineBreak >= cut / 2)
        {
            cut = lineBreak + 1;
        }

        return (new TextReply(Content[..cut]), Content[cut..]);
    }

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxUtf8Bytes"/>.</summary>
    public static string Truncate(string text, int maxUtf8Bytes) => text[..FittingLength(text, maxUtf8Bytes)];

    /// <summary>
    /// How many UTF-16 chars fit in the byte budget, counted whole code points at a time so a surrogate pair
    /// (an emoji) is never cut in two. A lone surrogate counts as the 3-byte U+FFFD that UTF-8 would write for it.
    /// </summary>
    private static int FittingLength(string text, int maxUtf8Bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxUtf8Bytes);
        var bytes = 0;
        var chars = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxUtf8Bytes)
            {
                break;
            }

            chars += rune.Utf16SequenceLength;
        }

        return chars;
    }
}
