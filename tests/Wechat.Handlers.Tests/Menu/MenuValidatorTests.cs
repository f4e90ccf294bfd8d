using Wechat.Handlers.Menu;
using static Wechat.Handlers.Tests.Menu.MenuFixtures;

namespace Wechat.Handlers.Tests.Menu;

public sealed class MenuValidatorTests
{
    private static readonly IReadOnlySet<string> OnlyBalance = new HashSet<string> { "BALANCE" };

    [Fact]
    public async Task TheRealMenuConfigIsValidForTheKeysWeHandle()
    {
        var menu = await LoadRealMenuAsync();

        Assert.Empty(MenuValidator.Validate(menu, RealHandledKeys));
        Assert.Empty(MenuValidator.Validate(menu, RealHandledKeys, "https://gjj.xinyang.example.cn"));
    }

    [Fact]
    public void AMinimalMenuIsValid() =>
        Assert.Empty(MenuValidator.Validate(MenuOf(Click("余额", "BALANCE")), OnlyBalance));

    [Fact]
    public void FourTopButtonsAreTooMany()
    {
        var menu = MenuOf(Click("余额", "BALANCE"), View("一", "https://a.cn"), View("二", "https://b.cn"),
            View("三", "https://c.cn"));

        Assert.Contains(MenuValidator.Validate(menu, OnlyBalance), p => p.Contains("1–3"));
    }

    [Fact]
    public void AnEmptyMenuIsRefused() =>
        Assert.Contains(MenuValidator.Validate(MenuOf(), new HashSet<string>()), p => p.Contains("1–3"));

    [Fact]
    public void SixSubButtonsAreTooManyAndNoneIsTooFew()
    {
        var six = Parent("查询", Click("余额", "BALANCE"), View("1", "https://a.cn"), View("2", "https://a.cn"),
            View("3", "https://a.cn"), View("4", "https://a.cn"), View("5", "https://a.cn"));
        var none = Parent("空的");

        var problems = MenuValidator.Validate(MenuOf(six, none), OnlyBalance);

        Assert.Equal(2, problems.Count(p => p.Contains("1–5")));
    }

    [Fact]
    public void ATopNameIsMeasuredInUtf8BytesAgainstSixteen()
    {
        // Each 汉字 is 3 bytes in UTF-8: five (15 bytes) fit, seven (21 bytes) do not.
        var fits = Parent("公积金查询", Click("余额", "BALANCE"));
        var tooLong = Parent("公积金贷款查询", View("进度", "https://a.cn"));

        var problems = MenuValidator.Validate(MenuOf(fits, tooLong), OnlyBalance);

        var problem = Assert.Single(problems);
        Assert.Contains("公积金贷款查询", problem);
        Assert.Contains("21 字节", problem);
    }

    [Fact]
    public void ASubNameIsMeasuredInUtf8BytesAgainstSixty()
    {
        var twenty = new string('贷', 20);
        var twentyOne = new string('贷', 21);
        var menu = MenuOf(Parent("贷款", View(twenty, "https://a.cn"), View(twentyOne, "https://a.cn")));

        var problem = Assert.Single(MenuValidator.Validate(menu, new HashSet<string>()));
        Assert.Contains("63 字节", problem);
    }

    [Fact]
    public void AClickKeyWithoutAHandlerIsReported()
    {
        var menu = MenuOf(Click("余额", "BALANCE"), Click("热线", "HOTLINE"));

        var problem = Assert.Single(MenuValidator.Validate(menu, OnlyBalance));
        Assert.Contains("HOTLINE", problem);
        Assert.Contains("no handler", problem);
    }

    [Fact]
    public void AHandlerKeyTheMenuCannotReachIsReported()
    {
        var handled = new HashSet<string> { "BALANCE", "OUTLETS" };

        var problem = Assert.Single(MenuValidator.Validate(MenuOf(Click("余额", "BALANCE")), handled));
        Assert.Contains("OUTLETS", problem);
        Assert.Contains("not reachable", problem);
    }

    [Fact]
    public void ADuplicateKeyIsReported()
    {
        var menu = MenuOf(Click("余额", "BALANCE"), Parent("更多", Click("余额查询", "BALANCE")));

        Assert.Contains(MenuValidator.Validate(menu, OnlyBalance), p => p.Contains("duplicate key"));
    }

    [Fact]
    public void AClickWithoutAKeyAndAViewWithoutAUrlAreReported()
    {
        var menu = MenuOf(new MenuButton { Type = "click", Name = "无键" }, new MenuButton { Type = "view", Name = "无址" });

        var problems = MenuValidator.Validate(menu, new HashSet<string>());

        Assert.Contains(problems, p => p.Contains("needs a key"));
        Assert.Contains(problems, p => p.Contains("http(s)"));
    }

    [Fact]
    public void AViewUrlMustBeHttpAfterThePlaceholderIsReplaced()
    {
        var menu = MenuOf(View("账户", "{PublicBaseUrl}/h5/account"), View("脚本", "javascript:alert(1)"));

        var problem = Assert.Single(MenuValidator.Validate(menu, new HashSet<string>(), "https://fund.example.cn"));
        Assert.Contains("javascript:", problem);
    }

    [Fact]
    public void AnUnknownTypeIsReported()
    {
        var menu = MenuOf(new MenuButton { Type = "hyperlink", Name = "未知", Url = "https://a.cn" });

        Assert.Contains(MenuValidator.Validate(menu, new HashSet<string>()), p => p.Contains("hyperlink"));
    }

    [Fact]
    public void KeysAndUrlsAreLimitedInBytes()
    {
        var longKey = new string('K', 129);
        var longUrl = "https://a.cn/" + new string('p', 1012);
        var menu = MenuOf(Click("长键", longKey), View("长址", longUrl));

        var problems = MenuValidator.Validate(menu, new HashSet<string> { longKey });

        Assert.Contains(problems, p => p.Contains("key longer than 128"));
        Assert.Contains(problems, p => p.Contains("url longer than 1024"));
    }

    [Fact]
    public void EventButtonsOtherThanClickNeedHandlersToo()
    {
        var menu = MenuOf(new MenuButton { Type = "location_select", Name = "附近网点", Key = "NEARBY" });

        Assert.Contains(MenuValidator.Validate(menu, new HashSet<string>()), p => p.Contains("NEARBY"));
    }
}
