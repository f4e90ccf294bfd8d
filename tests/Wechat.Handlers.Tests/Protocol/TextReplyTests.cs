using System.Text;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class TextReplyTests
{
    private const string Chinese = "公"; // 3 bytes in UTF-8

    [Fact]
    public void ChineseTextOf682CharactersFitsAndOf683DoesNot()
    {
        // 682 × 3 = 2046 bytes; 683 × 3 = 2049.
        Assert.True(new TextReply(string.Concat(Enumerable.Repeat(Chinese, 682))).FitsInPassiveReply);
        Assert.False(new TextReply(string.Concat(Enumerable.Repeat(Chinese, 683))).FitsInPassiveReply);
    }

    [Fact]
    public void ExactlyTwoThousandFortyEightBytesFits()
    {
        var text = string.Concat(Enumerable.Repeat(Chinese, 682)) + "ab";

        Assert.Equal(2048, Encoding.UTF8.GetByteCount(text));
        Assert.True(new TextReply(text).FitsInPassiveReply);
        Assert.False(new TextReply(text + "c").FitsInPassiveReply);
    }

    [Fact]
    public void TruncateCutsChineseAtACharacterBoundary()
    {
        var text = string.Concat(Enumerable.Repeat(Chinese, 700));

        var cut = TextReply.Truncate(text, 2048);

        Assert.Equal(682, cut.Length);
        Assert.Equal(2046, Encoding.UTF8.GetByteCount(cut));
    }

    [Fact]
    public void TruncateNeverSplitsASurrogatePair()
    {
        var text = "ab" + "🏠"; // the emoji is 2 UTF-16 chars and 4 UTF-8 bytes

        Assert.Equal("ab", TextReply.Truncate(text, 5));
        Assert.Equal("ab🏠", TextReply.Truncate(text, 6));
        Assert.Equal("", TextReply.Truncate("🏠", 3));
    }

    [Fact]
    public void TruncateLeavesShortTextAlone()
    {
        Assert.Equal("余额", TextReply.Truncate("余额", 2048));
    }

    [Fact]
    public void SplitOfAFittingReplyHasNoOverflow()
    {
        var reply = new TextReply("您的账户状态：正常");

        var (passive, overflow) = reply.SplitForPassiveReply();

        Assert.Same(reply, passive);
        Assert.Equal("", overflow);
    }

    [Fact]
    public void SplitKeepsEveryCharacterAndThePassivePartFits()
    {
        var text = string.Concat(Enumerable.Repeat("缴存明细🏠", 300));

        var (passive, overflow) = new TextReply(text).SplitForPassiveReply();

        Assert.True(passive.FitsInPassiveReply);
        Assert.Equal(text, passive.Content + overflow);
        Assert.False(char.IsHighSurrogate(passive.Content[^1]));
    }

    [Fact]
    public void SplitPrefersALineBreakSoRowsStayWhole()
    {
        var rows = Enumerable.Range(1, 100).Select(i => $"2024-{i % 12 + 1:00} 汇缴 月缴存额 1,234.00 元 第{i}行");
        var text = string.Join('\n', rows);

        var (passive, overflow) = new TextReply(text).SplitForPassiveReply();

        Assert.True(passive.FitsInPassiveReply);
        Assert.EndsWith("\n", passive.Content);
        Assert.StartsWith("2024-", overflow);
        Assert.Equal(text, passive.Content + overflow);
    }
}
