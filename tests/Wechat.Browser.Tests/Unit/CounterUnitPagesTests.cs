using Fund.Core.OperatorCertificates;
using System.Text.RegularExpressions;
using Fund.Data.Employers;
using Fund.Data.Seed;
using Microsoft.Playwright;

namespace Wechat.Browser.Tests.Unit;

/// <summary>The counter console's side of the employer hall: operators managed by a supervisor, every business with its audit trail.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CounterUnitPagesTests(BrowserFixture fixture)
{
    private readonly UnitHallRig rig = new(fixture);

    [Fact]
    public async Task ASupervisorCreatesAnOperatorIssuesACertificateThatSignsInAndSeesTheBusinessWithItsSerial()
    {
        var employer = await rig.EmployerAsync();
        await rig.EmployeeAsync(employer.Dwzh, 6000m);
        var counter = await fixture.OpenAsync("counter-unit-browser");
        await counter.GotoAsync(fixture.BaseUrl + "/counter/unit/operators");
        await counter.WaitForURLAsync(new Regex("/counter/login"));
        await counter.FillAsync("#Username", "super1");
        await counter.FillAsync("#Password", DemoCounterStaff.Password);
        await counter.ClickAsync("#login");
        await counter.GotoAsync(fixture.BaseUrl + "/counter/unit/operators");

        var idNumber = UnitHallRig.NewIdNumber();
        await counter.FillAsync("#new-dwzh", employer.Dwzh);
        await counter.FillAsync("#new-name", "新专管员");
        await counter.FillAsync("#new-id", idNumber[..17] + (idNumber[17] == '1' ? '2' : '1'));
        await counter.ClickAsync("#create-operator");
        await Assertions.Expect(counter.Locator(".form-error")).ToContainTextAsync("身份证号码校验位不正确");
        await counter.FillAsync("#new-dwzh", employer.Dwzh);
        await counter.FillAsync("#new-name", "新专管员");
        await counter.FillAsync("#new-id", idNumber);
        await counter.ClickAsync("#create-operator");
        await Assertions.Expect(counter.Locator("#notice")).ToContainTextAsync("初始密码");
        var op = await fixture.Get<EmployerOperatorStore>().FindAsync(employer.Dwzh, idNumber, default);
        Assert.NotNull(op);

        await counter.ClickAsync($".operator[data-id='{op.Id}'] .issue");
        var serial = await counter.Locator("#issued-serial").TextContentAsync();
        var password = await counter.Locator("#issued-password").TextContentAsync();
        var href = await counter.Locator("#issued-download").GetAttributeAsync("href");
        var pkcs12 = Convert.FromBase64String(href!.Split(',')[1]);
        await BrowserFixture.ShotAsync(counter, "unit-4-counter-operators");

        var page = await rig.DesktopAsync(new CentreAuthority.IssuedCertificate(serial!, pkcs12, password!, DateTimeOffset.UtcNow.AddYears(1)));
        await page.GotoAsync(fixture.UnitHttpsUrl + "/unit");
        await Assertions.Expect(page.Locator("#ca-subject")).ToHaveTextAsync("新专管员");
        await page.ClickAsync("#ca-sign-in");
        await page.ClickAsync("#nav-remit");
        await page.ClickAsync("#remit-confirm");
        await Assertions.Expect(page.Locator("#remit-message")).ToContainTextAsync("汇缴登记成功");

        await counter.GotoAsync(fixture.BaseUrl + "/counter/unit/businesses");
        await counter.ClickAsync($".unit-business >> text={employer.Dwzh}");
        await Assertions.Expect(counter.Locator("#business-serial")).ToHaveTextAsync(serial!);
        await Assertions.Expect(counter.Locator("#audit .audit-entry")).ToContainTextAsync(["employer.remit"]);
        await Assertions.Expect(counter.Locator("#audit")).ToContainTextAsync("serial=" + serial);

        // Disabling the operator stops the certificate at once.
        await counter.GotoAsync(fixture.BaseUrl + "/counter/unit/operators");
        await counter.ClickAsync($".operator[data-id='{op.Id}'] .toggle");
        await page.GotoAsync(fixture.UnitHttpsUrl + "/unit/business/remit");
        // The disabled operator's session ends at once (issue 19 item 1): back to the sign-in.
        await Assertions.Expect(page.Locator("#password-sign-in")).ToBeVisibleAsync();
    }
}
