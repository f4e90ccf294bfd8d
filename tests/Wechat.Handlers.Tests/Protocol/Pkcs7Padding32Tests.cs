using Wechat.Handlers.Protocol;

namespace Wechat.Handlers.Tests.Protocol;

public sealed class Pkcs7Padding32Tests
{
    [Theory]
    [InlineData(0, 32)]
    [InlineData(1, 31)]
    [InlineData(31, 1)]
    [InlineData(32, 32)]
    [InlineData(33, 31)]
    public void PaddingFillsToAMultipleOf32WithItsOwnLength(int length, int expectedPad)
    {
        var padded = Pkcs7Padding32.Pad(new byte[length]);

        Assert.Equal(length + expectedPad, padded.Length);
        Assert.All(padded[length..], b => Assert.Equal(expectedPad, b));
        Assert.True(Pkcs7Padding32.TryUnpad(padded, out var data));
        Assert.Equal(length, data.Length);
    }

    [Fact]
    public void PadOfZeroIsRejected()
    {
        Assert.False(Pkcs7Padding32.TryUnpad(new byte[32], out _));
    }

    [Fact]
    public void PadLongerThan32IsRejected()
    {
        var padded = Enumerable.Repeat((byte)33, 64).ToArray();

        Assert.False(Pkcs7Padding32.TryUnpad(padded, out _));
    }

    [Fact]
    public void InconsistentPadBytesAreRejected()
    {
        var padded = Pkcs7Padding32.Pad(new byte[20]);
        padded[^5] = 7;

        Assert.False(Pkcs7Padding32.TryUnpad(padded, out _));
    }

    [Fact]
    public void EmptyBufferIsRejected()
    {
        Assert.False(Pkcs7Padding32.TryUnpad([], out _));
    }
}
