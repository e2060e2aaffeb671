using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Panti.Import;

namespace Sejahtera.Engine.Panti;

internal static class PantiServices
{
    internal static IServiceCollection AddPanti(this IServiceCollection services)
    {
        services.AddSingleton<ImportResidents>();
        services.AddSingleton<RecordResidentStage>();
        return services;
    }
}
