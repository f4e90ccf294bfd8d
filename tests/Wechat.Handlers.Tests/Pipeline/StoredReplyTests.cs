using Wechat.Handlers.Pipeline;
using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Pipeline;

public sealed class StoredReplyTests
{
    public static TheoryData<Reply> Replies() =>
    [
        new TextReply("余额：¥1,234.56\n\"引号\" <xml>"),
        new NewsReply("标题", "描述", "https://fund.example.test/p.png", "https://fund.example.test/h5/account"),
        SuccessReply.Instance,
        EmptyReply.Instance,
    ];

    [Theory]
    [MemberData(nameof(Replies))]
    public void EveryReplyKindSurvivesTheRoundTrip(Reply reply)
    {
        Assert.Equal(reply, StoredReply.Deserialize(StoredReply.Serialize(reply)));
    }

    [Fact]
    public void ChineseTextIsStoredAsItselfNotAsEscapes()
    {
        // Every instance keeps its recent claims' replies in memory for the hand-over to the fallback, and Redis keeps
        // them for retries: \uXXXX escapes made a 我的账户 reply several times its size in both.
        var text = "【我的账户】\n姓名：张伟\n账户余额：¥194,054.65";
        var stored = StoredReply.Serialize(new TextReply(text));
        Assert.DoesNotContain("\\u", stored);
        Assert.Contains("账户余额", stored);
        Assert.True(stored.Length < text.Length + 40, stored);

        // What earlier versions wrote, escaped, still reads back.
        Assert.Equal(new TextReply("余额"), StoredReply.Deserialize("{\"type\":\"text\",\"content\":\"\\u4F59\\u989D\"}"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\":\"video\"}")]
    [InlineData("{\"type\":\"text\"}")]
    public void SomethingWeDidNotWriteReadsAsNull(string json)
    {
        Assert.Null(StoredReply.Deserialize(json));
    }
}
