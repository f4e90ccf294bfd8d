using Fund.Core.Security;

namespace Fund.Core.Tests.Security;

public sealed class PasswordPolicyTests
{
    private const string Id = "41150219900307123X";
    private const string Phone = "13812345678";

    [Fact]
    public void TheShippedListHoldsAboutTenThousandCommonPasswords()
    {
        Assert.InRange(PasswordPolicy.CommonPasswordCount, 9_000, 12_000);
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "common-passwords.txt"));
        Assert.All(lines.Take(200), p => Assert.True(PasswordPolicy.IsCommon(p), p));
        Assert.False(PasswordPolicy.IsCommon("Xinyang2026a"));
    }

    [Theory]
    [InlineData("password1")]
    [InlineData("Password1")]
    [InlineData("PASSWORD1")]
    [InlineData("QWER1234")]
    [InlineData("woaini1314")]
    [InlineData("1qaz2wsx")]
    [InlineData("a12345678")]
    [InlineData("qq123456")]
    [InlineData("abcd1234")]
    [InlineData("zhangwei123")]
    public void CommonPasswordsAreRefusedWhateverTheirCase(string password) =>
        Assert.Equal("密码过于常见，容易被猜中，请换一个", PasswordPolicy.Problem(password));

    [Theory]
    [InlineData(null, "请设置密码")]
    [InlineData("", "请设置密码")]
    [InlineData("Ab1cd2e", "密码至少8位")]
    [InlineData("abcdefghij", "密码须同时包含字母和数字")]
    [InlineData("1234509876", "密码须同时包含字母和数字")]
    [InlineData("Ab1 cd2efg", "不能含汉字或空格")]
    [InlineData("密码Abc12345", "不能含汉字或空格")]
    [InlineData("Abc12345６", "不能含汉字或空格")]
    public void ShapesThatFailSayWhy(string? password, string expected) =>
        Assert.Contains(expected, PasswordPolicy.Problem(password, Id, Phone));

    [Fact]
    public void APasswordLongerThanTheMaximumIsRefused() =>
        Assert.Equal("密码不能超过64位", PasswordPolicy.Problem(new string('a', 60) + "12345"));

    [Fact]
    public void APasswordContainingTheUsernameIsRefused()
    {
        Assert.Equal("密码不能包含用户名、身份证号或手机号", PasswordPolicy.Problem("Clerk7-Rainy9", "clerk7"));
        Assert.Null(PasswordPolicy.Problem("Li-Rainy-Harbour9", "li"));
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

    [Theory]
    [InlineData("Harbour-Lantern-47")]
    [InlineData("xinyang7Mist")]
    [InlineData("Xinyang2026a")]
    [InlineData("k7!Rm2pQzz")]
    [InlineData("Gjj#Henan88")]
    public void AnUncommonMixedPasswordPasses(string password)
    {
        Assert.Null(PasswordPolicy.Problem(password, "clerk1"));
        Assert.Null(PasswordPolicy.Problem(password, Id, Phone));
    }
}
