using Fund.Core.OperatorCertificates;
using Fund.Data.Seed;
using Microsoft.Extensions.DependencyInjection;

namespace Fund.Data.Employers;

public static class EmployerHallDataExtensions
{
    /// <summary>The employer hall's stores, its CA, and its demo operators.</summary>
    public static IServiceCollection AddEmployerHallData(this IServiceCollection services) => services
        .AddSingleton<EmployerOperatorStore>()
        .AddSingleton<IOperatorDirectory>(sp => sp.GetRequiredService<EmployerOperatorStore>())
        .AddSingleton<CertificateStore>()
        .AddSingleton<IAuthorityStore>(sp => sp.GetRequiredService<CertificateStore>())
        .AddSingleton<CentreAuthority>()
        .AddSingleton<EmployerHallQueries>()
        .AddSingleton<RemittancePosting>()
        .AddSingleton<RosterStore>()
        .AddSingleton<DemoEmployerOperators>();
}
