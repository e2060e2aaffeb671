using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Pkh;

internal static class PkhServices
{
    /// <summary>PKH: the KPM register and graduation cases.</summary>
    internal static IServiceCollection AddPkh(this IServiceCollection services) => services
        .AddSingleton<EvaluateGraduation>()
        .AddSingleton<RecordAssessment>();
}
