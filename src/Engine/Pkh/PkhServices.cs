using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Pkh.Import;

namespace Sejahtera.Engine.Pkh;

internal static class PkhServices
{
    /// <summary>The PKH capability: the KPM register and its follow-through.</summary>
    internal static IServiceCollection AddPkh(this IServiceCollection services) => services
        .AddSingleton<ImportKpm>()
        .AddSingleton<Browse.GetKpmDetails>();
}
