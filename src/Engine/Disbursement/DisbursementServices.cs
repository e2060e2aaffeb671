using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Disbursement;

internal static class DisbursementServices
{
    internal static IServiceCollection AddDisbursement(this IServiceCollection services)
    {
        services.AddSingleton<PaymentBatches>();
        services.AddSingleton<PeriodDecreeListing>();
        services.AddSingleton<CorrectPayment>();
        return services;
    }
}
