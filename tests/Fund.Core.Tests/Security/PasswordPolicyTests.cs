using Fund.Core.Security;

namespace Fund.Core.Tests.Security;

public sealed class PasswordPolicyTests
{
    private const string Id = "41150219900307123X";
    private const string Phone = "13812345678";

    [Theory]
    [InlineData("Xinyang2026a")]
    [InlineData("k7!Rm2pQzz")]
    [InlineData("Gjj#Henan88")]
    public void AGoodPasswordPasses(string password) => Assert.Null(PasswordPolicy.Problem(password, Id, Phone));

    [Theory]
    [InlineData(null, "请设置密码")]
    [InlineData("", "请设置密码")]
    [InlineData("Ab3defg", "至少8位")]
    [InlineData("Abcdefgh1234567890xyz", "不能超过20位")]
    [InlineData("abcdefghij", "字母和数字")]
    [InlineData("1234567890", "字母和数字")]
    [InlineData("密码Abc12345", "汉字")]
    [InlineData("Abc 12345678", "空格")]
    [InlineData("Abc12345６", "汉字")]
    public void ShapesThatFailSayWhy(string? password, string expected) =>
        Assert.Contains(expected, PasswordPolicy.Problem(password, Id, Phone));

    [Theory]
    [InlineData("password1")]
    [InlineData("PASSWORD1")]
    [InlineData("qq123456")]
    [InlineData("1qaz2wsx")]
    [InlineData("abcd1234")]
    public void CommonPasswordsAreRefusedInAnyCase(string password) =>
        Assert.Contains("过于常见", PasswordPolicy.Problem(password));

    [Fact]
    public void TheShippedListHoldsAboutTenThousandPasswordsThePolicyWouldOtherwiseAccept()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "common-passwords.txt"));
        Assert.InRange(lines.Length, 9_000, 11_000);
        Assert.All(lines.Take(200), p => Assert.True(PasswordPolicy.IsCommon(p), p));
        Assert.False(PasswordPolicy.IsCommon("Xinyang2026a"));
    }

    [Theory]
    [InlineData("Zz41150219900307123X")] // the whole ID number
    [InlineData("Henan19900307")]        // the birth date in it
    [InlineData("Abc307123x")]           // its last six, any case
    [InlineData("Ab13812345678")]        // the whole phone
    [InlineData("Tel12345678")]          // the phone's last eight
    public void PasswordsBuiltFromTheHoldersIdOrPhoneAreRefused(string password)
    {
        Assert.Contains("身份证号", PasswordPolicy.Problem(password, Id, Phone));
        Assert.Null(PasswordPolicy.Problem(password, "410101198801011234", "13900000000"));
    }
}
