using Microsoft.Extensions.Options;

namespace Wechat.Host.Withdrawals;

/// <summary>Online withdrawal for citizens: its options and limits, the documents' encryption and endpoints, the proof it asks.</summary>
public static class WithdrawalsExtensions
{
    public static IHostApplicationBuilder AddWithdrawals(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WithdrawalOptions>().BindConfiguration(WithdrawalOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WithdrawalOptions>>(sp => new WithdrawalOptionsCheck(
            sp.GetRequiredService<IHostEnvironment>().IsDevelopment(), sp.GetRequiredService<IConfiguration>()["Fund:EncryptionKey"]));
        services.AddOptions<Fund.Core.Withdrawals.WithdrawalLimits>().BindConfiguration(Fund.Core.Withdrawals.WithdrawalLimits.Section)
            .Validate(o => !o.Problems().Any(), "Withdrawals:Limits has a value out of range (see WithdrawalLimits.Problems).").ValidateOnStart();
        services.AddSingleton<DocumentCipher>();
        services.AddSingleton<WithdrawalProof>();
        services.AddSingleton<DocumentFiles>();
        services.AddSingleton<JsSdkConfig>();

        return builder;
    }

    public static WebApplication UseWithdrawals(this WebApplication app)
    {
        OversizeUploads.Use(app);
        DocumentEndpoints.Map(app);
        return app;
    }
}
