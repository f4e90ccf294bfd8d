using Fund.Core.Security;

namespace Fund.Core.Tests.Security;

public class PasswordPolicyTests
{
    [Fact]
    public void TheShippedListHoldsAboutTenThousandCommonPasswords()
    {
        Assert.InRange(PasswordPolicy.CommonPasswordCount, 9_000, 12_000);
    }

    [Theory]
    [InlineData("password1")]
    [InlineData("Password1")]
    [InlineData("QWER1234")]
    [InlineData("woaini1314")]
    [InlineData("1qaz2wsx")]
    [InlineData("a12345678")]
    [InlineData("zhangwei123")]
    public void CommonPasswordsAreRefusedWhateverTheirCase(string password)
    {
        Assert.Equal("密码过于常见，容易被猜中，请换一个", PasswordPolicy.Problem(password));
    }

    [Theory]
    [InlineData("", "密码至少8位")]
    [InlineData("Ab1cd2e", "密码至少8位")]
    [InlineData("abcdefghij", "密码须同时包含字母和数字")]
    [InlineData("1234509876", "密码须同时包含字母和数字")]
    [InlineData("Ab1 cd2efg", "密码不能包含空格或控制字符")]
    public void ShortOrOneKindOrSpacedPasswordsAreRefused(string password, string expected)
    {
        Assert.Equal(expected, PasswordPolicy.Problem(password));
    }

    [Fact]
    public void APasswordLongerThanTheMaximumIsRefused()
    {
        Assert.Equal("密码不能超过64位", PasswordPolicy.Problem(new string('a', 60) + "12345"));
    }

    [Fact]
    public void APasswordContainingThePersonsOwnDataIsRefused()
    {
        Assert.Equal("密码不能包含用户名、身份证号或手机号", PasswordPolicy.Problem("Clerk7-Rainy9", "clerk7"));
        Assert.Equal("密码不能包含用户名、身份证号或手机号", PasswordPolicy.Problem("x13803760001y", "411502198803151018", "13803760001"));
        Assert.Null(PasswordPolicy.Problem("Li-Rainy-Harbour9", "li"));
    }

    [Theory]
    [InlineData("Harbour-Lantern-47")]
    [InlineData("xinyang7Mist")]
    public void AnUncommonMixedPasswordPasses(string password)
    {
        Assert.Null(PasswordPolicy.Problem(password, "clerk1"));
    }
}
