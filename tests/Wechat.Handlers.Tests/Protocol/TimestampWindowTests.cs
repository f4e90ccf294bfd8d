using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class TimestampWindowTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Theory]
    [InlineData("1700000000")]
    [InlineData("1699999700")]
    [InlineData("1700000300")]
    public void TimestampWithinTheWindowIsFresh(string timestamp)
    {
        Assert.True(TimestampWindow.IsFresh(timestamp, Now, 300));
    }

    [Theory]
    [InlineData("1699999699")]
    [InlineData("1700000301")]
    [InlineData("0")]
    [InlineData("99999999999999999")]
    public void TimestampOutsideTheWindowIsStale(string timestamp)
    {
        Assert.False(TimestampWindow.IsFresh(timestamp, Now, 300));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1700000000")]
    [InlineData("+1700000000")]
    [InlineData(" 1700000000")]
    [InlineData("1700000000.5")]
    [InlineData("١٧٠٠٠٠٠٠٠٠")]
    [InlineData("99999999999999999999999")]
    public void NonNumericTimestampIsNotFresh(string? timestamp)
    {
        Assert.False(TimestampWindow.IsFresh(timestamp, Now, 300));
    }
}
