using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Registry.Import;

namespace Sejahtera.Engine.Registry;

internal static class RegistryServices
{
    internal static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddSingleton<DtksImporter>();
        return services;
    }
}
