using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Admission;

/// <summary>Registers admission: expiry and per-tenant limits, with their settings validated when the host starts.</summary>
internal static class AdmissionServiceCollectionExtensions
{
    public static IServiceCollection AddRunAdmission(this IServiceCollection services)
    {
        services.AddOptions<ExpiryOptions>().BindConfiguration(ExpiryOptions.Section).ValidateOnStart();
        services.AddOptions<TenantOptions>().BindConfiguration(TenantOptions.Section).ValidateOnStart();
        services.AddSingleton<AdmissionOptionsValidator>();
        services.AddSingleton<IValidateOptions<ExpiryOptions>>(provider => provider.GetRequiredService<AdmissionOptionsValidator>());
        services.AddSingleton<IValidateOptions<TenantOptions>>(provider => provider.GetRequiredService<AdmissionOptionsValidator>());
        services.AddSingleton<TenantLimiter>();
        services.AddSingleton<AdmissionMetrics>();
        services.AddSingleton<RunAdmission>();
        return services;
    }
}
