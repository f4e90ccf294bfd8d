using Fund.Core.Validation;

namespace Fund.Core.Tests.Validation;

public class MaskAndNumberTests
{
    [Fact]
    public void IdNumberKeepsFourAtEachEnd() => Assert.Equal("4101**********1234", Mask.IdNumber("410102199001011234"));

    [Fact]
    public void PhoneKeepsThreeAndFour() => Assert.Equal("138****5678", Mask.Phone("13800005678"));

    [Fact]
    public void BankCardKeepsFourAtEachEnd() => Assert.Equal("6228***********8903", Mask.BankCard("6228480012345678903"));

    [Theory]
    [InlineData("张", "张")]
    [InlineData("张伟", "张*")]
    [InlineData("欧阳娜娜", "欧**娜")]
    public void NamesShowFamilyNameOnly(string name, string masked) => Assert.Equal(masked, Mask.Name(name));

    [Fact]
    public void AShortValueIsMaskedWhole() => Assert.Equal("*****", Mask.Phone("12345"));

    [Theory]
    [InlineData("13803760001", true)]
    [InlineData("19912345678", true)]
    [InlineData("12803760001", false)]
    [InlineData("1380376000", false)]
    [InlineData("138037600a1", false)]
    public void MobileNumbers(string value, bool valid) => Assert.Equal(valid, MobileNumber.IsValid(value));

    [Theory]
    [InlineData("6212261000000009", BankCardVerdict.Valid)]
    [InlineData("6228 4800 1234 5678 903", BankCardVerdict.Valid)]
    [InlineData("6228480012345678904", BankCardVerdict.LuhnWarning)]
    [InlineData("4228480012345678903", BankCardVerdict.Invalid)]
    [InlineData("622848001234567", BankCardVerdict.Invalid)]
    [InlineData("62284800123456789031", BankCardVerdict.Invalid)]
    public void BankCardsNeed62And16To19DigitsAndLuhnOnlyWarns(string card, BankCardVerdict verdict) =>
        Assert.Equal(verdict, BankCardNumber.Check(card));
}
