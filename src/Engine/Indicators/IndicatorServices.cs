using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Indicators;

internal static class IndicatorServices
{
    /// <summary>The Renstra indicators: the catalog, measures, manual values, the monthly computation and the reports.</summary>
    internal static IServiceCollection AddIndicators(this IServiceCollection services) => services
        .AddSingleton<ImportCatalog>()
        .AddSingleton<IndicatorMeasures>()
        .AddSingleton<IndicatorRealization>()
        .AddSingleton<IndicatorValues>()
        .AddSingleton<RecordIndicatorValues>()
        .AddSingleton<ComputeIndicators>()
        .AddSingleton<IndicatorReports>()
        .AddSingleton<EditIndicatorYear>();
}
