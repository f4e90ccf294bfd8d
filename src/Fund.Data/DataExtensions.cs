using Fund.Core.Accounts;
using Fund.Core.Binding;
using Fund.Core.Certificates;
using Fund.Data.Certificates;
using Fund.Core.Developments;
using Fund.Core.Ledger;
using Fund.Core.Loans;
using Fund.Core.Outlets;
using Fund.Core.Withdrawals;
using Fund.Data.Employers;
using Fund.Data.Migrations;
using Fund.Data.Redis;
using Fund.Data.Security;
using Fund.Data.Seed;
using Fund.Data.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MySqlConnector;
using StackExchange.Redis;

namespace Fund.Data;

public static class DataExtensions
{
    /// <summary>MySQL stores for Core's ports, Redis, the personal-data keys, and health checks for both servers.</summary>
    public static IHostApplicationBuilder AddFundData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Connection strings are read when first needed, so hosts and test factories that add configuration late still win.
        services.AddSingleton(sp => new FundDatabase(FundDatabase.Source(Required(sp, "Fund"))));
        // Connect lazily so a host whose Redis is still starting comes up and reports unhealthy instead of crashing.
        // The connection string carries the password or ACL user (user=,password=) and TLS (ssl=true,sslHost=);
        // Redis:KeyPrefix puts every key of this deployment under one prefix.
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = RedisOptions(Required(sp, "Redis"));
            var prefix = KeyPrefixedConnection.Normalize(sp.GetRequiredService<IConfiguration>()["Redis:KeyPrefix"]);
            if (prefix.Length > 0) options.ChannelPrefix = RedisChannel.Literal(prefix);
            return KeyPrefixedConnection.Wrap(ConnectionMultiplexer.Connect(options), prefix);
        });

        services.AddOptions<SensitiveDataOptions>().BindConfiguration(SensitiveDataOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SensitiveData>();
        services.AddSingleton<DataKeyRotation>();

        services.AddSingleton<PushClaimStore>();
        services.AddSingleton<AccountVersions>();
        services.AddSingleton<AccountCopies>();
        services.AddSingleton<MySqlAccountStore>();
        services.AddSingleton<IAccountStore>(sp => sp.GetRequiredService<MySqlAccountStore>());
        services.AddSingleton<MySqlLedgerStore>();
        services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<MySqlLedgerStore>());
        services.AddSingleton<MySqlLoanStore>();
        services.AddSingleton<ILoanStore>(sp => sp.GetRequiredService<MySqlLoanStore>());
        services.AddSingleton<MySqlWithdrawalStore>();
        services.AddSingleton<IWithdrawalStore>(sp => sp.GetRequiredService<MySqlWithdrawalStore>());
        services.AddSingleton<IBindingStore, MySqlBindingStore>();
        services.AddSingleton<MySqlCitizenLoginStore>();
        services.AddSingleton<MySqlOutletStore>();
        services.AddSingleton<IOutletStore>(sp => sp.GetRequiredService<MySqlOutletStore>());
        services.AddSingleton<OutletFinder>();
        services.AddSingleton<MySqlLoanRateStore>();
        services.AddSingleton<ILoanRateStore>(sp => sp.GetRequiredService<MySqlLoanRateStore>());
        services.AddSingleton<RateTable>();
        services.AddSingleton<MySqlPartnerDevelopmentStore>();
        services.AddSingleton<IPartnerDevelopmentStore>(sp => sp.GetRequiredService<MySqlPartnerDevelopmentStore>());
        services.AddSingleton<AccountQuery>();
        services.AddSingleton<StatementQuery>();
        services.AddSingleton<MySqlMaterialStore>();
        services.AddSingleton<MySqlBankCardStore>();
        services.AddSingleton<MySqlApplicationStore>();
        services.AddSingleton<WithdrawalDecisions>();
        services.AddSingleton<YearEndInterest>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SignInRefusals>();
        services.AddSingleton<CitizenAccessChanges>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<CounterStaffStore>();
        services.AddSingleton<LoanProgressUpdates>();
        services.AddSingleton<MySqlCertificateStore>();
        services.AddSingleton<ICertificateStore>(sp => sp.GetRequiredService<MySqlCertificateStore>());
        services.AddSingleton<ICertificateTokens, CertificateTokens>();
        services.AddEmployerHallData();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<BulkSeeder>();

        services.AddHealthChecks()
            .AddCheck<MySqlHealthCheck>("mysql")
            .AddCheck<RedisHealthCheck>("redis");
        return builder;
    }

    /// <summary>
    /// The Redis client's options: connect lazily (a host whose Redis is still starting comes up unhealthy rather than
    /// crashing), and while the connection is down a command fails at once instead of waiting in the client's backlog
    /// for its timeout (5 s): the dedup step then goes to its MariaDB fallback, a page answers its 503, a publish retries
    /// later, instead of holding the request up to 5 s (the default backlog). It did not by itself end the fault run's
    /// collapse after a Redis outage (held in r8, collapsed in r9; bench/README.md).
    /// </summary>
    public static ConfigurationOptions RedisOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return options;
    }

    private static string Required(IServiceProvider sp, string name) =>
        sp.GetRequiredService<IConfiguration>().GetConnectionString(name)
        ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not configured.");
}
