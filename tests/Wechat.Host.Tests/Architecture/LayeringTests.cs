using System.Reflection;
using NetArchTest.Rules;

namespace Wechat.Host.Tests.Architecture;

/// <summary>
/// The arrows of docs/architecture.md, checked on the compiled assemblies: Host → Handlers → Core, Host → Data → Core;
/// Core references nothing of ours and no framework for the web, SQL or Redis.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Core = typeof(Fund.Core.CentreClock).Assembly;
    private static readonly Assembly Data = typeof(Fund.Data.FundDatabase).Assembly;
    private static readonly Assembly Handlers = typeof(global::Wechat.Handlers.WechatOptions).Assembly;

    private static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful,
            $"{assembly.GetName().Name} must not depend on {string.Join(", ", forbidden)}; these do: " +
            string.Join(", ", result.FailingTypeNames ?? []));
    }

    private static void AssertNoReference(Assembly assembly, params string[] forbiddenPrefixes)
    {
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, name => forbiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void CoreReferencesNothingOfOursAndNoWebSqlOrRedisFramework()
    {
        string[] forbidden = ["Fund.Data", "Wechat.Handlers", "Wechat.Host", "Microsoft.AspNetCore", "Microsoft.Extensions", "Dapper",
            "MySqlConnector", "StackExchange.Redis"];
        AssertNoDependency(Core, forbidden);
        AssertNoReference(Core, forbidden);
    }

    [Fact]
    public void HandlersDoNotReachIntoData()
    {
        AssertNoDependency(Handlers, "Fund.Data", "Wechat.Host", "Dapper", "MySqlConnector");
        AssertNoReference(Handlers, "Fund.Data", "Wechat.Host");
    }

    /// <remarks>
    /// The seeders hash demo passwords with Identity's PasswordHasher, whose namespace is Microsoft.AspNetCore.Identity
    /// but whose assembly is Microsoft.Extensions.Identity.Core: no assembly of the web framework is referenced.
    /// </remarks>
    [Fact]
    public void DataDoesNotReachIntoTheHostOrTheWebFramework()
    {
        AssertNoDependency(Data, "Wechat.Host", "Wechat.Handlers", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc",
            "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Authentication");
        AssertNoReference(Data, "Wechat.Host", "Wechat.Handlers", "Microsoft.AspNetCore");
    }
}
