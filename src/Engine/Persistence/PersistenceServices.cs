using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Persistence;

internal static class PersistenceServices
{
    internal static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<SejahteraDbContext, SqliteSejahteraDbContext>(settings.Configure),
            DatabaseProvider.Postgres => services.AddDbContext<SejahteraDbContext, PostgresSejahteraDbContext>(settings.Configure),
            _ => services.AddDbContext<SejahteraDbContext, SqlServerSejahteraDbContext>(settings.Configure),
        };
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
