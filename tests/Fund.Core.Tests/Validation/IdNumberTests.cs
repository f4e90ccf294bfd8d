using Fund.Core.Validation;

namespace Fund.Core.Tests.Validation;

public class IdNumberTests
{
    // The two examples printed in GB 11643-1999 itself.
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    public void TheStandardsOwnExamplesAreValid(string id) => Assert.True(IdNumber.IsValid(id));

    [Fact]
    public void CheckCharacterTenIsWrittenAsX() => Assert.Equal('X', IdNumber.CheckCharacter("11010519491231002"));

    [Fact]
    public void ALowerCaseXIsAccepted() => Assert.True(IdNumber.IsValid("11010519491231002x"));

    [Theory]
    [InlineData("110105194912310021", "身份证号码校验位不正确，请核对")]
    [InlineData("44052418800101001", "身份证号码应为18位")]
    [InlineData("440524188013010014", "身份证号码中的出生日期无效")]
    [InlineData("4405241880010100A4", "身份证号码前17位应为数字")]
    [InlineData("", "请输入身份证号码")]
    public void EachKindOfMistakeIsExplainedInChinese(string id, string problem)
    {
        Assert.False(IdNumber.IsValid(id));
        Assert.Equal(problem, IdNumber.Problem(id));
    }

    [Fact]
    public void EverySingleDigitChangeIsCaught()
    {
        const string valid = "440524188001010014";
        for (var i = 0; i < 17; i++)
        {
            var chars = valid.ToCharArray();
            chars[i] = (char)('0' + (chars[i] - '0' + 1) % 10);
            var changed = new string(chars);
            if (IdNumber.BirthDate(changed) is null) continue;
            Assert.False(IdNumber.IsValid(changed), changed);
        }
    }

    [Fact]
    public void BirthDateAndSexAreReadFromTheNumber()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), IdNumber.BirthDate("11010519491231002X"));
        Assert.False(IdNumber.IsMale("11010519491231002X"));
        Assert.True(IdNumber.IsMale("440524188001010014"));
    }
}
