using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Panti.Import;

namespace Sejahtera.Engine.Panti;

internal static class PantiServices
{
    /// <summary>The care homes' capability: the resident register and termination cases.</summary>
    internal static IServiceCollection AddPanti(this IServiceCollection services) => services
        .AddSingleton<ImportResidents>()
        .AddSingleton<RecordResidentStage>()
        .AddSingleton<ProposeTermination>()
        .AddSingleton<EditTermination>();
}
