using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Pkh.Import;

namespace Sejahtera.Engine.Pkh;

internal static class PkhServices
{
    /// <summary>The PKH capability: the KPM register, its follow-through, and graduation cases.</summary>
    internal static IServiceCollection AddPkh(this IServiceCollection services) => services
        .AddSingleton<ImportKpm>()
        .AddSingleton<Browse.GetKpmDetails>()
        .AddSingleton<EvaluateGraduation>()
        .AddSingleton<RecordAssessment>();
}
