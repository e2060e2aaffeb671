using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Panti;

internal static class PantiServices
{
    /// <summary>The care homes' capability: termination cases (residents are added beside them).</summary>
    internal static IServiceCollection AddPanti(this IServiceCollection services) => services
        .AddSingleton<ProposeTermination>()
        .AddSingleton<EditTermination>();
}
