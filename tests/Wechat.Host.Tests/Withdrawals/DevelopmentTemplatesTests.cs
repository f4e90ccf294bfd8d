using System.Reflection;
using Fund.Data.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wechat.Host.Withdrawals;

namespace Wechat.Host.Tests.Withdrawals;

/// <summary>
/// Issue 19 item 20: in Development every notice the centre queues has a template id, so none fails with "template
/// not configured" while a page says it was sent.
/// </summary>
public sealed class DevelopmentTemplatesTests(FundHostFactory factory) : IClassFixture<FundHostFactory>
{
    [Fact]
    public void DevelopmentConfiguresATemplateForEveryNoticeTheCentreQueues()
    {
        var templates = factory.Services.GetRequiredService<IOptions<TemplateOptions>>().Value;
        var keys = typeof(TemplateKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Contains(TemplateKeys.AccountSecurity, keys);
        Assert.All(keys, key => Assert.False(string.IsNullOrEmpty(templates.IdFor(key)), $"no Development template for {key}"));
    }
}
