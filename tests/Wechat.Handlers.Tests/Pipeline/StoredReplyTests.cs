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

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\":\"video\"}")]
    [InlineData("{\"type\":\"text\"}")]
    public void SomethingWeDidNotWriteReadsAsNull(string json)
    {
        Assert.Null(StoredReply.Deserialize(json));
    }
}
