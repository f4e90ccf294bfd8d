using Wechat.Host.H5;

namespace Wechat.Host.Tests.H5;

/// <summary>
/// Where /h5/login and the OAuth callback may send a citizen back to: an /h5 page of this site, never a path that
/// climbs out of /h5 or only starts with its letters — the same rule the hall keeps for /hall.
/// </summary>
public sealed class ReturnPathTests
{
    [Theory]
    [InlineData("/h5evil")]
    [InlineData("/h5/../evil")]
    [InlineData("/h5/..")]
    [InlineData("/h5/%2e%2e/evil")]
    [InlineData("/h5/%2E%2E/evil")]
    [InlineData("/h5/./account")]
    [InlineData("/h5/%5c..%5cevil")]
    [InlineData("//evil.example/h5")]
    [InlineData("/h5\\..\\evil")]
    public void APathThatLeavesH5IsNotOwn(string path) => Assert.False(OAuthCallback.IsOwnPage(path));

    [Theory]
    [InlineData("/h5")]
    [InlineData("/h5/account")]
    [InlineData("/h5/statement?year=2025")]
    public void AnH5PageIsOwn(string path) => Assert.True(OAuthCallback.IsOwnPage(path));
}
