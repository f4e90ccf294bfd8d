using Microsoft.Playwright;

namespace Wechat.Browser.Tests.Unit;

/// <summary>Issue 19 item 22: deleting a row of a draft 清册 asks first; cancelling keeps the row.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RosterConfirmationTests(BrowserFixture fixture)
{
    private readonly UnitHallRig rig = new(fixture);

    [Fact]
    public async Task DeletingADraftRowAsksFirstAndCancellingKeepsIt()
    {
        var employer = await rig.EmployerAsync();
        var employee = await rig.EmployeeAsync(employer.Dwzh, 6000m);
        var page = await rig.SignInWithCertificateAsync(await rig.IssueAsync(employer.OperatorId));
        await page.ClickAsync("#nav-seal");
        await page.ClickAsync($".pick[data-grzh='{employee.Grzh}']");
        await Assertions.Expect(page.Locator(".roster-row")).ToHaveCountAsync(1);

        var asked = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) => { asked.Add(dialog.Message); if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync(); };
        await page.Locator(".roster-row button.delete").ClickAsync();
        Assert.Equal(["确定删除第1行吗？"], asked);
        await Assertions.Expect(page.Locator(".roster-row")).ToHaveCountAsync(1);

        accept = true;
        await page.Locator(".roster-row button.delete").ClickAsync();
        await Assertions.Expect(page.Locator(".roster-row")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
